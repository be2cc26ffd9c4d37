import { messageOf, replyOf } from '../core/envelope';
import type { Process } from '../core/process';
import { Ref, type AnyRef } from '../core/ref';
import type { GroupMember, GroupSlot } from '../dispatch/ports';
import { MailboxFullError } from '../errors';
import type { ActorDefinition, ChildSettings, SupervisionSettings } from '../metadata';
import type { PendingRestart, SupervisedChild, SupervisingOwner, SupervisionEngine } from '../supervision/ports';
import type { ActorClass, ActorRef, DeadLetterReason, SpawnOptions, SystemEventType } from '../types';
import { DeathWatch } from './death-watch';
import { deliver, type DeliveringCell } from './delivery';
import type { CellStatus, Failure, IncarnationState } from './incarnation-state';
import { askErrorFor } from './letters';
import { Mailbox, type MailboxOwner } from './mailbox';
import type { Parent, Runtime } from './ports';

const NO_CHILDREN: readonly Cell[] = Object.freeze([]);

/**
 * The runtime side of one actor: its ref, its mailbox and its current incarnation. The cell
 * outlives incarnations, so refs and queued messages survive restarts. It is the process
 * behind its ref; its lifecycle is driven by its parent through the runtime's `Lifecycle`
 * (`starting.ts`, `stopping.ts`), and it is the supervised child, the supervising owner and
 * the group member that `supervision/` and `dispatch/` see through their ports.
 */
export class Cell implements MailboxOwner, DeliveringCell, Process, Parent<Cell>, SupervisedChild, SupervisingOwner<Cell>, GroupMember {
  readonly ref: Ref;
  readonly mailbox: Mailbox;
  status: CellStatus = 'idle';
  restarts = 0;
  incarnation: IncarnationState | undefined;
  /** The error and message of the last failure, for `beforeRestart`. */
  lastFailure: { error: unknown; message: unknown } | undefined;
  /** Stopping for good (graceful or not): new messages become dead letters, no restart. */
  closing = false;
  /** Resolved when the mailbox is empty and idle (graceful stop). */
  idleWaiter: (() => void) | undefined;
  /** The settle promise of the async handler in flight. */
  inFlight: Promise<void> | undefined;
  /** One entry per `@Child`: the child's cell, or its group. */
  readonly slots: readonly (Cell | GroupSlot<Cell>)[];
  /** The group this cell is a member of, if any. */
  group: { changed(): void } | undefined;
  /** Children from `ctx.spawn` / `system.spawn`, in spawn order. */
  dynamicChildren: Set<Cell> | undefined;
  /** Per default name, how many unnamed children were spawned (for `name-2`, `name-3`, …). */
  spawnNumbers: Map<string, number> | undefined;
  /** The pending stop for good, so that `stop()` is idempotent. */
  stopping: Promise<void> | undefined;
  /** A restart waiting out its backoff. */
  pendingRestart: PendingRestart | undefined;
  /** The start in progress when it is async: a graceful stop waits for it. */
  startup: Promise<void> | undefined;
  private deathWatch: DeathWatch | undefined;
  private engine: SupervisionEngine<Cell> | undefined;

  constructor(
    readonly runtime: Runtime<Cell>,
    readonly parent: Parent<Cell>,
    readonly path: string,
    readonly definition: ActorDefinition,
    readonly settings: ChildSettings,
  ) {
    this.ref = new Ref(path, runtime.registry, this);
    this.mailbox = new Mailbox(this, settings.mailbox ?? definition.mailbox);
    this.slots =
      definition.children.length === 0
        ? NO_CHILDREN
        : definition.children.map((child) =>
            child.settings.redundancy === undefined
              ? runtime.createCell(this, `${path}/${child.name}`, child.definition, child.settings)
              : runtime.createGroup(this, child),
          );
    this.register();
  }

  /** Enters the registry (and its distributor), as a new cell or one that comes back. */
  register(): void {
    const registry = this.runtime.registry;
    registry.register(this.path, this);
    if (this.settings.distributor !== undefined) registry.join(this.settings.distributor, this.ref);
  }

  unregister(): void {
    const registry = this.runtime.registry;
    registry.unregister(this.path, this);
    if (this.settings.distributor !== undefined) registry.leave(this.settings.distributor, this.ref);
  }

  get node(): string {
    return this.runtime.registry.node;
  }

  get terminated(): boolean {
    return this.status === 'dead' || this.closing;
  }

  get dead(): boolean {
    return this.status === 'dead';
  }

  get inactive(): boolean {
    return this.status === 'dead' || this.status === 'idle';
  }

  get suspended(): boolean {
    return this.status === 'suspended';
  }

