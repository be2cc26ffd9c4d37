/**
 * W2 for comedy 2.1 (in-memory): `actor.sendAndReceive('increment', value)`, comedy's ask;
 * the reply is the handler's return value. comedy's in-memory asks have no timeout.
 */
import { IN_MEMORY, startComedy, stopComedy } from '../../support/comedy';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ASKS } from './shared';

class Incrementer {
  increment(value: number): number {
    return value + 1;
  }
}

export async function comedy(): Promise<Measurement> {
  const comedy = await startComedy();
  try {
    const incrementer = await comedy.root.createChild(Incrementer, IN_MEMORY);
    const begin = now();
    let value = 0;
    for (let i = 0; i < ASKS; i++) value = (await incrementer.sendAndReceive('increment', value)) as number;
    const elapsed = now() - begin;
    verify('final reply', value, ASKS);
    verify('logged errors', comedy.log.errors, 0);
    return { opsPerSec: opsPerSec(ASKS, elapsed) };
  } finally {
    await stopComedy(comedy);
  }
}
