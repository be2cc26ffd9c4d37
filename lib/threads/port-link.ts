/**
 * One end of a batched, credit-controlled link over a `MessagePort` (DESIGN.md "Threads":
 * "batched per event-loop turn and flow-controlled by credits"). Both ends of a port use one
 * `PortLink` each; each end sends and receives.
 *
 * Protocol (structured clone, nothing else on the port; flat arrays, which clone faster
 * than objects: a round trip of `{ b: [[…]], c }` ran about 10 % below one of `[c, […]]`):
 * - `[n, item, …]`: a batch of items, in order, carrying a credit of `n` (0 for none). At
 *   most `maxBatch` items per batch, so one huge burst never becomes one giant clone.
 * - `n`, a bare number: a credit alone. A credit says the peer has delivered `n` more of the
 *   items this end posted. The receiver credits items after it has handed them to
 *   `receive`: on the next batch it posts, or alone at the end of the turn (a
 *   `setImmediate`) if it posts none by then. One credit message per turn at most.
 *
 * The sender keeps every posted item until it is credited, and has at most `window` items in
 * flight (posted, not credited); the rest wait here, in order. So the receiver's backlog is
 * bounded by the window, the sender's memory by what the caller queues, and `close()` can
 * hand back, oldest first, every item the peer has not acknowledged: nothing is lost
 * silently. An item that the peer delivered but whose credit was still on its way when
 * `close()` ran is returned too (the peer cannot be asked any more): the caller gets
 * at-least-once reporting, never a silent loss.
 *
 * When the flush runs: measured with `bench/support/port-link-probe.ts` (an echo across a
 * real Worker, 2 cores, Node 20, a machine shared with other runs: medians of 5 rounds, in
 * items/s, numbers as items; raw is one postMessage per item):
 *
 *                  sync burst   one send per microtask   sequential round trips
 *     raw             800 k          600 k                     49 k
 *     'turn'         8.1 M           5.6 M                     50 k
 *     'microtask'    6.7 M           219 k                     48 k
 *     'immediate'    4.9 M           3.9 M                     35 k
 *
 * - `queueMicrotask` alone coalesces a synchronous burst and adds no latency to a lone
 *   message, but a sender that sends once per microtask (an actor whose handler awaits, a
 *   promise chain) gets one `postMessage` per item: below raw.
 * - `setImmediate` alone coalesces everything of the turn, but every lone message waits for
 *   the check phase: a sequential round trip is 0.7× raw.
 * - `'turn'` (the default) takes both: the first flush of an event-loop turn runs on a
 *   microtask, so a lone message or a synchronous burst goes at once; further flushes of that
 *   turn are held until one `setImmediate`, so what is sent later in the same turn (from
 *   other microtasks, or while handling the other messages of the same port drain: Node runs
 *   microtasks between them) goes as one batch. The same `setImmediate` posts a lone credit.
 * With small trees as items (`{ to, type, body: { n, text } }`) the structured clone
 * dominates: 'turn' about 300–430 k/s against raw 140–245 k/s.
 *
 * Polling (`spinMs` with `poll`, which a worker thread's end uses): a thread that sleeps in
 * the event loop is woken by its peer's next post, and on a VM that wake-up is the dearest
 * part of a round trip (measured here: a post to a sleeping thread ~18 µs of the poster's
 * time, to a polling one ~5 µs; 25–300 µs of kernel time per sequential round trip). So
 * after a turn in which it posted, the link polls the port for up to `spinMs` before the
 * thread sleeps (see `spin`).
 */

import { atTurnEnd } from '../core/turn';

/** What a `PortLink` needs of a port: `MessagePort`, `parentPort` and `Worker` all fit. */
export interface PortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off?(event: 'message', listener: (value: unknown) => void): unknown;
  close?(): void;
}

export type PortLinkSchedule = 'turn' | 'microtask' | 'immediate';

