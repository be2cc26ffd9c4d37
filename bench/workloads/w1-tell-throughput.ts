/**
 * W1: one million tells to one actor. The actor counts; the run ends when the count reaches
 * one million, and the count is verified. The time covers the tell loop and the drain.
 *
 * Baseline `raw-rxjs`: a bare `Subject` with one counting subscriber, fed one million
 * synchronous `next` calls. That is the floor under any Subject-based mailbox: rampart adds
 * the envelope, the FIFO, the drain and the handler dispatch on top of it.
 */
import { Subject } from 'rxjs';
import { ActorSystem, On, Supervisor } from '../../lib';
import { now, opsPerSec, verify, withTimeout } from '../support/measure';
import type { Workload } from '../types';

const MESSAGES = 1_000_000;

/** The message: one shared instance, so neither side pays for allocating it. */
class Tick {}
const TICK = new Tick();

/** Arms the counter: it calls `done` when it has counted `target` ticks. */
class Arm {
  constructor(
    readonly target: number,
    readonly done: (count: number) => void,
  ) {}
}

class Counter {
  private count = 0;
  private target = -1;
  private done: (count: number) => void = () => undefined;

  @On(Arm)
  arm(message: Arm): void {
    this.target = message.target;
    this.done = message.done;
  }

  @On(Tick)
  tick(): void {
    if (++this.count === this.target) this.done(this.count);
  }
}

@Supervisor()
class TellBenchRoot {}

async function rampart() {
  const system = await ActorSystem.start(TellBenchRoot);
  try {
    const counter = system.spawn(Counter);
    let resolveDone!: (count: number) => void;
    const finished = new Promise<number>((resolve) => (resolveDone = resolve));
    counter.tell(new Arm(MESSAGES, resolveDone));
    const start = now();
    for (let i = 0; i < MESSAGES; i++) counter.tell(TICK);
    const count = await withTimeout(finished, 50_000, `rampart counting ${MESSAGES} tells`);
    const elapsed = now() - start;
    verify('counted tells', count, MESSAGES);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    await system.shutdown();
  }
}

async function rawRxjs() {
  const subject = new Subject<Tick>();
  let count = 0;
  const subscription = subject.subscribe(() => {
    count++;
  });
  const start = now();
  for (let i = 0; i < MESSAGES; i++) subject.next(TICK);
  const elapsed = now() - start;
  subscription.unsubscribe();
  verify('counted nexts', count, MESSAGES);
  return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
}

export const w1: Workload = {
  id: 'W1',
  title: `tell throughput (${MESSAGES.toLocaleString('en-US')} tells, one actor)`,
  baseline: 'raw-rxjs',
  metrics: [{ key: 'opsPerSec', label: 'tells/s', unit: 'ops/s', better: 'higher' }],
  subjects: { rampart, 'raw-rxjs': rawRxjs },
};
