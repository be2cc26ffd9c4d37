import type { Subscription } from 'rxjs';
import type { Envelope } from '../core/envelope';
import type { ActorRef } from '../types';
import { ActorContext } from './actor-context';
import type { Cell } from './cell';
import type { IncarnationState } from './incarnation-state';
import { incarnationEnded, LetterSignals } from './letter-signals';

/**
 * One instance of an actor, from construction to stop. Timers belong to it, so a restart
 * cancels them, and once it is retired (killed, replaced or stopped for good) whatever it
 * still sends, schedules or spawns is ignored.
 */
export class Incarnation implements IncarnationState {
  instance: object | undefined;
  current: Envelope | undefined;
  handling = false;
  abandoned = false;
  exitRequested = false;
  private timers: Set<Subscription> | undefined;
  private ctx: ActorContext | undefined;
  private signals: LetterSignals | undefined;
  private killed = false;

  constructor(readonly cell: Cell) {}

  get self(): ActorRef {
    return this.cell.ref;
  }

  get retired(): boolean {
    const cell = this.cell;
    return this.abandoned || cell.incarnation !== this || cell.status === 'dead';
  }

  /** The context handed to handlers, hooks and constructors; made when first needed. */
  get context(): ActorContext {
    return (this.ctx ??= new ActorContext(this));
  }

  /**
   * `ctx.signal`: the current ask's own signal while a handler of an ask runs, else the
   * incarnation's (see `LetterSignals`). Made on first read.
   */
  get signal(): AbortSignal {
    const signals = (this.signals ??= new LetterSignals());
    if (this.killed) this.endSignals();
    const letter = this.handling ? this.current : undefined;
    return signals.of(letter, letter?.ask);
  }

  /** It was killed: the signals it handed out abort with an `ActorStoppedError`, and so do those read later. */
  endSignals(): void {
    this.killed = true;
    const path = this.cell.path;
    this.signals?.end(() => incarnationEnded(path));
  }

  addTimer(timer: Subscription): void {
    (this.timers ??= new Set()).add(timer);
  }

  removeTimer(timer: Subscription): void {
    this.timers?.delete(timer);
  }

  cancelTimers(): void {
    if (this.timers === undefined) return;
    for (const timer of this.timers) timer.unsubscribe();
    this.timers = undefined;
  }
}
