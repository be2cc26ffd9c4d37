import { availableParallelism } from 'node:os';
import { runSync, type Running } from '../actor/current';
import { decode, encode, FrameRejection, wireAddress, type RefCodec } from '../cluster/codec';
import { refAt } from '../core/absent';
import { isRef, type AnyRef } from '../core/ref';
import type { ProcessRegistry } from '../core/registry';
import { SerializationError } from '../errors';
import { threadEntry, type ChildSettings } from '../metadata';
import type { Context } from '../actor/context';
import type { ActorRef, Cancellable, Logger } from '../types';
import { ANSWER, ASK, CANCEL, EXIT, PIPE, STOP_REF, TELL, TIMER, WATCH, type Item, type WorkerSetup } from './protocol';
import { Thread, type ThreadOwner } from './thread';
import { errorOut } from './wire';

/**
 * Letters in flight to one incarnation on a worker (sent, not answered yet): enough to keep
 * a worker busy with small messages, and for slow handlers about `COMMIT_MS` of work, so
 * that the rest waits on the caller's side where an idle member of its group can take it.
 * With 8 ms, a CPU pool of ~2 ms tasks ran at about 0.90x a hand-written 2-worker pool here
 * (the main thread, sharing 2 cores with both workers, did not always refill in time), with
 * 16 ms at about 0.95x, with 32 ms at about 0.98x (medians of 4-5 runs of 10 rounds each).
 * 16 ms keeps small what an idle sibling cannot take, and what a dying worker loses.
 */
export const MAX_LETTER_WINDOW = 128;
export const MIN_LETTER_WINDOW = 4;
export const COMMIT_MS = 16;

/** Items in flight on one worker's link. */
const LINK_WINDOW = 4096;

/** A group member on a thread that shares work with its siblings. */
export interface Sharer {
  readonly path: string;
  /** Letters queued on the caller's side. */
  readonly queued: number;
  /** Running or waiting for a restart, not stopping: its queue may go to a sibling. */
  readonly canGive: boolean;
  /** Takes up to `n` of its newest letters off its queue (letters the runtime sent itself stay). */
  giveNewest(n: number): unknown[];
  take(letters: unknown[]): void;
}

function groupOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** What the main thread keeps of one incarnation on a worker, for the effects its code sends back. */
export interface EffectHost {
  /** The incarnation, as the registry sees the sender of what it sends. */
  readonly running: Running;
  readonly context: Context;
  readonly timers: Map<number, Cancellable>;
  /** A `ctx.pipeToSelf` outcome `id` settled in the worker. */
  pipe(id: number): void;
}

/**
 * The worker threads of one system. It places actors (a single child or a spawned actor on a
 * worker of its own; the members of a group over the group's `threads` workers, round
 * robin), carries out on the main thread what worker code asks for (tells, asks, timers,
 * watches, stops: the registry delivers them as from that actor), and stops every worker
 * after the actors, at shutdown.
 */
export class ThreadPool implements ThreadOwner {
  readonly setup: WorkerSetup;
  /** How the codec reads and rebuilds refs on the main thread. */
  readonly refs: RefCodec;
  private readonly threads = new Set<Thread>();
  /** The threads of groups: they stay with their group (it may grow again). */
  private readonly grouped = new Set<Thread>();
  private readonly groups = new Map<string, Thread[]>();
  /** The members of each group on threads that share their work (a dispatch that is no function). */
  private readonly sharing = new Map<string, Sharer[]>();
  private readonly entries = new Map<Function, { module: string; exportName: string }>();

  constructor(
    private readonly registry: ProcessRegistry,
    readonly logger: Logger,
  ) {
    this.setup = { node: registry.node, window: LINK_WINDOW };
    this.refs = {
      addressOf: (value) => (isRef(value) ? value.address : undefined),
      refAt: (address) => this.refAt(address),
    };
  }

  /** The thread for the actor at `path`. */
  place(path: string, settings: ChildSettings): Thread {
    if (settings.redundancy === undefined) return this.newThread();
    const group = groupOf(path);
    const index = Number(path.slice(group.length + 1));
    let threads = this.groups.get(group);
    if (threads === undefined) {
      // More workers than members would idle; a resizer may grow the group up to its max.
      const most = Math.max(settings.redundancy, settings.resize?.max ?? 0, 1);
      const count = Math.min(settings.threads ?? availableParallelism(), most);
      threads = Array.from({ length: count }, () => this.newThread());
      for (const thread of threads) this.grouped.add(thread);
      this.groups.set(group, threads);
    }
    return threads[(Number.isInteger(index) ? index : 0) % threads.length];
  }

  /** A thread with no actor left stopped its worker: it is forgotten until it starts one again. */
  idle(thread: Thread): void {
    if (!this.grouped.has(thread)) this.threads.delete(thread);
  }

  working(thread: Thread): void {
    this.threads.add(thread);
  }

  /** Enters a group member that shares its group's work. */
  joinSharing(member: Sharer): void {
    const group = groupOf(member.path);
    let members = this.sharing.get(group);
    if (members === undefined) this.sharing.set(group, (members = []));
    if (!members.includes(member)) members.push(member);
  }

