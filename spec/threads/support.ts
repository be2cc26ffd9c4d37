/**
 * What thread specs share. Workers answer in real time while the system's clock is virtual:
 * a restart with no backoff is a zero-delay action of that clock, so a pump runs the actions
 * that are due now (without moving the clock) while a spec waits for a worker.
 */
import { expect } from 'chai';
import type { VirtualScheduler } from '../../lib/testing';

/** Runs the scheduler's due actions every millisecond of real time; returns the stop. */
export function pumpDueActions(scheduler: VirtualScheduler): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void scheduler.advanceBy(0).finally(() => (busy = false));
  }, 1);
  return () => clearInterval(timer);
}

/** Lets real time pass, a millisecond at a time, until `done()` holds (bounded). */
export async function until(done: () => boolean, what: string, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(done(), what).to.equal(true);
}
