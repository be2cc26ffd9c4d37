import type { ActorSystem } from '../system';
import type { VirtualScheduler } from './virtual-scheduler';
import { nextActionTime, nextTurn } from './virtual-time';

/**
 * `system.shutdown()`, with the virtual clock moving to each next action while it runs: a
 * handler awaiting a virtual timer, and every stop bounded by `shutdownTimeoutMs`, then
 * completes as it would in real time, only instantly.
 */
export async function shutDownWhileAdvancing(system: ActorSystem, scheduler: VirtualScheduler): Promise<void> {
  let done = false;
  let failure: { error: unknown } | undefined;
  system.shutdown().then(
    () => (done = true),
    (error: unknown) => {
      failure = { error };
      done = true;
    },
  );
  while (!done) {
    await nextTurn();
    const next = nextActionTime(scheduler);
    if (!done && next !== undefined) await scheduler.advanceTo(Math.max(next, scheduler.now()));
  }
  if (failure !== undefined) throw failure.error;
}
