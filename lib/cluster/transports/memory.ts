import { ClusterError } from '../../errors';
import type { ClusterTransport, TransportConnection, TransportSetup } from '../types';

/** One connected node of a memory network. */
interface Endpoint {
  readonly setup: TransportSetup;
  crashed: boolean;
  closed: boolean;
}

/**
 * An in-process network: systems whose transports share one network form a cluster. It
 * delivers every frame in a later microtask (never inside the sender's call), in order, and
 * has no timer of its own: heartbeats, failure detection and resends run on the systems'
 * scheduler, so a whole cluster runs in virtual time. Its faults are deterministic.
 *
 * @example
 * const network = new MemoryNetwork();
 * const a = await ActorSystem.start(App, { cluster: { transport: network.transport(), node: 'a' } });
 * const b = await ActorSystem.start(App, { cluster: { transport: network.transport(), node: 'b' } });
 * network.partition(['a'], ['b']); // frames between a and b are dropped until heal()
 */
export class MemoryNetwork {
  /** The live endpoint of each node, by cluster name, then node name. */
  private readonly clusters = new Map<string, Map<string, Endpoint>>();
  private readonly partitions: [ReadonlySet<string>, ReadonlySet<string>][] = [];

  /** A transport on this network, for one system. */
  transport(): ClusterTransport {
    return memoryTransport(this);
  }

  /** The node vanishes without a goodbye: no frame reaches it or leaves it any more. */
  crash(node: string): void {
    for (const endpoints of this.clusters.values()) {
      const endpoint = endpoints.get(node);
      if (endpoint !== undefined) endpoint.crashed = true;
    }
  }

  /** Frames between a node of `a` and a node of `b` are dropped, both ways, until `heal()`. */
  partition(a: readonly string[], b: readonly string[]): void {
    this.partitions.push([new Set(a), new Set(b)]);
  }

  /** Ends every partition (a crashed node stays crashed). */
  heal(): void {
    this.partitions.length = 0;
  }

  /** Delivers raw bytes to `node`'s inbox as if a peer had sent them (malformed-frame tests). */
  inject(node: string, frame: Uint8Array | string): void {
    for (const endpoints of this.clusters.values()) {
      const endpoint = endpoints.get(node);
      if (endpoint !== undefined) queueMicrotask(() => endpoint.closed || endpoint.setup.receive(frame));
    }
  }

  /** @internal */
  connect(setup: TransportSetup): TransportConnection {
    let endpoints = this.clusters.get(setup.cluster);
    if (endpoints === undefined) this.clusters.set(setup.cluster, (endpoints = new Map()));
    const holder = endpoints.get(setup.node);
    if (holder !== undefined && !holder.crashed) {
      throw new ClusterError(
        `The node name '${setup.node}' is taken by a live node of cluster '${setup.cluster}' on this memory network. ` +
          `Give each system its own cluster.node.`,
      );
    }
    const self: Endpoint = { setup, crashed: false, closed: false };
    endpoints.set(setup.node, self);
    const members = endpoints;
    const deliver = (to: Endpoint, frame: string): void => {
      queueMicrotask(() => {
        if (!to.closed && !this.blocked(self, to)) to.setup.receive(frame);
      });
    };
    return {
      send: (peer, frame) => {
        if (self.closed || self.crashed) return;
        const to = members.get(peer);
        if (to === undefined) queueMicrotask(() => self.closed || self.crashed || setup.peerGone(peer));
        else if (!this.blocked(self, to)) deliver(to, frame);
      },
      broadcast: (frame) => {
        if (self.closed || self.crashed) return;
        for (const to of members.values()) if (!this.blocked(self, to)) deliver(to, frame);
      },
      settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
      close: async () => {
        self.closed = true;
        if (members.get(setup.node) === self) members.delete(setup.node);
      },
    };
  }

  private blocked(from: Endpoint, to: Endpoint): boolean {
    if (from.crashed || to.crashed) return true;
    const a = from.setup.node;
    const b = to.setup.node;
    return this.partitions.some(([left, right]) => (left.has(a) && right.has(b)) || (left.has(b) && right.has(a)));
  }
}

const processNetwork = new MemoryNetwork();

/**
 * A transport on an in-process network. Without an argument it uses one network shared by
 * the whole process; pass a `MemoryNetwork` to isolate a test's cluster from the others.
 */
export function memoryTransport(network: MemoryNetwork = processNetwork): ClusterTransport {
  return {
    kind: 'memory',
    connect: async (setup) => network.connect(setup),
  };
}
