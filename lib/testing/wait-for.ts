import type { SystemInternals } from '../system/test-hooks';
import { runDueNow } from './idle';
import { ProgressWatch, waitsOnVirtualTime } from './progress';
import type { VirtualScheduler } from './virtual-scheduler';
import { nextActionTime, nextTurn } from './virtual-time';

/** What `waitUntil` drives: the kit's clock, the system's activity, and whether the kit was shut down. */
export interface WaitingKit {
  readonly scheduler: VirtualScheduler;
  readonly internals: SystemInternals;
  readonly shutDown: boolean;
}

/**
 * Waits until `done()`, up to the virtual time `deadline`: true when done, false at the
 * deadline without it, 'shut down' when the kit was shut down meanwhile. `done()` is read
 * first, so what has arrived already is taken at once. Turn by turn it runs the actions due
 * now; once nothing has progressed for a few turns it advances the clock to the next action
 * (or to the deadline) when what is in flight waits on virtual time, and after
 * `REAL_PATIENCE_MS` real ms also when a handler seems to wait on real I/O or on the test:
 * unlike `idle()`, it never waits without end.
 */
export async function waitUntil(kit: WaitingKit, done: () => boolean, deadline: number): Promise<boolean | 'shut down'> {
  const scheduler = kit.scheduler;
  const watch = new ProgressWatch(() => kit.internals.activity());
  for (;;) {
    if (done()) return true;
    await nextTurn();
    if (kit.shutDown) return 'shut down';
    if (await runDueNow(scheduler)) {
      watch.moved();
      continue;
    }
    const now = watch.observe();
    const quiet = now.queued === 0 && now.inFlight === 0;
    const waitsOnClock = now.onWorkers === 0 && waitsOnVirtualTime(now, scheduler);
    if (!(quiet || (watch.stable && waitsOnClock) || watch.stuck) || done()) continue;
    if (scheduler.now() >= deadline) return false;
    const next = nextActionTime(scheduler);
    await scheduler.advanceTo(next === undefined || next > deadline ? deadline : Math.max(next, scheduler.now()));
    watch.moved();
  }
}
