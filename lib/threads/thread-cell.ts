import { Cell } from '../actor/cell';
import type { Context } from '../actor/context';
import { NO_LETTER, reportHandlerFailure } from '../actor/delivery';
import type { IncarnationState } from '../actor/incarnation-state';
import type { Parent, Runtime } from '../actor/ports';
import { encode } from '../cluster/codec';
import { Envelope } from '../core/envelope';
import type { ReplyTo } from '../core/process';
import { WATCH_NOTICE } from '../core/registry';
import type { Terminated } from '../core/terminated';
import { ActorStoppedError, SerializationError } from '../errors';
import type { ActorDefinition, ChildSettings } from '../metadata';
import type { ActorRef, Cancellable } from '../types';
import {
  ABORT, DONE, DROP, DROPPED, EXITS, FAILED, HOOK, HOOKED, LETTER, NEW, NOTICE, PIPED, READY, REFUSED, REPLY_REFUSED, START_FAILED, UNHANDLED,
  type Item,
} from './protocol';
import { PipedResult } from './piped';
import type { Hosted, Thread } from './thread';
import { COMMIT_MS, MAX_LETTER_WINDOW, MIN_LETTER_WINDOW, type EffectHost, type Sharer, type ThreadPool } from './thread-pool';
import { errorIn, errorOut } from './wire';

/**
 * A letter for a worker, encoded when it was posted: a message that cannot cross throws
 * `SerializationError` at the sender, as between nodes. It stays an `Envelope`, so dead
 * letters and asks see the original message.
 */
class WireLetter extends Envelope {
  constructor(
    message: unknown,
    sender: ActorRef | undefined,
    ask: ReplyTo | undefined,
    timerOf: object | undefined,
    readonly wire: unknown,
    /** 0 a tell, 1 an ask, `NOTICE` a watch's `Terminated`, `PIPED` a `ctx.pipeToSelf` outcome. */
    readonly kind: number,
  ) {
    super(message, sender, ask, timerOf);
  }

  /** For an ask in flight: the incarnation it went to, and its number there (for `ABORT`). */
  remote: RemoteIncarnation | undefined = undefined;
  seq = 0;

  /** Its asker gave up (it is the ask's give-up listener): the worker's `ctx.signal` aborts. */
  abort(reason: unknown): void {
    this.remote?.abortAsk(this.seq, reason);
  }

  /**
   * When it was last handed to the worker (`performance.now()`), if someone inspected then:
   * the `durationMs` of its delivery runs from there to the worker's answer, so it includes
   * the trip to the worker and back, and the wait behind the letters ahead of it there.
   */
  handedAt: number | undefined = undefined;
}

/**
 * An actor placed on a worker thread. The cell stays on the main thread, in the registry
 * and under its supervisor: its ref, its path, its mailbox (the queue on the caller's side)
 * and its lifecycle are those of any cell. Only its instances live in the worker: each
 * incarnation is built there, and the mailbox hands the worker its letters, a window of
 * them at a time (4 to `MAX_LETTER_WINDOW`, by the handlers' pace), which the worker
 * handles one at a time and answers in order.
 * A failure there comes back as a failure here, for the same supervision engine.
 */
export class ThreadCell extends Cell implements Sharer {
  /** The incarnation on the worker, for the current incarnation here. */
  remote: RemoteIncarnation | undefined;
  /** The mailbox went idle while letters were still in flight on the worker. */
  private idlePending = false;
  /** A member of a group that shares its work among its members on threads. */
  private readonly shares: boolean;
  /** Its mailbox is bounded: every letter goes through it, where the bound is kept. */
  private readonly bounded: boolean;

  constructor(
    runtime: Runtime<Cell>,
    parent: Parent<Cell>,
    path: string,
    definition: ActorDefinition,
    settings: ChildSettings,
    readonly home: Thread,
    readonly pool: ThreadPool,
  ) {
    super(runtime, parent, path, definition, settings);
    home.arrive(this);
    this.bounded = (settings.mailbox ?? definition.mailbox) !== undefined;
    this.shares = settings.redundancy !== undefined && typeof settings.dispatch !== 'function';
    if (this.shares) pool.joinSharing(this);
  }

  override register(): void {
    super.register();
    // Undefined while the Cell constructor registers: the constructor above does it then.
    (this.home as Thread | undefined)?.arrive(this);
  }

  override unregister(): void {
    super.unregister();
    this.home.leave(this);
  }

