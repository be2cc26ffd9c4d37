/**
 * Shared plumbing for the regression specs: the supervision helpers, a logger that records
 * instead of printing, and bounded waits, so that a spec for a hang fails instead of hanging.
 */
import { expect } from 'chai';
import type { Logger } from '../../lib';
import type { VirtualScheduler } from '../../lib/testing';
import { killLeftovers } from '../support/harness';
import type { Outcome } from '../support/promises';

export * from '../supervision/helpers';

/** A logger that keeps every line instead of printing it. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: () => undefined, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/**
 * Advances virtual time in `stepMs` steps, at most `steps` times, until `outcome` settles.
 * Returns how much virtual time that took (Infinity when it never settled).
 */
export async function advanceUntil(
  scheduler: VirtualScheduler,
  outcome: Outcome<unknown> | (() => boolean),
  stepMs: number,
  steps: number,
): Promise<number> {
  const done = typeof outcome === 'function' ? outcome : () => outcome.settled;
  const start = scheduler.now();
  await scheduler.advanceBy(0);
  for (let i = 0; i < steps && !done(); i++) await scheduler.advanceBy(stepMs);
  return done() ? scheduler.now() - start : Infinity;
}

/** Asserts that `outcome` settled within `steps` steps of `stepMs` of virtual time. */
export async function expectSettles(
  scheduler: VirtualScheduler,
  outcome: Outcome<unknown>,
  what: string,
  stepMs = 100,
  steps = 50,
): Promise<void> {
  await advanceUntil(scheduler, outcome, stepMs, steps);
  expect(outcome.settled, `${what} settled within ${stepMs * steps} ms of virtual time`).to.equal(true);
}

/** How a promise ended, telling a rejection with `undefined` apart from a resolution. */
export interface Ending {
  settled: boolean;
  rejected?: boolean;
  value?: unknown;
}

/** Like `track`, but records whether the promise rejected (even with `undefined`). */
export function ending(promise: Promise<unknown>): Ending {
  const end: Ending = { settled: false };
  promise.then(
    (value) => Object.assign(end, { settled: true, rejected: false, value }),
    (value: unknown) => Object.assign(end, { settled: true, rejected: true, value }),
  );
  return end;
}

/**
 * Records the errors that escape to the process (a throw out of a mailbox's drain loop is an
 * uncaught exception) instead of letting mocha fail whichever test runs at that moment, so a
 * spec can assert that nothing escaped. Call `stop()` (an `afterEach`) to give mocha back its
 * handlers.
 */
export function catchEscapes(): { errors: unknown[]; stop(): void } {
  const saved = process.listeners('uncaughtException');
  const errors: unknown[] = [];
  const record = (error: unknown) => void errors.push(error);
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', record);
  return {
    errors,
    stop() {
      process.removeListener('uncaughtException', record);
      for (const listener of saved) process.on('uncaughtException', listener);
    },
  };
}

/**
 * `catchEscapes()` around every test of the enclosing `describe` (and `killLeftovers` after
 * it): the returned object's `errors` are those of the test that runs.
 */
export function escapesOfEachTest(): { readonly errors: unknown[] } {
  let current: ReturnType<typeof catchEscapes> | undefined;
  beforeEach(() => (current = catchEscapes()));
  afterEach(() => {
    current?.stop();
    killLeftovers();
  });
  return {
    get errors() {
      return current?.errors ?? [];
    },
  };
}
