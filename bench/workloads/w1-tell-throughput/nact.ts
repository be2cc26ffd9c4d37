/**
 * W1 for nact 7: a stateful actor (`spawn`, one message at a time like a rampart actor)
 * whose state is the count, fed one million `dispatch` calls.
 */
import { dispatch, spawn, start, stop } from 'nact';
import { Countdown } from '../../support/countdown';
import { now, opsPerSec, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { MESSAGES, Tick, TICK } from './shared';

export async function nact(): Promise<Measurement> {
  const system = start();
  try {
    const countdown = new Countdown(MESSAGES);
    const counter = spawn(
      system,
      (count: number, _tick: Tick) => {
        countdown.tick();
        return count + 1;
      },
      'counter',
      { initialState: 0 },
    );
    const begin = now();
    for (let i = 0; i < MESSAGES; i++) dispatch(counter, TICK);
    await withTimeout(countdown.done, 50_000, `nact counting ${MESSAGES} dispatches`);
    const elapsed = now() - begin;
    verify('counted dispatches', countdown.count, MESSAGES);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    stop(system);
  }
}
