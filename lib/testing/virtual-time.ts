import type { VirtualScheduler } from './virtual-scheduler';

/** The virtual time of the next action of `scheduler`, or `undefined` when none is waiting. */
export function nextActionTime(scheduler: VirtualScheduler): number | undefined {
  const next = scheduler.actions[0];
  return next === undefined ? undefined : (next.delay ?? 0);
}

/** One event-loop turn: promise callbacks, I/O and every `setImmediate` queued before run first. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
