import type { Activity } from '../system/test-hooks';
import { ProgressWatch, waitsOnVirtualTime } from './progress';
import type { VirtualScheduler } from './virtual-scheduler';
import { nextActionTime, nextTurn } from './virtual-time';

/**
 * Resolves when no actor has a letter queued or in flight and no action is due on
 * `scheduler`: it runs the actions due now, never moves the clock, and does not wait for a
 * handler that waits on virtual time. It keeps waiting, turn by turn, while anything still
 * progresses, while letters are on a worker thread, and while a handler is in flight with
 * no virtual timer pending but the ask deadlines (it waits on real I/O, or on the test).
 */
export async function untilIdle(activity: () => Activity, scheduler: VirtualScheduler, over: () => boolean): Promise<void> {
  const watch = new ProgressWatch(activity);
  for (;;) {
    await nextTurn();
    if (over()) return;
    if (await runDueNow(scheduler)) {
      watch.moved();
      continue;
    }
    const now = watch.observe();
    if (now.queued === 0 && now.inFlight === 0) return;
    if (watch.stable && now.onWorkers === 0 && waitsOnVirtualTime(now, scheduler)) return;
  }
}

/** Runs the actions due now, without moving the clock; false when none was due. */
export async function runDueNow(scheduler: VirtualScheduler): Promise<boolean> {
  const next = nextActionTime(scheduler);
  if (next === undefined || next > scheduler.now()) return false;
  await scheduler.advanceTo(scheduler.now());
  return true;
}
