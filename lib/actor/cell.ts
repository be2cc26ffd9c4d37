import { AskTimeoutError, MailboxFullError } from '../errors';
import type { ActorDefinition, ChildSettings } from '../metadata';
import type { SupervisionEngine } from '../supervision/engine';
import { createSupervisionEngine } from '../supervision/engine';
import type { ActorRef, AskOptions, DeadLetterReason } from '../types';
import { callAs, runAsync } from './current';
import { Envelope, messageOf } from './envelope';
import { isThenable } from './hooks';
import { Incarnation } from './incarnation';
import { askErrorFor, typeName } from './letters';
import { LocalActorRef } from './local-ref';
import type { MailboxOwner } from './mailbox';
import { Mailbox } from './mailbox';
import type { GroupSlot } from './group-slot';
import { PendingAsk } from './pending-ask';
import type { Parent, Runtime } from './runtime';
import { kill, stopForGood } from './stopping';
import { Terminated } from './terminated';

const NO_CHILDREN: readonly Cell[] = Object.freeze([]);

/**
 * - `idle`: created, not started yet; messages queue.
 * - `starting`, `running`.
 * - `suspended`: failed or exited; waits for its supervisor's decision (messages queue).
 * - `halted`: stopped with its queue kept, to be started again.
 * - `dead`: stopped for good; a dead-letter sink.
 */
export type CellStatus = 'idle' | 'starting' | 'running' | 'suspended' | 'halted' | 'dead';

/**
 * The runtime side of one actor: its ref, its mailbox and its current incarnation. The cell
 * outlives incarnations, so refs and queued messages survive restarts. Its lifecycle is
 * driven by its parent (see `starting.ts` and `stopping.ts`).
 */
export class Cell implements MailboxOwner, Parent {
  readonly ref: LocalActorRef;
  readonly mailbox: Mailbox;
  readonly settings: ChildSettings;
  status: CellStatus = 'idle';
  restarts = 0;
  incarnation: Incarnation | undefined;
  /** The error and message of the last failure, for `beforeRestart`. */
  lastFailure: { error: unknown; message: unknown } | undefined;
  /** Stopping for good (graceful or not): new messages become dead letters, no restart. */
  closing = false;
  /** Resolved when the mailbox is empty and idle (graceful stop). */
  idleWaiter: (() => void) | undefined;
  /** The settle promise of the async handler in flight. */
  inFlight: Promise<void> | undefined;
  /** One entry per `@Child`: the child's cell, or its group. */
  readonly slots: readonly (Cell | GroupSlot)[];
  /** The group this cell is a member of, if any. */
  group: GroupSlot | undefined;
  /** Children from `ctx.spawn` / `system.spawn`, in spawn order. */
  dynamicChildren: Set<Cell> | undefined;
  private watchers: Set<Cell> | undefined;
  private watching: Set<Cell> | undefined;
  private engine: SupervisionEngine | undefined;
  /** @internal Per default name, how many unnamed children were spawned (for `name-2`, `name-3`, …). */
  spawnNumbers: Map<string, number> | undefined;
  /** @internal The pending stop-for-good, so that stop() is idempotent. */
  stopping: Promise<void> | undefined;
  /** @internal A restart waiting on the scheduler (backoff). */
  pendingRestart: { unsubscribe(): void } | undefined;

  constructor(
    readonly runtime: Runtime,
    readonly parent: Parent,
    readonly parentCell: Cell | undefined,
    readonly path: string,
    readonly definition: ActorDefinition,
    settings: ChildSettings,
  ) {
    this.settings = settings;
    this.ref = new LocalActorRef(path, this);
    this.mailbox = new Mailbox(this, settings.mailbox ?? definition.mailbox);
    this.slots =
      definition.children.length === 0
        ? NO_CHILDREN
        : definition.children.map((child) =>
            child.settings.redundancy === undefined
              ? new Cell(runtime, this, this, `${path}/${child.name}`, child.definition, child.settings)
              : runtime.createGroup(this, child),
          );
    runtime.register(this);
  }

  get parentRef(): ActorRef | undefined {
    return this.parentCell?.ref;
  }

