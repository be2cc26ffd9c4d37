import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { Subscription as RxSubscription, asyncScheduler } from 'rxjs';

/** How long zero-delay actions may follow one another before the event loop gets a turn. */
const TURN_BUDGET_MS = 1;

let chainStartedAt = 0;
let chained = false;

/**
 * Runs `task` soon, as its own step: on a microtask while the current chain of zero-delay
 * actions is younger than `TURN_BUDGET_MS`, else on `setImmediate`. Every chain ends with a
 * `setImmediate` turn, so I/O, timers and other macrotasks run at least once a millisecond
 * even under an endless restart loop, which is what keeps a failing child from starving the
 * event loop; within the budget no restart pays a whole event-loop turn.
 */
function runSoon(task: () => void): { cancel(): void } {
  const now = performance.now();
  if (!chained) {
    chained = true;
    chainStartedAt = now;
    setImmediate(() => (chained = false));
  }
  if (now - chainStartedAt < TURN_BUDGET_MS) {
    let cancelled = false;
    queueMicrotask(() => cancelled || task());
    return { cancel: () => (cancelled = true) };
  }
  const handle = setImmediate(task);
  return { cancel: () => clearImmediate(handle) };
}

/**
 * The default scheduler: RxJS's `asyncScheduler`, except for zero-delay actions (immediate
 * restarts and retries). Node clamps a 0 ms timer to 1 ms, which would cap immediate restarts
 * at about a thousand a second; they run through `runSoon` instead, in turns bounded to 1 ms.
 */
export const defaultScheduler: SchedulerLike = {
  now: () => asyncScheduler.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return delay > 0 ? asyncScheduler.schedule(work, delay, state) : new ImmediateAction(work, state);
  },
};

class ImmediateAction<T> extends RxSubscription implements SchedulerAction<T> {
  private readonly pending: { cancel(): void };

  constructor(
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
    state: T | undefined,
  ) {
    super();
    this.pending = runSoon(() => {
      if (!this.closed) this.work.call(this, state);
    });
  }

  override unsubscribe(): void {
    this.pending.cancel();
    super.unsubscribe();
  }

  schedule(state?: T, delay = 0): Subscription {
    const next = defaultScheduler.schedule(this.work, delay, state);
    this.add(next);
    return next;
  }
}
