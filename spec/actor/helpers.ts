/**
 * Shared plumbing for the actor specs: a system on a VirtualScheduler that records its dead
 * letters and events, controllable promises, and a safety net that kills leftover systems.
 */
import { Child, Supervisor } from '../../lib';
import type { ActorClass, ActorRef, ChildOptions, SystemOptions } from '../../lib';
import { deferred, track, type Deferred, type Outcome } from '../support/promises';
import { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem, type Harness } from '../support/harness';

export { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem };
export type { Harness };

export interface WorkerHarness extends Harness {
  /** The ref of the single child at `/app/worker`. */
  ref: ActorRef;
}

/** Starts a fresh `/app` supervisor whose only child is `Worker` at `/app/worker`. */
export async function startWorker(
  Worker: ActorClass,
  childOptions: ChildOptions = {},
  systemOptions: Omit<SystemOptions, 'scheduler'> = {},
): Promise<WorkerHarness> {
  @Supervisor()
  class App {
    @Child(Worker, childOptions) worker!: ActorRef;
  }
  const harness = await startSystem(App, systemOptions);
  return { ...harness, ref: refAt(harness.system, '/app/worker') };
}


export { deferred, track };
export type { Deferred, Outcome };

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, but it resolved with ${String(value)}`);
}

/** The dead letters as comparable `[reason, message]` pairs. */
export function lettersOf(harness: Harness): Array<[string, unknown]> {
  return harness.deadLetters.map((letter) => [letter.reason, letter.message]);
}