  get canGive(): boolean {
    return !this.closing && (this.status === 'running' || this.status === 'suspended');
  }

  giveNewest(n: number): unknown[] {
    const all = this.mailbox.takeAll();
    const given: unknown[] = [];
    const kept: unknown[] = [];
    for (let i = 0; i < all.length; i++) {
      const letter = all[i] as WireLetter;
      if (i >= all.length - n && letter.timerOf === undefined) given.push(letter);
      else kept.push(letter);
    }
    this.mailbox.putBack(kept);
    return given;
  }

  take(letters: unknown[]): void {
    this.mailbox.putBack(letters);
  }

  /** The worker has (almost) nothing left of this actor's letters: a sibling's queue may feed it. */
  hungry(): void {
    if (this.shares && this.mailbox.size === 0 && this.status === 'running' && !this.closing && !this.mailbox.isSuspended) this.pool.share(this);
  }

  /** Queued here and on the worker, not counting the letter in flight there. */
  override get queued(): number {
    return this.mailbox.size + this.queuedElsewhere;
  }

  override get busy(): boolean {
    return this.mailbox.busy || (this.remote !== undefined && !this.remote.over && this.remote.pending > 0);
  }

  override get queuedElsewhere(): number {
    const remote = this.remote;
    return remote === undefined || remote.over || remote.pending === 0 ? 0 : remote.pending - 1;
  }

  override get thread(): number | undefined {
    return this.home.threadId;
  }

  override post(letter: unknown): void {
    if (this.status === 'dead' || this.closing) return super.post(letter);
    const wire = this.encoded(letter);
    const remote = this.remote;
    // Nothing queued, and room on the worker: the letter goes straight there (the queue on
    // the caller's side is for when the worker has its window full, or the actor is not running).
    if (remote !== undefined && remote.hasRoom && !this.bounded && wire.timerOf === undefined && this.status === 'running' && this.mailbox.size === 0 && !this.mailbox.isSuspended && !this.mailbox.busy) {
      remote.deliver(wire);
      return;
    }
    super.post(wire);
  }

  private encoded(letter: unknown): WireLetter {
    if (letter instanceof WireLetter) return letter;
    const refs = this.pool.refs;
    if (!Envelope.is(letter)) return new WireLetter(letter, undefined, undefined, undefined, encode(letter, 'message', refs, true), 0);
    if (letter.timerOf === WATCH_NOTICE) {
      const terminated = letter.message as Terminated;
      return new WireLetter(terminated, undefined, undefined, WATCH_NOTICE, [terminated.ref.address, terminated.reason], NOTICE);
    }
    if (letter.timerOf !== undefined && letter.message instanceof PipedResult) {
      return new WireLetter(letter.message, undefined, undefined, letter.timerOf, letter.message.id, PIPED);
    }
    const kind = letter.ask === undefined ? 0 : 1;
    return new WireLetter(letter.message, letter.sender, letter.ask, letter.timerOf, encode(letter.message, 'message', refs, true), kind);
  }

  /** A runtime letter still wanted: a timer of the current incarnation, a `Terminated` of a live watch. */
  wanted(letter: WireLetter): boolean {
    if (letter.timerOf === WATCH_NOTICE) return this.wantsNotice((letter.message as Terminated).ref.address);
    return letter.timerOf === this.incarnation;
  }

  override idle(): void {
    const remote = this.remote;
    if (remote !== undefined && remote.pending > 0 && !remote.over) {
      this.idlePending = true;
      return;
    }
    this.idlePending = false;
    super.idle();
  }

  /** The last letter in flight was answered: with nothing queued either, the actor is idle. */
  drained(): void {
    if (this.idlePending || (this.mailbox.size === 0 && !this.mailbox.busy)) this.idle();
  }

  override incarnationEnded(incarnation: IncarnationState, killed: boolean): void {
    super.incarnationEnded(incarnation, killed);
    if (this.remote?.incarnation === incarnation) this.remote.end(killed);
  }
}

/** Hands one letter to the worker (installed as the thread cell's `process`). */
function forward(this: ThreadCell, letter: unknown): PromiseLike<void> | undefined {
  const wire = letter as WireLetter;
  if (wire.timerOf !== undefined && !this.wanted(wire)) return undefined;
  return this.remote!.deliver(wire);
}

