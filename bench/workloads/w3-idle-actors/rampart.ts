/**
 * W3 for rampart: 100,000 `system.spawn(Idle)` (a class with two `@On` handlers); the spawn
 * time ends when the last actor has answered an `ask`. Then one `tell` to every actor.
 */
import { ActorRef, ActorSystem, On, Supervisor } from '../../../lib';
import { Countdown } from '../../support/countdown';
import { now, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, HeapReadings, OK, Ping, PING, Poke } from './shared';

class Idle {
  @On(Ping)
  ping(): string {
    return OK;
  }

  @On(Poke)
  poke(poke: Poke): void {
    poke.countdown.tick();
  }
}

@Supervisor()
class SpawnBenchRoot {}

export async function rampart(): Promise<Measurement> {
  const system = await ActorSystem.start(SpawnBenchRoot);
  try {
    const refs = new Array<ActorRef>(ACTORS);
    const heap = new HeapReadings();
    await heap.readBefore();
    const start = now();
    for (let i = 0; i < ACTORS; i++) refs[i] = system.spawn(Idle);
    const reply = await refs[ACTORS - 1].ask<string>(PING);
    const elapsed = now() - start;
    await heap.readIdle();
    verify('reply of the last spawned actor', reply, OK);
    verify('spawned actors under the root', system.tree().children.length, ACTORS);
    verify('distinct refs', new Set(refs).size, ACTORS);

    const poke = new Poke(new Countdown(ACTORS));
    for (let i = 0; i < ACTORS; i++) refs[i].tell(poke);
    await withTimeout(poke.countdown.done, 30_000, 'rampart: every actor handling its message');
    await heap.readTold();
    verify('actors that handled their message', poke.countdown.count, ACTORS);
    return heap.measurement(elapsed);
  } finally {
    system.kill();
  }
}