  /**
   * `idle` ran out of work: it takes the newer half of the queue of the sibling with the
   * most queued on the caller's side. Letters are bound to a member when the group routes
   * them; a member on a slower core would otherwise finish last while the others wait.
   */
  share(idle: Sharer): void {
    const members = this.sharing.get(groupOf(idle.path));
    if (members === undefined) return;
    let busiest: Sharer | undefined;
    for (const member of members) if (member !== idle && member.canGive && (busiest === undefined || member.queued > busiest.queued)) busiest = member;
    if (busiest === undefined || busiest.queued < 2) return;
    const taken = busiest.giveNewest(Math.floor(busiest.queued / 2));
    if (taken.length > 0) idle.take(taken);
  }

  /** Stops every worker; called once the actors stopped. */
  async close(): Promise<void> {
    await Promise.all([...this.threads].map((thread) => thread.close()));
  }

  /** Where a worker finds `actorClass` (checked when the tree was built), cached per class. */
  entry(actorClass: Function): { module: string; exportName: string } {
    let entry = this.entries.get(actorClass);
    if (entry === undefined) this.entries.set(actorClass, (entry = threadEntry(actorClass)));
    return entry;
  }

  private newThread(): Thread {
    const thread = new Thread(this);
    this.threads.add(thread);
    thread.prestart();
    return thread;
  }

  /** The ref an address from a worker names: a process of this node, a remote ref, or a stopped actor. */
  refAt(address: string): AnyRef {
    const { node, path } = wireAddress(address);
    return refAt(this.registry, node, path);
  }

  /** A value from a worker; throws `SerializationError` for one that must not reach anyone. */
  read(tree: unknown, what: string): unknown {
    try {
      return decode(tree, this.refs);
    } catch (error) {
      if (!(error instanceof FrameRejection)) throw error;
      throw new SerializationError(`${what} from a worker thread could not be read: ${error.reason}`);
    }
  }

  // ───────────── effects of worker code ─────────────

  /** A tell, ask or stop from worker code outside any actor. */
  outside(item: Item, thread: Thread): void {
    this.effect(item, undefined, thread);
  }

  /** Carries out one effect of worker code, as `host`'s incarnation when it comes from an actor. */
  effect(item: Item, host: EffectHost | undefined, thread: Thread): void {
    switch (item[0]) {
      case TELL: {
        const [, , to, message, broadcast] = item as [number, number, string, unknown, number];
        return this.as(host, () => {
          const ref = this.refAt(to);
          let value: unknown;
          try {
            value = this.read(message, 'a message');
          } catch {
            return this.registry.deadLetter(message, 'rejected', ref.path);
          }
          try {
            if (broadcast === 1 && 'broadcast' in ref) this.registry.broadcast(ref, value);
            else this.registry.tell(ref, value);
          } catch {
            // a full mailbox dead-lettered it already ('overflow'); the worker's tell has returned
          }
        });
      }
      case ASK: {
        const [, , id, to, message, timeoutMs] = item as [number, number, number, string, unknown, number | null];
        let reply: Promise<unknown>;
        try {
          reply = this.as(host, () => this.registry.ask(this.refAt(to), this.read(message, 'a message'), timeoutMs === null ? undefined : { timeoutMs }));
        } catch (error) {
          reply = Promise.reject(error);
        }
        reply.then(
          (value) => {
            let wire: unknown;
            try {
              wire = encode(value, 'reply', this.refs, true);
            } catch (error) {
              return thread.send([ANSWER, id, 0, errorOut(error)]);
            }
            thread.send([ANSWER, id, 1, wire]);
          },
          (error: unknown) => thread.send([ANSWER, id, 0, errorOut(error)]),
        );
        return;
      }
      case STOP_REF: {
        const [, id, address, kill] = item as [number, number, string, number];
        const process = this.registry.resolve(this.refAt(address));
        if (kill === 1) {
          process.kill();
          thread.send([ANSWER, id, 1, null]);
          return;
        }
        process.stop().then(
          () => thread.send([ANSWER, id, 1, null]),
          (error: unknown) => thread.send([ANSWER, id, 0, errorOut(error)]),
        );
        return;
      }
    }
    if (host === undefined) return;
    switch (item[0]) {
      case TIMER: {
        const [, , id, delayMs, repeat, message] = item as [number, number, number, number, number, unknown];
        return this.as(host, () => {
          const value = this.read(message, 'a timer message');
          host.timers.set(id, repeat === 1 ? host.context.every(delayMs, value) : host.context.schedule(delayMs, value));
        });
      }
      case CANCEL: {
        const id = item[2] as number;
        host.timers.get(id)?.cancel();
        host.timers.delete(id);
        return;
      }
      case WATCH: {
        const [, , address, on] = item as [number, number, string, number];
        return this.as(host, () => {
          const ref = this.refAt(address) as ActorRef;
          if (on === 1) host.context.watch(ref);
          else host.context.unwatch(ref);
        });
      }
      case EXIT:
        return host.context.stop();
      case PIPE:
        return host.pipe(item[2] as number);
    }
  }

  /** Runs `effect` as the incarnation of `host` (its sends carry it as the sender), or as nobody. */
  private as<T>(host: EffectHost | undefined, effect: () => T): T {
    return host === undefined ? effect() : runSync(host.running, effect);
  }
}
