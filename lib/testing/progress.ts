import type { Activity } from '../system/test-hooks';
import type { VirtualScheduler } from './virtual-scheduler';

/**
 * Turns without any change after which a handler in flight is taken to wait on virtual time
 * (when timers are pending), or queued letters to be parked (a mailbox suspended until a
 * restart): a promise chain that progresses changes the signature within a turn or two.
 */
export const STABLE_TURNS = 10;

/**
 * Real ms without any change after which an `expect*` stops waiting for a handler that may
 * be doing real I/O, or awaiting a promise only the test settles, and moves virtual time
 * on: so it ends at the end of its `within`, never in a runner timeout.
 */
export const REAL_PATIENCE_MS = 500;

/** Watches the activity signature turn by turn: for how many turns, and real ms, nothing has progressed. */
export class ProgressWatch {
  private last = '';
  private turns = 0;
  private since = performance.now();

  constructor(private readonly activity: () => Activity) {}

  /** Reads the activity now and counts a turn without change, or starts counting again. */
  observe(): Activity {
    const now = this.activity();
    if (now.signature === this.last) this.turns++;
    else {
      this.last = now.signature;
      this.turns = 0;
      this.since = performance.now();
    }
    return now;
  }

  /**
   * The clock moved, or due actions ran: counts the turns from zero again, so what they
   * started can settle. The real time since the signature last changed keeps running.
   */
  moved(): void {
    this.turns = 0;
  }

  /** Nothing has progressed for `STABLE_TURNS` turns. */
  get stable(): boolean {
    return this.turns >= STABLE_TURNS;
  }

  /** Nothing has progressed for `STABLE_TURNS` turns and `REAL_PATIENCE_MS` real ms. */
  get stuck(): boolean {
    return this.stable && performance.now() - this.since >= REAL_PATIENCE_MS;
  }
}

/**
 * Whether what is in flight can only progress when virtual time moves: nothing is in flight,
 * or an action other than the ask deadlines is pending (an ask's own timeout is no sign: the
 * asked handler may be doing real I/O).
 */
export function waitsOnVirtualTime(activity: Activity, scheduler: VirtualScheduler): boolean {
  return activity.inFlight === 0 || scheduler.pending > activity.askDeadlineActions;
}
