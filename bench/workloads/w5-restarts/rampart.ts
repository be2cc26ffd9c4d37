/**
 * W5 for rampart: a `@Child` of a supervisor with `maxRestarts: Infinity` (immediate
 * restart); each failing message must show up as a dead letter `failed`. Logging is off
 * (`logger: null`), as nothing logs in the peers' runs either.
 */
import { ActorSystem, Child, On, Supervisor, type ActorRef } from '../../../lib';
import { Countdown } from '../../support/countdown';
import { now, opsPerSec, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { FAILURE_TIMEOUT_MS, FAILURES } from './shared';

class Fragile {
  @On(Number)
  crash(n: number): void {
    throw new Error(`crash ${n}`);
  }
}

@Supervisor({ maxRestarts: Infinity })
class RestartBenchRoot {
  @Child(Fragile) fragile!: ActorRef<number>;
}

export async function rampart(): Promise<Measurement> {
  // The peers log nothing on a failure; rampart logs each one with its stack by default
  // (10,000 stack traces here, mostly the cost of source-mapping them under ts-node), so
  // this measures the restart machinery alone, as the peers' runs do.
  const system = await ActorSystem.start(RestartBenchRoot, { logger: null });
  try {
    let failedLetters = 0;
    const restarts = new Countdown(FAILURES);
    system.deadLetters$.subscribe((letter) => {
      if (letter.reason === 'failed') failedLetters++;
    });
    system.events$.subscribe((event) => {
      if (event.type === 'restarted') restarts.tick();
    });
    const fragile = system.lookup('/restartBenchRoot/fragile') as ActorRef<number>;
    const start = now();
    for (let i = 0; i < FAILURES; i++) fragile.tell(i);
    await withTimeout(restarts.done, FAILURE_TIMEOUT_MS, 'rampart restarts');
    const elapsed = now() - start;
    verify('restarts', restarts.count, FAILURES);
    return { opsPerSec: opsPerSec(FAILURES, elapsed), lost: FAILURES - failedLetters };
  } finally {
    await system.shutdown();
  }
}