  get isSupervisor(): boolean {
    return this.definition.kind === 'supervisor';
  }

  /** Static children in start order: single children, and each group's members in index order. */
  get staticChildren(): Cell[] {
    const cells: Cell[] = [];
    for (const slot of this.slots) {
      if (slot instanceof Cell) cells.push(slot);
      else for (const member of slot.members) cells.push(member);
    }
    return cells;
  }

  /** The groups among the static children. */
  groups(): GroupSlot[] {
    return this.slots.filter((slot): slot is GroupSlot => !(slot instanceof Cell));
  }

  /** Every live child, in start order. */
  children(): Cell[] {
    if (this.slots.length === 0 && this.dynamicChildren === undefined) return [];
    const live = this.staticChildren.filter((c) => c.status !== 'dead');
    if (this.dynamicChildren !== undefined) for (const child of this.dynamicChildren) live.push(child);
    return live;
  }

  supervision(): SupervisionEngine {
    return (this.engine ??= createSupervisionEngine(this));
  }

  /** A new incarnation starts with a fresh restart intensity. */
  resetSupervision(): void {
    this.engine = undefined;
  }

  // ───────────── messages ─────────────

  tell(message: unknown, sender: ActorRef | undefined): void {
    this.post(sender === undefined ? message : new Envelope(message, sender, undefined, undefined));
  }

