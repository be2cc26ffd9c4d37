import type { Subscription } from 'rxjs';
import type { Cell } from './cell';
import { ActorContext } from './context';
import type { Envelope } from './envelope';

/**
 * One instance of an actor, from construction to stop. Timers belong to it, so a restart
 * cancels them, and a killed incarnation is `abandoned`: whatever it still replies or tells
 * is ignored.
 */
export class Incarnation {
  instance: object | undefined;
  /** The envelope of the message being handled (undefined for a bare tell). */
  current: Envelope | undefined;
  /** True while a handler runs (awaits included). */
  handling = false;
  abandoned = false;
  /** `ctx.stop()` was called: exit after the current message. */
  exitRequested = false;
  private timers: Set<Subscription> | undefined;

  private ctx: ActorContext | undefined;

  constructor(readonly cell: Cell) {}

  /** The context handed to handlers, hooks and constructors; made when first needed. */
  get context(): ActorContext {
    return (this.ctx ??= new ActorContext(this));
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