function incarnateOnThread(this: ThreadCell, incarnation: IncarnationState, hook: 'beforeStart' | 'afterRestart', error: unknown): Promise<void> {
  const remote = new RemoteIncarnation(this, incarnation);
  this.remote = remote;
  incarnation.instance = remote.hooks(this.definition.actorClass);
  return remote.start(hook, error);
}

ThreadCell.prototype.process = forward;
(ThreadCell.prototype as { incarnateElsewhere: unknown }).incarnateElsewhere = incarnateOnThread;

/** Why a worker refused a letter, with the fix when it is the usual one. */
function refusedError(path: string, reason: string): SerializationError {
  const hint = reason.startsWith('unknown @Message')
    ? ' A worker thread knows the @Message classes of the modules it loaded: import the class in the module of the actor (its @Actor({ module })).'
    : '';
  return new SerializationError(`${path} on a worker thread could not read the message: ${reason}.${hint}`);
}

/** Most letters the mailbox waits to have room for before it refills a worker's window. */
const REFILL_BATCH = 4;

/** The sign bit of the shared claims word: the main thread gave up on the incarnation. */
const DROPPED_FLAG = -0x80000000;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * One incarnation of a thread cell, as the main thread keeps it: the letters in flight to
 * the worker (answered in order), the start and the hooks it waits for, and the timers its
 * code set (kept here, so a restart cancels them here).
 */
class RemoteIncarnation implements Hosted, EffectHost {
  readonly id: number;
  readonly timers = new Map<number, Cancellable>();
  /** Letters sent and not answered, oldest first (from `head`), with their items. */
  private sent: (WireLetter | undefined)[] = [];
  private items: (Item | undefined)[] = [];
  private head = 0;
  /** Items the link could not post: they are answered by nobody. */
  private unsent: Set<Item> | undefined;
  private startWait: Waiter | undefined;
  private readonly hookWaits: Waiter[] = [];
  /** The mailbox waits for room in the window. */
  private room: (() => void) | undefined;
  /** Letters in flight at most: from the handlers' pace (see `MAX_LETTER_WINDOW`). */
  private window = MIN_LETTER_WINDOW;
  /** The pace: a moving average of the time between two answers while the worker had letters. */
  private serviceMs = 0;
  private lastAnswerAt = 0;
  private drainedResolve: (() => void) | undefined;
  private drainedPromise: Promise<void> | undefined;
  /** Over: ended here (DROP sent) or its worker is gone. */
  over = false;
  /** The worker died with it. */
  private dead = false;
  /** It failed or exited in the worker, which handles no more of its letters. */
  private stopped = false;
  /** Not sent to the worker yet: it waits for the worker to be free of an incarnation given up on. */
  waiting = true;
  /** Shared with the worker: the letters it took, and whether it may take more (see `end`). */
  private readonly claims = new Int32Array(new SharedArrayBuffer(4));
  /** Letters answered so far. */
  private answeredCount = 0;
  /** Asks sent so far: the number of the last one. */
  private asksSent = 0;

  constructor(
    readonly cell: ThreadCell,
    readonly incarnation: IncarnationState,
  ) {
    this.id = cell.home.open(this);
  }

  get running(): IncarnationState {
    return this.incarnation;
  }

  get context(): Context {
    return this.incarnation.context as Context;
  }

  private get thread(): Thread {
    return this.cell.home;
  }

  /** Letters in flight on the worker. */
  get pending(): number {
    return this.sent.length - this.head;
  }

  /** One more letter fits in the window. */
  get hasRoom(): boolean {
    return !this.over && this.sent.length - this.head + 1 < this.window;
  }

  start(hook: 'beforeStart' | 'afterRestart', error: unknown): Promise<void> {
    const cell = this.cell;
    const { module, exportName } = cell.pool.entry(cell.definition.actorClass);
    const failure = hook === 'afterRestart' ? errorOut(error) : null;
    const item: Item = [NEW, this.id, module, exportName, cell.path, cell.parentRef?.path ?? null, cell.restarts, hook, failure, this.claims.buffer, cell.scheduler.now()];
    return new Promise<void>((resolve, reject) => {
      this.startWait = { resolve, reject };
      // A worker still busy with an incarnation given up on (a kill, a stop out of time)
      // answers once it is free, or is replaced: then the new incarnation goes there.
      const ready = this.thread.ready();
      if (ready === undefined) this.placed(item);
      else ready.then(() => this.placed(item));
    });
  }

  private placed(item: Item): void {
    this.waiting = false;
    if (this.startWait !== undefined && !this.over) this.thread.send(item);
  }

