/**
 * W4 for nact 7: 1,000 stateful actors spawned with `spawn` (state = the count, one message
 * at a time, like a rampart actor), and 1,000 rounds of `dispatch` to each actor: nact has
 * no broadcast of its own.
 */
import { dispatch, spawn, start, stop } from 'nact';
import { now, opsPerSec } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, DELIVERIES, MESSAGES, Tally, Tick, TICK } from './shared';

export async function nact(): Promise<Measurement> {
  const system = start();
  try {
    const tally = new Tally();
    const listeners = Array.from({ length: ACTORS }, (_, i) =>
      spawn(
        system,
        (count: number, _tick: Tick) => {
          tally.count(count + 1);
          return count + 1;
        },
        `listener-${i}`,
        { initialState: 0 },
      ),
    );
    const begin = now();
    for (let m = 0; m < MESSAGES; m++) {
      for (let a = 0; a < ACTORS; a++) dispatch(listeners[a], TICK);
    }
    const end = await tally.finish('nact');
    await tally.verify();
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    stop(system);
  }
}
