/**
 * W2: one hundred thousand sequential asks. Each ask is awaited before the next; the actor
 * replies with the message + 1, so the final reply must equal the number of asks.
 *
 * Baseline `raw-rxjs`: a bare `Subject` whose subscriber resolves one promise per message,
 * awaited one after another. That is the "queue + promise" limit: the least an ask can cost
 * on a Subject. rampart adds the envelope, the drain, the dispatch and the ask timeout timer.
 */
import { Subject } from 'rxjs';
import { ActorSystem, On, Supervisor } from '../../lib';
import { now, opsPerSec, verify } from '../support/measure';
import type { Workload } from '../types';

const ASKS = 100_000;

class Incrementer {
  @On(Number)
  increment(value: number): number {
    return value + 1;
  }
}

@Supervisor()
class AskBenchRoot {}

async function rampart() {
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

interface Request {
  readonly value: number;
  readonly reply: (value: number) => void;
}

async function rawRxjs() {
  const subject = new Subject<Request>();
  const subscription = subject.subscribe((request) => request.reply(request.value + 1));
  const start = now();
  let value = 0;
  for (let i = 0; i < ASKS; i++) {
    const current = value;
    value = await new Promise<number>((reply) => subject.next({ value: current, reply }));
  }
  const elapsed = now() - start;
  subscription.unsubscribe();
  verify('final reply', value, ASKS);
  return { opsPerSec: opsPerSec(ASKS, elapsed) };
}

export const w2: Workload = {
  id: 'W2',
  title: `sequential ask (${ASKS.toLocaleString('en-US')} awaited asks)`,
  baseline: 'raw-rxjs',
  metrics: [{ key: 'opsPerSec', label: 'asks/s', unit: 'ops/s', better: 'higher' }],
  subjects: { rampart, 'raw-rxjs': rawRxjs },
};