  ask(message: unknown, sender: ActorRef | undefined, options: AskOptions | undefined): Promise<unknown> {
    const timeoutMs = options?.timeoutMs ?? this.runtime.askTimeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
      throw new RangeError(`ask to ${this.path}: timeoutMs must be a number > 0, got ${String(timeoutMs)}.`);
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timeoutError = () => new AskTimeoutError(`ask to ${this.path} timed out after ${timeoutMs} ms (message: ${typeName(message)}).`);
      const pending = new PendingAsk(resolve, reject, timeoutError);
      if (signal) pending.listen(signal);
      if (Number.isFinite(timeoutMs)) this.runtime.askDeadlines.add(pending, timeoutMs);
      this.post(new Envelope(message, sender, pending, undefined));
    });
  }

  /** Queues a letter: a bare message (a tell with no sender) or an `Envelope`. */
  post(letter: unknown): void {
    if (this.status === 'dead' || this.closing) {
      this.deadLetter(letter, 'stopped');
      return;
    }
    if (!this.mailbox.post(letter) && !(letter instanceof Envelope && letter.ask !== undefined)) {
      throw new MailboxFullError(
        `The mailbox of ${this.path} is full (capacity ${this.settings.mailbox?.capacity ?? this.definition.mailbox?.capacity}); ` +
          `the message was dropped as a dead letter 'overflow'. Slow down the sender, raise the capacity, or use overflow 'drop-oldest'.`,
      );
    }
  }

  /** Publishes a dead letter for `letter`, and settles its ask with the matching error. */
  deadLetter(letter: unknown, reason: DeadLetterReason, error?: unknown): void {
    const message = messageOf(letter);
    this.runtime.deadLetter(message, reason, this.path);
    const ask = letter instanceof Envelope ? letter.ask : undefined;
    if (ask === undefined || ask.settled) return;
    ask.reject(error ?? askErrorFor(reason, message, this.definition.className, this.path));
  }

  dropped(letter: unknown): void {
    this.deadLetter(letter, 'overflow');
  }

  idle(): void {
    const waiter = this.idleWaiter;
    this.idleWaiter = undefined;
    waiter?.();
  }

  process(letter: unknown): PromiseLike<void> | undefined {
    const incarnation = this.incarnation!;
    const envelope = letter instanceof Envelope ? letter : undefined;
    if (envelope !== undefined && envelope.timerOf !== undefined && envelope.timerOf !== incarnation) return undefined;
    const message = messageOf(letter);
    const handler = this.definition.handlers.lookup(message);
    if (handler === undefined) {
      this.deadLetter(letter, 'unhandled');
      return undefined;
    }
    incarnation.current = envelope;
    incarnation.handling = true;
    let result: unknown;
    try {
      result = handler.isAsync
        ? runAsync(incarnation, () => handler.fn.call(incarnation.instance!, message, incarnation.context))
        : callAs(incarnation, handler.fn, message);
    } catch (error) {
      this.failed(incarnation, letter, error);
      return undefined;
    }
    if (isThenable(result)) {
      const settled = Promise.resolve(result).then(
        (value) => this.completed(incarnation, envelope, value),
        (error: unknown) => this.failed(incarnation, letter, error),
      );
      this.inFlight = settled;
      return settled;
    }
    this.completed(incarnation, envelope, result);
    return undefined;
  }

  private completed(incarnation: Incarnation, envelope: Envelope | undefined, value: unknown): void {
    if (incarnation.abandoned) return;
    incarnation.current = undefined;
    incarnation.handling = false;
    this.inFlight = undefined;
    const ask = envelope?.ask;
    if (ask !== undefined) {
      if (!ask.settled) ask.resolve(value);
      else if (ask.timedOut) this.runtime.deadLetter(value, 'timeout', this.path);
    }
    if (incarnation.exitRequested) this.exit();
  }

  private failed(incarnation: Incarnation, letter: unknown, error: unknown): void {
    if (incarnation.abandoned) return;
    incarnation.current = undefined;
    incarnation.handling = false;
    this.inFlight = undefined;
    this.mailbox.suspend();
    const message = messageOf(letter);
    this.runtime.emit('failed', this.path, { error, message });
    this.deadLetter(letter, 'failed', error);
    this.lastFailure = { error, message };
    if (this.closing) {
      this.idle();
      return;
    }
    this.status = 'suspended';
    this.parent.childFailed(this, error);
  }

  /** A failure outside a handler (constructor or start hook) while (re)starting. */
  failedToStart(error: unknown): void {
    this.mailbox.suspend();
    this.runtime.emit('failed', this.path, { error });
    this.lastFailure = { error, message: undefined };
    this.status = 'suspended';
    this.parent.childFailed(this, error);
  }

  // ───────────── context operations ─────────────

  requestExit(incarnation: Incarnation): void {
    if (incarnation !== this.incarnation || incarnation.abandoned || this.status !== 'running') return;
    if (incarnation.handling) incarnation.exitRequested = true;
    else queueMicrotask(() => incarnation === this.incarnation && this.status === 'running' && this.exit());
  }

  private exit(): void {
    this.incarnation!.exitRequested = false;
    this.mailbox.suspend();
    if (this.closing) {
      // Exiting during a graceful stop: the stop goes on; what is still queued is dead-lettered.
      this.idle();
      return;
    }
    this.status = 'suspended';
    this.lastFailure = undefined;
    this.parent.childExited(this);
  }

  watch(target: Cell): void {
    if (target === this || this.watching?.has(target)) return;
    (this.watching ??= new Set()).add(target);
    if (target.status === 'dead') this.tell(new Terminated(target.ref), undefined);
    else (target.watchers ??= new Set()).add(this);
  }

  unwatch(target: Cell): void {
    this.watching?.delete(target);
    target.watchers?.delete(this);
  }

  /** Tells every watcher `Terminated`, once. */
  notifyWatchers(): void {
    const watchers = this.watchers;
    this.watchers = undefined;
    if (watchers) for (const watcher of watchers) {
      watcher.watching?.delete(this);
      watcher.tell(new Terminated(this.ref), undefined);
    }
    if (this.watching) for (const target of this.watching) target.watchers?.delete(this);
    this.watching = undefined;
  }

  // ───────────── as a parent ─────────────

  childFailed(child: Cell, error: unknown): void {
    this.supervision().onFailure(child, error);
  }

  childGaveUp(child: Cell, error: unknown): void {
    this.supervision().onFailure(child, error);
  }

  childExited(child: Cell): void {
    this.supervision().onExit(child);
  }

  childTerminated(child: Cell): void {
    this.engine?.forget(child);
    if (this.dynamicChildren?.delete(child) && this.dynamicChildren.size === 0) this.dynamicChildren = undefined;
  }

  // The stops themselves live in stopping.ts; refs reach them through the cell.
  stopForGood(): Promise<void> {
    return stopForGood(this);
  }

  kill(): void {
    kill(this);
  }
}
