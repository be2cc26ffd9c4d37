import type { Activity } from '../system/test-hooks';
import type { VirtualScheduler } from './virtual-scheduler';
import { nextActionTime, nextTurn } from './virtual-time';

/**
 * Turns without any change after which a handler in flight is taken to wait on virtual time
 * (when timers are pending), or queued letters to be parked (a mailbox suspended until a
 * restart): a promise chain that progresses changes the signature within a turn or two.
 */
const STABLE_TURNS = 10;

/**
 * Resolves when no actor has a letter queued or in flight and no action is due on
 * `scheduler`: it runs the actions due now, never moves the clock, and does not wait for a
 * handler that waits on virtual time. It keeps waiting, turn by turn, while anything still
 * progresses, while letters are on a worker thread, and while a handler is in flight with
 * no virtual timer pending (it waits on real I/O).
 */
export async function untilIdle(activity: () => Activity, scheduler: VirtualScheduler, over: () => boolean): Promise<void> {
  let last = '';
  let stableTurns = 0;
  for (;;) {
    await nextTurn();
    if (over()) return;
    const next = nextActionTime(scheduler);
    if (next !== undefined && next <= scheduler.now()) {
      await scheduler.advanceTo(scheduler.now());
      stableTurns = 0;
      continue;
    }
    const now = activity();
    if (now.queued === 0 && now.inFlight === 0) return;
    if (now.signature === last) stableTurns++;
    else {
      stableTurns = 0;
      last = now.signature;
    }
    const waitsOnVirtualTime = now.inFlight === 0 || scheduler.pending > 0;
    if (stableTurns >= STABLE_TURNS && now.onWorkers === 0 && waitsOnVirtualTime) return;
  }
}
