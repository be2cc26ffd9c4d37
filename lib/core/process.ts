import type { ActorRef, GroupRef } from '../types';

/**
 * Anything a ref can point at: a local actor (a cell), a group, and later a remote node's
 * link or a worker's port. The process registry resolves an address to one of these and
 * hands it every letter, so there is one delivery path whatever is behind it.
 */
export interface Process {
  /** Its own ref (what `lookup` of its path returns). */
  readonly ref: ActorRef | GroupRef;
  /** The node this process lives on (part of the address of every ref to it). */
  readonly node: string;
  /** Gone for good, or going: it takes no new work (a ref to it may resolve again). */
  readonly terminated: boolean;
  /**
   * Takes one letter (a bare message or an `Envelope`): queues it, routes it, or turns it
   * into a dead letter with a reason. Throws only `MailboxFullError` (overflow `reject`) and
   * a misbehaving group dispatch function's error.
   */
  post(letter: unknown): void;
  /** Graceful stop for good. */
  stop(): Promise<void>;
  /** Immediate stop for good. */
  kill(): void;
  /** Death watch, a system message: `watcher` gets `Terminated` when this stops for good. False when it already has. */
  addWatcher(watcher: ActorRef): boolean;
  removeWatcher(watcher: ActorRef): void;
}

/** Told once when the asker of a letter gives up (an `AbortController` is one). */
export interface GiveUpListener {
  abort(reason: unknown): void;
}

/** Where the reply to an ask goes: a pending ask on this node, or later a remote asker. */
export interface ReplyTo {
  readonly settled: boolean;
  /** The ask gave up (its timeout passed): a late reply is a dead letter `timeout`. */
  readonly timedOut: boolean;
  /** Scheduler time at which the asker gives up; absent or `Infinity` when it never does. */
  readonly deadline?: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /**
   * Tells `listener` once, with the reason the asker got, when the asker gives up (its
   * timeout passed, or its own signal aborted); at once when it already has. Only the last
   * listener is kept. Absent where the asker's giving up cannot be seen.
   */
  onGiveUp?(listener: GiveUpListener): void;
}

/** The actor whose code is running now, as the registry sees it: the sender of what it sends. */
export interface Sender {
  readonly self: ActorRef;
  /**
   * The incarnation was killed, replaced or stopped for good: whatever it still sends is
   * ignored, whichever ref it goes through.
   */
  readonly retired: boolean;
}