export interface PortLinkOptions {
  /** Items the sender may have in flight (posted, not yet credited back). Default 4096. */
  window?: number;
  /** Most items in one batch message. Default 512. */
  maxBatch?: number;
  /** When queued items are flushed; see the comment at the top of this file. Default `'turn'`. */
  schedule?: PortLinkSchedule;
  /** Called with each item that arrives, in order. */
  receive(item: unknown): void;
  /**
   * Called, and the link goes on, when:
   * - `receive` throws (with the item: it counts as delivered and is credited);
   * - an item sent here cannot be posted (structured clone refuses it: a function, a
   *   symbol…), with the item: that item is not sent, the others are, in order;
   * - the peer posts something that is no batch or credit (with the value).
   * Default: `console.error`.
   */
  onError?(error: unknown, item: unknown): void;
  /** Close the port in `close()`. Default true. */
  closePort?: boolean;
  /**
   * Takes the port's next message synchronously, if one is there (`receiveMessageOnPort`).
   * With `spinMs`, the link polls with it for up to `spinMs` after each post before it lets
   * the thread sleep (see `spin`).
   */
  poll?(): { message: unknown } | undefined;
  /** How long to poll for the peer's next message after a post, in ms. Default 0: no polling. */
  spinMs?: number;
}

export const DEFAULT_WINDOW = 4096;

/** Spins in a row that catch nothing before polling backs off, and how often it still tries then. */
const SPIN_MISSES = 4;
const SPIN_PROBE_EVERY = 8;

/** A batch as it is posted: the credit first, then the items. */
export function batchFrame(items: readonly unknown[], credit: number): unknown[] {
  // Built by push, so the array is packed: V8 clones a holey one (new Array(n)) as a sparse
  // array, key by key, which halved the burst rate.
  const frame: unknown[] = [credit];
  for (let i = 0; i < items.length; i++) frame.push(items[i]);
  return frame;
}

/** What a posted value says: a credit, and the items of a batch (from index 1); `undefined` for anything else. */
export function readFrame(value: unknown): { credit: number; items: unknown[] | undefined } | undefined {
  if (typeof value === 'number') return { credit: value, items: undefined };
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'number') return { credit: value[0], items: value };
  return undefined;
}
export const DEFAULT_MAX_BATCH = 512;

/** A FIFO on an array with a moving head (shift() is O(n) on large arrays). */
class Fifo {
  private items: unknown[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: unknown): void {
    this.items.push(item);
  }

  pushAll(items: readonly unknown[]): void {
    for (let i = 0; i < items.length; i++) this.items.push(items[i]);
  }

  /** Removes and returns the `n` oldest items (n ≤ length). */
  take(n: number): unknown[] {
    const out = this.items.slice(this.head, this.head + n);
    this.drop(n);
    return out;
  }

