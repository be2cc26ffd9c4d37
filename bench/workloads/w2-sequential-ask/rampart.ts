/** W2 for rampart: `ref.ask(value)`, answered by the return value of an `@On(Number)` handler. */
import { ActorSystem, On, Supervisor } from '../../../lib';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ASKS } from './shared';

class Incrementer {
  @On(Number)
  increment(value: number): number {
    return value + 1;
  }
}

@Supervisor()
class AskBenchRoot {}

export async function rampart(): Promise<Measurement> {
  // The system's default ask timeout (5 s) applies to every ask.
  const system = await ActorSystem.start(AskBenchRoot);
  try {
    const incrementer = system.spawn<number>(Incrementer);
    const start = now();
    let value = 0;
    for (let i = 0; i < ASKS; i++) value = await incrementer.ask<number>(value);
    const elapsed = now() - start;
    verify('final reply', value, ASKS);
    return { opsPerSec: opsPerSec(ASKS, elapsed) };
  } finally {
    await system.shutdown();
  }
}
