/**
 * A whole cluster on one MemoryNetwork and one VirtualScheduler: each node is a system
 * started as `/app`, whose events and dead letters are recorded.
 */
import { MemoryNetwork, memoryTransport } from '../../lib';
import type { ActorClass, ClusterOptions, SystemOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { shutdown, startSystem } from '../support/harness';
import type { Harness } from '../support/harness';

export interface Cluster {
  network: MemoryNetwork;
  scheduler: VirtualScheduler;
  nodes: Map<string, Harness>;
  /** The harness of `node`. */
  at(node: string): Harness;
  /** Starts one more node on the same network and clock. */
  start(node: string, Root: ActorClass, cluster?: Partial<ClusterOptions>, options?: Omit<SystemOptions, 'scheduler' | 'cluster'>): Promise<Harness>;
  /** Advances virtual time by `ms`, in heartbeat-sized steps so that frames flow between timers. */
  advance(ms: number): Promise<void>;
  /**
   * Lets real event-loop turns pass (mailboxes yield to the event loop every millisecond of
   * work) without moving virtual time, until `done()` holds or `turns` have passed.
   */
  until(done: () => boolean, turns?: number): Promise<void>;
  /** Shuts every node down that is still up. */
  end(): Promise<void>;
}

export const HEARTBEAT = 100;
export const FAILURE_TIMEOUT = 500;

export function cluster(): Cluster {
  const network = new MemoryNetwork();
  const scheduler = new VirtualScheduler();
  const nodes = new Map<string, Harness>();
  const c: Cluster = {
    network,
    scheduler,
    nodes,
    at: (node) => {
      const h = nodes.get(node);
      if (h === undefined) throw new Error(`no node ${node}`);
      return h;
    },
    async start(node, Root, extra = {}, options = {}) {
      const h = await startSystem(
        Root,
        { logger: null, ...options, cluster: { transport: memoryTransport(network), node, heartbeatIntervalMs: HEARTBEAT, failureTimeoutMs: FAILURE_TIMEOUT, ...extra } },
        scheduler,
      );
      nodes.set(node, h);
      return h;
    },
    async advance(ms) {
      const end = scheduler.now() + ms;
      while (scheduler.now() < end) await scheduler.advanceBy(Math.min(HEARTBEAT / 4, end - scheduler.now()));
    },
    async until(done, turns = 2000) {
      for (let i = 0; i < turns && !done(); i++) {
        await new Promise((resolve) => setImmediate(resolve));
        await scheduler.advanceBy(0);
      }
    },
    async end() {
      for (const h of [...nodes.values()].reverse()) await shutdown(h);
      nodes.clear();
    },
  };
  return c;
}

/** Dead letters and events of a harness, by reason or type. */
export function reasons(h: Harness): string[] {
  return h.deadLetters.map((d) => d.reason);
}

export function nodeEvents(h: Harness): string[] {
  return h.events.filter((e) => e.type.startsWith('node-')).map((e) => `${e.type} ${e.node}${e.reason ? ` ${e.reason}` : ''}`);
}