  /** Removes the `n` oldest items (n ≤ length). */
  drop(n: number): void {
    this.head += n;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  all(): unknown[] {
    return this.items.slice(this.head);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

export class PortLink {
  private readonly window: number;
  private creditCheckQueued = false;
  private readonly maxBatch: number;
  private readonly schedule: PortLinkSchedule;
  /** Queued by `send`, not yet posted. */
  private readonly pending = new Fifo();
  /** Posted, not yet credited, oldest first. */
  private readonly unacked = new Fifo();
  /** Items delivered to `receive` and not yet credited back to the peer. */
  private owed = 0;
  private flushQueued = false;
  private endOfTurnQueued = false;
  /** `'turn'`: a flush already ran on a microtask this turn; the rest wait for the immediate. */
  private holding = false;
  private closed = false;
  /** When the last batch was posted (`performance.now()`), 0 before the first. */
  private lastPostAt = 0;
  /** 0 unless the options give both `spinMs` and `poll`. */
  private readonly spinMs: number;
  private spinQueued = false;
  /** Spins in a row that caught nothing, and posts since polling backed off (see `spin`). */
  private misses = 0;
  private skipped = 0;
  private readonly listener = (value: unknown) => this.onMessage(value);

  constructor(
    private readonly port: PortLike,
    private readonly options: PortLinkOptions,
  ) {
    const window = options.window ?? DEFAULT_WINDOW;
    const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`PortLink: window must be a positive integer, got ${String(window)}`);
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`PortLink: maxBatch must be a positive integer, got ${String(maxBatch)}`);
    this.window = window;
    this.maxBatch = maxBatch;
    this.schedule = options.schedule ?? 'turn';
    const spinMs = options.spinMs ?? 0;
    if (!(spinMs >= 0)) throw new RangeError(`PortLink: spinMs must be 0 or more, got ${String(spinMs)}`);
    this.spinMs = options.poll === undefined ? 0 : spinMs;
    port.on('message', this.listener);
  }

  /** Items queued here and not yet posted. */
  get queued(): number {
    return this.pending.length;
  }

  /** When this end last posted a batch of items (`performance.now()`; 0 before the first). */
  get postedAt(): number {
    return this.lastPostAt;
  }

  /** Items posted and not yet credited by the peer. */
  get inFlight(): number {
    return this.unacked.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Queues an item. Items queued in one event-loop turn go as one `postMessage` (a batch, up
   * to `maxBatch` items each), at most `window` in flight; the rest wait, in order, never
   * dropped. Throws once the link is closed (the caller still holds the item).
   */
  send(item: unknown): void {
    if (this.closed) throw new Error('PortLink: send after close');
    this.pending.push(item);
    this.requestFlush();
  }

  /**
   * Stops: posts the credits it owes, stops listening, closes the port (unless `closePort`
   * is false) and returns every item queued or in flight that the peer has not credited,
   * oldest first, so that the caller can dead-letter them. A second call returns `[]`.
   */
  close(): unknown[] {
    if (this.closed) return [];
    this.closed = true;
    if (this.owed > 0) this.postCredit();
    this.port.off?.('message', this.listener);
    if (this.options.closePort !== false) this.port.close?.();
    const left = this.unacked.all();
    left.push(...this.pending.all());
    this.unacked.clear();
    this.pending.clear();
    return left;
  }

  /**
   * Posts everything queued now, in order, window or not, with the credit owed: the last
   * thing a thread does before it exits (its peer still reads what was posted).
   */
  flushNow(): void {
    if (this.closed) return;
    while (this.pending.length > 0) {
      const batch = this.pending.take(Math.min(this.maxBatch, this.pending.length));
      if (!this.post(batch)) this.postEach(batch);
    }
    if (this.owed > 0) this.postCredit();
  }

  private requestFlush(): void {
    if (this.flushQueued || this.closed) return;
    this.flushQueued = true;
    if (this.schedule === 'immediate') setImmediate(this.heldFlush);
    else if (!this.holding) queueMicrotask(this.microtaskFlush);
    else this.requestEndOfTurn(); // held: the end of the turn flushes it
  }

  private readonly microtaskFlush = () => {
    this.flushQueued = false;
    // What is sent later in this turn waits for its end. The hold ends there, or when the
    // next message from the peer arrives (a new turn began): a round trip arms no immediate.
    if (this.schedule === 'turn') this.holding = true;
    this.flush();
  };

  private readonly heldFlush = () => {
    this.flushQueued = false;
    this.flush();
    // A full window posted nothing: the credit owed must still go (the peer may be full too).
    if (this.owed > 0 && !this.closed) this.postCredit();
  };

  /** Once per turn at most, for both the end of a hold and a lone credit: on the turn's own immediate (`core/turn`). */
  private requestEndOfTurn(): void {
    if (this.endOfTurnQueued) return;
    this.endOfTurnQueued = true;
    atTurnEnd(this.endOfTurn);
  }

  /**
   * End of the turn: in `'turn'` mode, what was held goes now (carrying the credit) and the
   * next turn starts free; then the credit still owed, if no batch carried it, goes alone.
   */
  private readonly endOfTurn = () => {
    this.endOfTurnQueued = false;
    // The hold may have ended already (a message from the peer arrived): what it held goes now.
    this.holding = false;
    if (this.flushQueued) this.heldFlush();
    if (!this.closed && this.owed > 0) this.postCredit();
  };

  /**
   * Posts what is queued now (within the window) rather than at the end of the turn: for a
   * thread that is about to be busy for a while, so its peer is not kept waiting.
   */
  flush(): void {
    if (this.closed) return;
    while (this.pending.length > 0) {
      const room = this.window - this.unacked.length;
      if (room <= 0) return; // a credit calls requestFlush again
      const batch = this.pending.take(Math.min(room, this.maxBatch, this.pending.length));
      if (!this.post(batch)) this.postEach(batch);
    }
  }

  /** Posts a batch (the credit owed rides on it); false if it could not be cloned. */
  private post(batch: unknown[]): boolean {
    try {
      // The credit rides on the batch: a round trip costs one postMessage each way.
      this.port.postMessage(batchFrame(batch, this.owed));
    } catch {
      return false;
    }
    this.posted(batch);
    return true;
  }

  /**
   * A batch that could not be cloned (postMessage clones before it sends, so nothing of it
   * went): each item alone, and each that fails is reported, not lost.
   */
  private postEach(batch: unknown[]): void {
    for (const item of batch) {
      try {
        this.port.postMessage(batchFrame([item], this.owed));
      } catch (error) {
        this.report(error, item, 'an item could not be posted');
        continue;
      }
      this.posted([item]);
    }
  }

  private posted(batch: unknown[]): void {
    this.owed = 0;
    this.unacked.pushAll(batch);
    this.lastPostAt = performance.now();
    if (this.spinMs > 0 && !this.spinQueued && (this.misses < SPIN_MISSES || ++this.skipped % SPIN_PROBE_EVERY === 0)) {
      this.spinQueued = true;
      atTurnEnd(this.spin);
    }
  }

  /**
   * Polls the port for up to `spinMs` before this thread goes to sleep, and delivers what
   * came (everything there, in order, as the port's listener would); the microtasks then
   * post the answers. Armed at the end of a turn in which this end posted: a peer that
   * answers quickly (a sequential ask) finds this thread awake. After SPIN_MISSES spins in a
   * row that caught nothing (a peer that writes seldom), only every SPIN_PROBE_EVERY-th post
   * spins, until one catches something again.
   */
  private readonly spin = () => {
    this.spinQueued = false;
    const poll = this.options.poll!;
    const end = performance.now() + this.spinMs;
    let caught = false;
    while (!this.closed) {
      let next: { message: unknown } | undefined;
      try {
        next = poll();
      } catch (error) {
        this.misses = SPIN_MISSES; // polling backs off; the listener goes on delivering
        return this.report(error, undefined, 'polling the port threw');
      }
      if (next !== undefined) {
        caught = true;
        this.onMessage(next.message);
      } else if (caught) {
        this.misses = 0;
        return;
      } else if (performance.now() >= end) {
        this.misses++;
        return;
      }
    }
  };

  private postCredit(): void {
    const n = this.owed;
    this.owed = 0;
    this.port.postMessage(n);
  }

  private onMessage(value: unknown): void {
    if (this.closed) return;
    const frame = readFrame(value);
    if (frame === undefined) {
      this.report(new TypeError('PortLink: the peer posted something that is no batch ([credit, …items]) and no credit (a number)'), value, 'a message from the peer was refused');
      return;
    }
    this.holding = false;
    // The credit first: it may free room for what `receive` sends in answer.
    if (frame.credit !== 0) this.credit(frame.credit);
    if (frame.items !== undefined) this.deliver(frame.items, 1);
  }

  private deliver(items: unknown[], from: number): void {
    for (let i = from; i < items.length; i++) {
      // A receive callback may close the link: the rest of the batch is then neither
      // delivered nor credited, so the peer's close() returns it.
      if (this.closed) return;
      // Counted before the call: an item handed to receive is delivered, even if receive
      // throws or closes the link (close() then credits it).
      this.owed++;
      try {
        this.options.receive(items[i]);
      } catch (error) {
        this.report(error, items[i], 'receive threw');
      }
    }
    // Credited on the next batch this end posts: one that `receive` queued rides before the
    // check below; else the credit goes alone at the end of the turn.
    if (!this.creditCheckQueued) {
      this.creditCheckQueued = true;
      queueMicrotask(this.creditCheck);
    }
  }

  private readonly creditCheck = () => {
    this.creditCheckQueued = false;
    if (this.owed > 0 && !this.closed && !this.flushQueued) this.requestEndOfTurn();
  };

  private credit(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.unacked.length) {
      this.report(new RangeError(`PortLink: the peer credited ${n} items with ${this.unacked.length} in flight`), { c: n }, 'a credit from the peer was refused');
      if (!Number.isInteger(n) || n < 1) return;
      n = this.unacked.length;
    }
    this.unacked.drop(n);
    if (this.pending.length > 0) this.requestFlush();
  }

  private report(error: unknown, item: unknown, what: string): void {
    const onError = this.options.onError;
    if (onError !== undefined) {
      try {
        onError(error, item);
        return;
      } catch (failure) {
        console.error('rampart: PortLink: onError threw; the link goes on.', failure);
      }
    }
    console.error(`rampart: PortLink: ${what}; the link goes on.`, error);
  }
}
