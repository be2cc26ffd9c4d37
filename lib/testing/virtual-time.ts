import type { VirtualTimeScheduler } from 'rxjs';

/** Lets every pending promise callback, and the mailbox drains they start, run. */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** One event-loop turn: promise callbacks, I/O and every `setImmediate` queued before run first. */
export function nextTurn(): Promise<void> {
  return settle(1);
}

/** The virtual time of the next action of `scheduler`, or `undefined` when none is waiting. */
export function nextActionTime(scheduler: Pick<VirtualTimeScheduler, 'actions'>): number | undefined {
  const next = scheduler.actions[0];
  return next === undefined ? undefined : (next.delay ?? 0);
}