  /** The stop hooks the class has, as the lifecycle calls them: each runs in the worker. */
  hooks(actorClass: Function): object {
    const prototype = actorClass.prototype as Record<string, unknown>;
    const instance: Record<string, unknown> = {};
    if (typeof prototype.afterStop === 'function') instance.afterStop = () => this.hook('afterStop', null, undefined);
    if (typeof prototype.beforeRestart === 'function') {
      instance.beforeRestart = (_ctx: unknown, error: unknown, message: unknown) => this.hook('beforeRestart', errorOut(error), this.encodedOrNothing(message));
    }
    return instance;
  }

  private encodedOrNothing(message: unknown): unknown {
    try {
      return message === undefined ? undefined : encode(message, 'message', this.cell.pool.refs, true);
    } catch {
      return undefined;
    }
  }

  private hook(name: string, error: unknown, message: unknown): Promise<void> {
    if (this.over) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.hookWaits.push({ resolve, reject });
      this.thread.send([HOOK, this.id, name, error, message, this.cell.scheduler.now()]);
    });
  }

  deliver(letter: WireLetter): PromiseLike<void> | undefined {
    const ask = letter.ask;
    const sender = letter.sender === undefined ? null : letter.sender.address;
    const now = this.cell.scheduler.now();
    let item: Item;
    if (ask === undefined) item = [LETTER, this.id, letter.wire, sender, letter.kind, now];
    else {
      const deadline = ask.deadline;
      letter.remote = this;
      letter.seq = ++this.asksSent;
      item = [LETTER, this.id, letter.wire, sender, letter.kind, now, letter.seq, deadline !== undefined && deadline < Infinity ? deadline : null];
    }
    const tap = this.cell.runtime.registry.inspection;
    letter.handedAt = tap === undefined ? undefined : tap.clock();
    if (this.pending === 0) this.lastAnswerAt = performance.now();
    this.sent.push(letter);
    this.items.push(item);
    if (this.pending === 1) {
      this.drainedPromise = new Promise<void>((resolve) => (this.drainedResolve = resolve));
      this.cell.inFlight = this.drainedPromise;
    }
    this.thread.send(item);
    // After the letter: an asker that gave up already aborts it at once, behind it.
    if (ask !== undefined) ask.onGiveUp?.(letter);
    if (this.pending < this.window) return undefined;
    return new Promise<void>((resolve) => (this.room = resolve));
  }

  /** The asker of ask `seq` gave up: the worker's `ctx.signal` for it aborts with `reason`. */
  abortAsk(seq: number, reason: unknown): void {
    if (!this.over) this.thread.send([ABORT, this.id, seq, errorOut(reason)]);
  }

  /** A `ctx.pipeToSelf` outcome settled in the worker: its letter queues, owned by this incarnation. */
  pipe(id: number): void {
    const incarnation = this.incarnation;
    if (this.over || incarnation.retired) return; // dropped, as a timer's message
    const cell = this.cell;
    cell.runtime.registry.sendOwn(cell.ref, new Envelope(new PipedResult(id), undefined, undefined, incarnation));
  }

  // ───────────── from the worker ─────────────

  receive(item: Item): void {
    switch (item[0]) {
      case DONE:
      case UNHANDLED:
      case REFUSED:
      case FAILED:
        return this.answered(item);
      case READY:
        return this.started();
      case START_FAILED:
        return this.startFailed(errorIn(item[2]));
      case HOOKED: {
        const waiter = this.hookWaits.shift();
        if (item[2] === null) waiter?.resolve();
        else waiter?.reject(errorIn(item[2]));
        return;
      }
      case DROPPED:
        return this.dropped();
      default:
        return this.cell.pool.effect(item, this, this.thread);
    }
  }

  private started(): void {
    const waiter = this.startWait;
    this.startWait = undefined;
    waiter?.resolve();
  }

  private startFailed(error: Error): void {
    const waiter = this.startWait;
    this.startWait = undefined;
    this.stopped = true;
    waiter?.reject(error);
  }

  private answered(item: Item): void {
    const letter = this.next();
    if (letter === undefined) return;
    this.answeredCount++;
    this.paced();
    const cell = this.cell;
    switch (item[0]) {
      case DONE: {
        const flags = item[3] as number;
        this.inspected(letter, 'handled');
        this.replied(letter, item[2], (flags & REPLY_REFUSED) !== 0);
        if ((flags & EXITS) !== 0 && !this.over) this.exited();
        break;
      }
      case UNHANDLED:
        cell.deadLetter(letter, 'unhandled');
        break;
      case REFUSED:
        cell.runtime.registry.deadLetter(letter, 'rejected', cell.path, () => refusedError(cell.path, String(item[2])));
        break;
      case FAILED:
        this.failed(letter, errorIn(item[2]));
        break;
    }
    this.afterAnswer();
  }

  /** One more answer: the window follows the handlers' pace. */
  private paced(): void {
    const now = performance.now();
    const interval = now - this.lastAnswerAt;
    this.lastAnswerAt = now;
    this.serviceMs += (interval - this.serviceMs) / 16;
    const window = Math.ceil(COMMIT_MS / this.serviceMs);
    this.window = window > MAX_LETTER_WINDOW || !(window > 0) ? MAX_LETTER_WINDOW : window < MIN_LETTER_WINDOW ? MIN_LETTER_WINDOW : window;
  }

  private replied(letter: WireLetter, wire: unknown, refused: boolean): void {
    const ask = letter.ask;
    if (ask === undefined) return;
    const cell = this.cell;
    if (refused) {
      if (!ask.settled) ask.reject(errorIn(wire));
      return;
    }
    let value: unknown;
    try {
      value = cell.pool.read(wire, 'the reply');
    } catch (error) {
      if (!ask.settled) ask.reject(error);
      return;
    }
    cell.runtime.registry.reply(ask, value, cell.path);
  }

  /** `ctx.stop()` in the handler just answered: what is still in flight comes back to the mailbox, then the exit. */
  private exited(): void {
    const cell = this.cell;
    this.stopped = true;
    cell.mailbox.suspend();
    cell.mailbox.putBack(this.takeRest());
    if (cell.incarnation === this.incarnation && cell.status === 'running') cell.exit();
  }

  /** The worker answered `letter` (or died with it under way): its delivery, for the inspector. */
  private inspected(letter: WireLetter, outcome: 'handled' | 'failed'): void {
    const startedAt = letter.handedAt;
    if (startedAt !== undefined) this.cell.runtime.registry.inspection?.delivered(letter, this.cell.path, outcome, startedAt);
  }

  private failed(letter: WireLetter, error: Error): void {
    const cell = this.cell;
    this.inspected(letter, 'failed');
    if (this.over) {
      // An incarnation given up on failed afterwards: its message was not handled after all.
      cell.runtime.registry.failedLetter(letter, cell.path, error);
      return;
    }
    this.stopped = true;
    cell.mailbox.suspend();
    cell.mailbox.putBack(this.takeRest());
    reportHandlerFailure(cell, letter, error);
  }


  /** The oldest letter in flight, taken off; letters the link could not post are dead-lettered on the way. */
  private next(): WireLetter | undefined {
    this.skipUnsent();
    if (this.pending === 0) return undefined;
    const letter = this.sent[this.head]!;
    this.sent[this.head] = undefined;
    this.items[this.head] = undefined;
    this.head++;
    return letter;
  }

  private skipUnsent(): void {
    const unsent = this.unsent;
    if (unsent === undefined) return;
    while (this.pending > 0 && unsent.has(this.items[this.head]!)) {
      unsent.delete(this.items[this.head]!);
      const letter = this.sent[this.head]!;
      this.sent[this.head] = undefined;
      this.items[this.head] = undefined;
      this.head++;
      const cell = this.cell;
      cell.runtime.registry.deadLetter(letter, 'rejected', cell.path, () => new SerializationError(`the message to ${cell.path} could not be posted to its worker thread`));
    }
    if (unsent.size === 0) this.unsent = undefined;
  }

  /** Every letter still in flight, oldest first, taken off. */
  private takeRest(): WireLetter[] {
    const rest = this.sent.slice(this.head) as WireLetter[];
    this.sent = [];
    this.items = [];
    this.head = 0;
    this.unsent = undefined;
    return rest;
  }

  private afterAnswer(): void {
    this.skipUnsent();
    // Room for a few letters (half a small window), so the next ones go in one batch:
    // refilled one by one, slow letters were a post each, each way (~60–200 µs here). A
    // large window (fast handlers) refills at once: waiting for half of it starved the worker.
    if (this.room !== undefined && this.pending <= this.window - Math.min(this.window >> 1, REFILL_BATCH)) {
      const room = this.room;
      this.room = undefined;
      room();
    }
    if (this.pending <= 1 && !this.over) this.cell.hungry();
    if (this.pending > 0) {
      if (this.head >= 1024) {
        this.sent = this.sent.slice(this.head);
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return;
    }
    this.sent = [];
    this.items = [];
    this.head = 0;
    const cell = this.cell;
    if (cell.inFlight === this.drainedPromise) cell.inFlight = undefined;
    this.drainedResolve?.();
    this.drainedResolve = undefined;
    this.drainedPromise = undefined;
    cell.drained();
  }

  unsendable(item: Item): void {
    (this.unsent ??= new Set()).add(item);
    this.afterAnswer();
  }

  // ───────────── the end ─────────────

  /** The incarnation is over here (replaced, halted, killed or stopped): the worker drops it. */
  end(killed = false): void {
    if (this.over) return;
    this.over = true;
    this.cancelTimers();
    // A start given up on settles (its incarnation is abandoned: the cell ignores the outcome).
    const starting = this.startWait;
    this.startWait = undefined;
    starting?.reject(new ActorStoppedError(`${this.cell.path} was stopped while it started.`));
    if (this.dead) return;
    // From now on the worker takes no letter of this incarnation (see `claim` there): the
    // letters it took are handled (or under way, out of reach: they count as delivered, and
    // their asks are answered now), and those it did not take are settled here, once.
    let taken = Atomics.load(this.claims, 0);
    for (let seen; (seen = Atomics.compareExchange(this.claims, 0, taken, taken | DROPPED_FLAG)) !== taken; ) taken = seen;
    const underWay = Math.min(taken - this.answeredCount, this.pending);
    if (this.pending > underWay) this.settleUntaken(this.sent.splice(this.head + underWay) as WireLetter[]);
    this.items.length = this.sent.length;
    const cell = this.cell;
    for (let i = this.head; i < this.sent.length; i++) {
      const ask = this.sent[i]!.ask;
      if (ask !== undefined && !ask.settled) ask.reject(new ActorStoppedError(`${cell.path} was stopped before it replied.`));
    }
    if (underWay > 0) this.thread.suspect(this);
    this.thread.send([DROP, this.id, killed ? 1 : 0]);
    this.afterAnswer();
  }

  /** The timers its code set (they are the incarnation's on this thread too; a restart cancels them there). */
  private cancelTimers(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** Letters the worker will never take: dead letters if the actor stops for good, else back to its queue. */
  private settleUntaken(letters: WireLetter[]): void {
    const cell = this.cell;
    if (cell.status === 'dead' || cell.closing) for (const letter of letters) cell.deadLetter(letter, 'stopped');
    else cell.mailbox.putBack(letters);
  }

  /** The worker dropped it; what it had taken and not answered (an async handler under way) counts as delivered. */
  private dropped(): void {
    this.thread.forget(this.id);
    this.thread.cleared(this);
    this.takeRest();
    this.afterAnswer();
    for (const waiter of this.hookWaits.splice(0)) waiter.resolve();
  }

  /**
   * Its worker is gone. It died (`stopping` false): what was in flight was lost there (dead
   * letters `failed`) and the actor failed. Or it was stopped with the system: what was in
   * flight is a dead letter `stopped`. An incarnation that was over already settled its letters.
   */
  workerDied(error: Error, stopping = false): void {
    if (this.dead) return;
    this.dead = true;
    const wasOver = this.over;
    this.over = true;
    this.cancelTimers();
    this.thread.cleared(this);
    const starting = this.startWait;
    this.startWait = undefined;
    for (const waiter of this.hookWaits.splice(0)) waiter.resolve();
    const lost = this.takeRest();
    const cell = this.cell;
    const fails = !wasOver && !stopping && starting === undefined && !this.stopped && cell.incarnation === this.incarnation && cell.status === 'running';
    if (fails) {
      // The letter under way is the failing one; the others were lost with it.
      this.stopped = true;
      if (lost.length > 0) this.inspected(lost[0]!, 'failed');
      reportHandlerFailure(cell, lost.length > 0 ? lost[0] : NO_LETTER, error);
      for (let i = 1; i < lost.length; i++) cell.deadLetter(lost[i], 'failed', { error });
    } else if (!wasOver) {
      for (const letter of lost) cell.deadLetter(letter, stopping ? 'stopped' : 'failed', stopping ? undefined : { error });
    }
    this.afterAnswer();
    starting?.reject(error);
  }
}
