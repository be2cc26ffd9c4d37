/**
 * W5: ten thousand messages, each of which makes the actor's handler throw, so the actor
 * restarts ten thousand times (immediate restart, unlimited intensity). The run ends when
 * the last restart is done. Nothing may be lost: rampart must publish each failing message
 * as a dead letter `failed`; nact must call its `onCrash` for each one.
 *
 * Baseline `nact`: the same actor in nact 7, whose `onCrash` answers `ctx.reset` (a restart
 * with fresh state), the idiomatic equivalent.
 */
import { dispatch, spawn, start, stop } from 'nact';
import { ActorSystem, Child, On, Supervisor, type ActorRef } from '../../lib';
import { now, opsPerSec, verify, withTimeout } from '../support/measure';
import type { Workload } from '../types';

const FAILURES = 10_000;

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

async function rampart() {
  const system = await ActorSystem.start(RestartBenchRoot);
  try {
    let failedLetters = 0;
    let restarts = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    system.deadLetters$.subscribe((letter) => {
      if (letter.reason === 'failed') failedLetters++;
    });
    system.events$.subscribe((event) => {
      if (event.type === 'restarted' && ++restarts === FAILURES) finish();
    });
    const fragile = system.lookup('/restartBenchRoot/fragile') as ActorRef<number>;
    const start = now();
    for (let i = 0; i < FAILURES; i++) fragile.tell(i);
    await withTimeout(finished, 60_000, 'rampart restarts');
    const elapsed = now() - start;
    verify('dead letters "failed"', failedLetters, FAILURES);
    return { opsPerSec: opsPerSec(FAILURES, elapsed), lost: FAILURES - failedLetters };
  } finally {
    await system.shutdown();
  }
}

async function nact() {
  const system = start();
  try {
    let crashes = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const fragile = spawn(
      system,
      (_state: unknown, n: number) => {
        throw new Error(`crash ${n}`);
      },
      'fragile',
      {
        onCrash: (_msg, _error, ctx) => {
          if (++crashes === FAILURES) finish();
          return ctx.reset;
        },
      },
    );
    const start = now();
    for (let i = 0; i < FAILURES; i++) dispatch(fragile, i);
    await withTimeout(finished, 60_000, 'nact restarts');
    const elapsed = now() - start;
    verify('crashes', crashes, FAILURES);
    return { opsPerSec: opsPerSec(FAILURES, elapsed), lost: FAILURES - crashes };
  } finally {
    stop(system);
  }
}

export const w5: Workload = {
  id: 'W5',
  title: `restart throughput (${FAILURES.toLocaleString('en-US')} failing messages, immediate restart)`,
  baseline: 'nact',
  metrics: [
    { key: 'opsPerSec', label: 'restarts/s', unit: 'ops/s', better: 'higher' },
    { key: 'lost', label: 'lost messages', unit: 'messages', better: 'lower' },
  ],
  subjects: { rampart, nact },
};
