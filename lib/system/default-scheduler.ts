import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { Subscription as RxSubscription, asyncScheduler } from 'rxjs';

/**
 * The default scheduler: RxJS's `asyncScheduler`, except that a zero-delay action runs on
 * `setImmediate` instead of a timer. Node clamps a 0 ms timer to 1 ms, which would cap
 * immediate restarts at about a thousand a second; `setImmediate` is still a macrotask, so
 * a child that keeps failing cannot starve the event loop.
 */
export const defaultScheduler: SchedulerLike = {
  now: () => asyncScheduler.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return delay > 0 ? asyncScheduler.schedule(work, delay, state) : new ImmediateAction(work, state);
  },
};

class ImmediateAction<T> extends RxSubscription implements SchedulerAction<T> {
  private readonly handle: NodeJS.Immediate;

  constructor(
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
    state: T | undefined,
  ) {
    super();
    this.handle = setImmediate(() => {
      if (!this.closed) this.work.call(this, state);
    });
  }

  override unsubscribe(): void {
    clearImmediate(this.handle);
    super.unsubscribe();
  }

  schedule(state?: T, delay = 0): Subscription {
    const next = defaultScheduler.schedule(this.work, delay, state);
    this.add(next);
    return next;
  }
}
