/**
 * W5 for nact 7: the same actor, whose `onCrash` answers `ctx.reset` (a restart with fresh
 * state), nact's idiomatic supervision. `onCrash` is called once per failing message.
 */
import { dispatch, spawn, start, stop } from 'nact';
import { Countdown } from '../../support/countdown';
import { now, opsPerSec, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { FAILURE_TIMEOUT_MS, FAILURES } from './shared';

export async function nact(): Promise<Measurement> {
  const system = start();
  try {
    const crashes = new Countdown(FAILURES);
    const fragile = spawn(
      system,
      (_state: unknown, n: number) => {
        throw new Error(`crash ${n}`);
      },
      'fragile',
      {
        onCrash: (_message, _error, ctx) => {
          crashes.tick();
          return ctx.reset;
        },
      },
    );
    const begin = now();
    for (let i = 0; i < FAILURES; i++) dispatch(fragile, i);
    await withTimeout(crashes.done, FAILURE_TIMEOUT_MS, 'nact restarts');
    const elapsed = now() - begin;
    verify('crashes', crashes.count, FAILURES);
    return { opsPerSec: opsPerSec(FAILURES, elapsed), lost: FAILURES - crashes.count };
  } finally {
    stop(system);
  }
}
