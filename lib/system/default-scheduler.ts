import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { Subscription as RxSubscription } from 'rxjs';
import { runSoon, UNITS_PER_CLOCK_READ } from '../core/turn';

/**
 * The longest delay one Node timer can wait: 2^31-1 ms (about 24.8 days). Node clamps a
 * longer one to 1 ms and warns (`TimeoutOverflowWarning`), so a longer delay waits in steps.
 */
export const MAX_TIMER_STEP_MS = 2 ** 31 - 1;

/** The timers the default scheduler arms; injectable so that a spec can drive them. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A default scheduler on `timers` (Node's by default), with `Date.now` as its clock, as
 * RxJS's `asyncScheduler` has. Three kinds of delay:
 * - zero (or negative, or NaN): immediate restarts and retries. Node clamps a 0 ms timer to
 *   1 ms, which would cap immediate restarts at about a thousand a second, so they run
 *   through `runSoon` (core/turn): as microtasks within the event-loop turn's 1 ms budget,
 *   which they share with the mailboxes, then from a `setImmediate`. So the event loop
 *   turns at least once a millisecond, whatever restarts, and within the budget no
 *   restart pays a whole event-loop turn.
 * - finite and positive: one timer, or for a delay above `MAX_TIMER_STEP_MS` a chain of
 *   timers of at most that long each, so the action waits its whole delay.
 * - `Infinity`: the action never runs, and no timer is armed for it.
 */
export function createDefaultScheduler(timers: Timers = nodeTimers, now: () => number = Date.now): SchedulerLike {
  const scheduler: SchedulerLike = {
    now,
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      return new DefaultAction(timers, work).schedule(state, delay);
    },
  };
  return scheduler;
}

/** The default scheduler of `ActorSystem.start`. */
export const defaultScheduler: SchedulerLike = createDefaultScheduler();

/**
 * One action of the default scheduler. Like RxJS's `AsyncAction`, `this.schedule(state,
 * delay)` inside the work (a periodic timer) or outside it re-arms the same action, and
 * unsubscribing it cancels whatever is armed: the pending immediate run or the current step.
 */
class DefaultAction<T> extends RxSubscription implements SchedulerAction<T> {
  private state: T | undefined;
  /** Ms still to wait after the current timer step. */
  private remaining = 0;
  private timer: unknown = undefined;
  /** Bumped by every arm and cancel, so a queued immediate run that is stale does nothing. */
  private generation = 0;

  constructor(
    private readonly timers: Timers,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.cancel();
    if (!(delay > 0)) {
      const generation = this.generation;
      runSoon(() => generation === this.generation && this.execute(), UNITS_PER_CLOCK_READ);
    } else if (delay !== Infinity) {
      this.remaining = delay;
      this.step();
    }
    return this;
  }

  override unsubscribe(): void {
    this.cancel();
    super.unsubscribe();
  }

  /** Arms the next timer step: at most `MAX_TIMER_STEP_MS`, the rest after it. */
  private step(): void {
    const ms = Math.min(this.remaining, MAX_TIMER_STEP_MS);
    this.remaining -= ms;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      if (this.remaining > 0) this.step();
      else this.execute();
    }, ms);
  }

  private cancel(): void {
    this.generation++;
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private execute(): void {
    if (this.closed) return;
    this.generation++;
    try {
      this.work.call(this, this.state);
    } catch (error) {
      this.unsubscribe();
      throw error;
    }
  }
}
