/**
 * W4 for rampart: a group of 1,000 members (`@Child(Listener, { redundancy: 1000 })`) and
 * `group.broadcast(message)` 1,000 times.
 */
import { ActorSystem, Child, On, Supervisor, type GroupRef } from '../../../lib';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, DELIVERIES, MESSAGES, Tally, Tick, TICK } from './shared';

/** Arms a listener with the tally of the run (broadcast before the timing starts). */
class Arm {
  constructor(readonly tally: Tally) {}
}

class Listener {
  private count = 0;
  private tally: Tally | undefined;

  @On(Arm)
  arm(message: Arm): void {
    this.tally = message.tally;
  }

  @On(Tick)
  tick(): void {
    this.tally!.count(++this.count);
  }
}

@Supervisor()
class FanOutBenchRoot {
  @Child(Listener, { redundancy: ACTORS }) listeners!: GroupRef;
}

export async function rampart(): Promise<Measurement> {
  const system = await ActorSystem.start(FanOutBenchRoot);
  try {
    const group = system.lookup('/fanOutBenchRoot/listeners') as GroupRef;
    verify('group size', group.size, ACTORS);
    const tally = new Tally();
    group.broadcast(new Arm(tally));
    const begin = now();
    for (let i = 0; i < MESSAGES; i++) group.broadcast(TICK);
    const end = await tally.finish('rampart');
    await tally.verify();
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    await system.shutdown();
  }
}