  /** Queued messages, not counting the one in flight. */
  get queued(): number {
    return this.mailbox.size;
  }

  /** A message is in flight. */
  get busy(): boolean {
    return this.mailbox.busy;
  }

  get queuedElsewhere(): number {
    return 0;
  }

  /** The supervising cell; `undefined` for the root, whose parent is the system's guardian. */
  get parentCell(): Cell | undefined {
    return this.parent instanceof Cell ? this.parent : undefined;
  }

  get parentRef(): ActorRef | undefined {
    return this.parentCell?.ref;
  }

  get isSupervisor(): boolean {
    return this.definition.kind === 'supervisor';
  }

  get supervision(): SupervisionSettings {
    return this.definition.supervision;
  }

  get scheduler() {
    return this.runtime.scheduler;
  }

  get logger() {
    return this.runtime.logger;
  }

  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void {
    this.runtime.emit(type, path, details);
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
  groups(): GroupSlot<Cell>[] {
    return this.slots.filter((slot): slot is GroupSlot<Cell> => !(slot instanceof Cell));
  }

  /** Every live child, in start order. */
  children(): Cell[] {
    if (this.slots.length === 0 && this.dynamicChildren === undefined) return [];
    const live = this.staticChildren.filter((c) => c.status !== 'dead');
    if (this.dynamicChildren !== undefined) for (const child of this.dynamicChildren) live.push(child);
    return live;
  }

  /** Stopping, stopped, halted or suspended: it decides nothing for its children any more. */
  get goingDown(): boolean {
    const status = this.status;
    return this.closing || status === 'dead' || status === 'halted' || status === 'suspended';
  }

  supervisionEngine(): SupervisionEngine<Cell> {
    return (this.engine ??= this.runtime.supervise(this));
  }

  /** A new incarnation starts with a fresh restart intensity. */
  resetSupervision(): void {
    this.engine = undefined;
  }

  // ───────────── messages ─────────────

  /** Queues a letter: a bare message (a tell with no sender) or an `Envelope`. */
  post(letter: unknown): void {
    if (this.status === 'dead' || this.closing) {
      this.deadLetter(letter, 'stopped');
      return;
    }
    if (!this.mailbox.post(letter) && replyOf(letter) === undefined) {
      throw new MailboxFullError(
        `The mailbox of ${this.path} is full (capacity ${this.settings.mailbox?.capacity ?? this.definition.mailbox?.capacity}); ` +
          `the message was dropped as a dead letter 'overflow'. Slow down the sender, raise the capacity, or use overflow 'drop-oldest'.`,
      );
    }
  }

  /** Publishes a dead letter for `letter`, and rejects its ask: with the failure itself for `failed`. */
  deadLetter(letter: unknown, reason: DeadLetterReason, failure?: Failure): void {
    this.runtime.registry.deadLetter(letter, reason, this.path, () =>
      failure !== undefined ? failure.error : askErrorFor(reason, messageOf(letter), this.definition.className, this.path),
    );
  }

  dropped(letter: unknown): void {
    this.deadLetter(letter, 'overflow');
  }

  idle(): void {
    const waiter = this.idleWaiter;
    this.idleWaiter = undefined;
    waiter?.();
  }

  /** Handles one letter; a promise while an async handler is in flight (`deliver`, installed below). */
  declare process: (letter: unknown) => PromiseLike<void> | undefined;

  /**
   * Set (on its prototype) by a cell whose instances live elsewhere, on a worker thread: it
   * builds the instance of `incarnation` there and runs its start hook. `undefined` here.
   */
  declare readonly incarnateElsewhere: ((incarnation: IncarnationState, hook: 'beforeStart' | 'afterRestart', error: unknown) => Promise<void>) | undefined;

  /**
   * `incarnation` is over (replaced, halted, killed or stopped for good): its timers are
   * cancelled and it is abandoned. When it was `killed` (a kill, or a stop out of time), its
   * `ctx.signal`s abort: DESIGN, "for a tell, it is aborted only by a kill", so a restart or
   * a graceful stop, which waited for the handler, leaves them be. A cell on a worker
   * thread lets the worker drop it.
   */
  incarnationEnded(incarnation: IncarnationState, killed: boolean): void {
    if (killed) incarnation.endSignals();
  }

  /** The worker thread this actor runs on, for `tree()`; `undefined` on this thread. */
  get thread(): number | undefined {
    return undefined;
  }

  /** A runtime letter for a live watch: a `Terminated` of a ref it still watches (delivered once). */
  wantsNotice(address: string): boolean {
    return this.deathWatch?.delivered(address) === true;
  }

  /** A handler failed: the supervisor decides. */
  reportFailure(error: unknown): void {
    // The failed incarnation handles nothing more: its timers stop now, not after the backoff.
    this.incarnation?.cancelTimers();
    this.status = 'suspended';
    this.parent.childFailed(this, error);
  }

  /** A failure outside a handler (constructor or start hook) while (re)starting. */
  failedToStart(error: unknown): void {
    this.incarnation?.cancelTimers();
    this.mailbox.suspend();
    this.runtime.emit('failed', this.path, { error });
    this.lastFailure = { error, message: undefined };
    this.status = 'suspended';
    this.parent.childFailed(this, error);
  }

  // ───────────── context operations ─────────────

  /** `ctx.stop()`: a normal exit after the current message (or once a start in progress is done). */
  requestExit(incarnation: IncarnationState): void {
    if (incarnation.retired || this.closing) return;
    if (this.status === 'starting' || incarnation.handling) incarnation.exitRequested = true;
    else if (this.status === 'running') queueMicrotask(() => this.exitIfStill(incarnation));
  }

  /** Exits now, if `incarnation` is still the running one. */
  exitIfStill(incarnation: IncarnationState): void {
    if (incarnation === this.incarnation && !incarnation.retired && this.status === 'running' && !incarnation.handling) this.exit();
  }

  /** The normal exit (`ctx.stop()`): suspended until the supervisor decides. */
  exit(): void {
    this.incarnation!.exitRequested = false;
    this.mailbox.suspend();
    if (this.closing) {
      // Exiting during a graceful stop: the stop goes on; what is still queued is dead-lettered.
      this.idle();
      return;
    }
    this.incarnation!.cancelTimers();
    this.status = 'suspended';
    this.lastFailure = undefined;
    this.parent.childExited(this);
  }

  spawn(actor: ActorClass, options: SpawnOptions | undefined): ActorRef {
    return this.runtime.lifecycle.spawn(this, actor, options).ref;
  }

  // ───────────── death watch ─────────────

  watch(target: AnyRef): void {
    this.watchState().watch(target);
  }

  unwatch(target: AnyRef): void {
    this.deathWatch?.unwatch(target);
    this.forgetEmptyWatch();
  }

  addWatcher(watcher: ActorRef): boolean {
    if (this.status === 'dead') return false;
    this.watchState().addWatcher(watcher);
    return true;
  }

  removeWatcher(watcher: ActorRef): void {
    this.deathWatch?.removeWatcher(watcher);
    this.forgetEmptyWatch();
  }

  private watchState(): DeathWatch {
    return (this.deathWatch ??= new DeathWatch(this.ref, this.runtime.registry));
  }

  private forgetEmptyWatch(): void {
    if (this.deathWatch?.empty) this.deathWatch = undefined;
  }

  /** Stopped for good: watchers get `Terminated`, own watches end. */
  notifyWatchers(): void {
    const watch = this.deathWatch;
    if (watch === undefined) return;
    this.deathWatch = undefined;
    watch.terminated();
  }

  // ───────────── as a parent ─────────────

  childFailed(child: Cell, error: unknown): void {
    this.supervisionEngine().onFailure(child, error);
  }

  childGaveUp(child: Cell, error: unknown): void {
    this.childFailed(child, error);
  }

  childExited(child: Cell): void {
    this.supervisionEngine().onExit(child);
  }

  childTerminated(child: Cell): void {
    this.engine?.forget(child);
    if (this.dynamicChildren?.delete(child) && this.dynamicChildren.size === 0) this.dynamicChildren = undefined;
  }

  // ───────────── the lifecycle, as the ports see it ─────────────

  stop(): Promise<void> {
    return this.runtime.lifecycle.stopForGood(this);
  }

  kill(): void {
    this.runtime.lifecycle.kill(this);
  }

  takeDown(afterFailure: boolean): void | Promise<void> {
    return this.runtime.lifecycle.takeDown(this, afterFailure);
  }

  bringUp(afterFailure: boolean): void | Promise<void> {
    return this.runtime.lifecycle.bringUp(this, afterFailure);
  }

  halt(): Promise<void> {
    return this.runtime.lifecycle.halt(this);
  }

  startHalted(): void | Promise<void> {
    return this.runtime.lifecycle.startHalted(this);
  }

  retire(reason: string): Promise<void> {
    return this.runtime.lifecycle.retire(this, reason);
  }

  giveUp(error: Error): Promise<void> {
    return this.runtime.lifecycle.giveUp(this, error);
  }

  start(): void | Promise<void> {
    return this.runtime.lifecycle.startMember(this);
  }

  discard(reason: string): void {
    this.runtime.lifecycle.terminate(this, reason);
  }
}

Cell.prototype.process = deliver;
(Cell.prototype as { incarnateElsewhere: unknown }).incarnateElsewhere = undefined;
