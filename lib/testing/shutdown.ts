import type { ActorSystem } from '../system';
import type { Activity } from '../system/test-hooks';
import { runDueNow } from './idle';
import { ProgressWatch } from './progress';
import type { VirtualScheduler } from './virtual-scheduler';
import { nextActionTime, nextTurn } from './virtual-time';

/**
 * `system.shutdown()`, with the virtual clock moving to each next action while it runs: a
 * handler awaiting a virtual timer, and every stop bounded by `shutdownTimeoutMs`, then
 * completes as it would in real time, only instantly. The clock moves only once nothing has
 * progressed for a few turns (the activity signature `idle()` reads), and, while a handler
 * is in flight, for `REAL_PATIENCE_MS` real ms: so a handler doing real I/O finishes
 * gracefully instead of being killed at its stop bound.
 */
export async function shutDownWhileAdvancing(system: ActorSystem, scheduler: VirtualScheduler, activity: () => Activity): Promise<void> {
  let done = false;
  let failure: { error: unknown } | undefined;
  system.shutdown().then(
    () => (done = true),
    (error: unknown) => {
      failure = { error };
      done = true;
    },
  );
  const watch = new ProgressWatch(activity);
  while (!done) {
    await nextTurn();
    if (done) break;
    if (await runDueNow(scheduler)) {
      watch.moved();
      continue;
    }
    const now = watch.observe();
    const next = nextActionTime(scheduler);
    // Stop bounds are pending timers too, so a pending timer is no sign that a handler in
    // flight waits on virtual time: it may be doing real I/O. Give it real time first.
    const mayAdvance = now.onWorkers === 0 && (now.inFlight === 0 ? watch.stable : watch.stuck);
    if (next === undefined || !mayAdvance) continue;
    await scheduler.advanceTo(Math.max(next, scheduler.now()));
    watch.moved();
  }
  if (failure !== undefined) throw failure.error;
}
