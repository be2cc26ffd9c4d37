/**
 * W3 for comedy 2.1 (in-memory): 100,000 `root.createChild(Idle, { mode: 'in-memory' })`.
 * createChild is asynchronous: the spawn time ends when every creation has resolved and the
 * last actor has answered a `sendAndReceive`. Then one `send` to each.
 */
import type { ActorRef } from 'comedy';
import { Countdown } from '../../support/countdown';
import { IN_MEMORY, startComedy, stopComedy } from '../../support/comedy';
import { now, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, HeapReadings, OK, Poke } from './shared';

class Idle {
  ping(): string {
    return OK;
  }

  poke(poke: Poke): void {
    poke.countdown.tick();
  }
}

export async function comedy(): Promise<Measurement> {
  const comedy = await startComedy();
  try {
    const refs = new Array<ActorRef>(ACTORS);
    const heap = new HeapReadings();
    await heap.readBefore();
    const begin = now();
    const created = new Countdown(ACTORS);
    for (let i = 0; i < ACTORS; i++) {
      comedy.root.createChild(Idle, IN_MEMORY).then((ref) => {
        refs[i] = ref;
        created.tick();
      }, created.fail);
    }
    await withTimeout(created.done, 50_000, 'comedy: creating every actor');
    const reply = await refs[ACTORS - 1].sendAndReceive('ping');
    const elapsed = now() - begin;
    await heap.readIdle();
    verify('reply of the last spawned actor', reply, OK);
    verify('distinct actor ids', new Set(refs.map((ref) => ref.getId())).size, ACTORS);

    const poke = new Poke(new Countdown(ACTORS));
    for (let i = 0; i < ACTORS; i++) void refs[i].send('poke', poke);
    await withTimeout(poke.countdown.done, 30_000, 'comedy: every actor handling its message');
    await heap.readTold();
    verify('actors that handled their message', poke.countdown.count, ACTORS);
    verify('logged errors', comedy.log.errors, 0);
    return heap.measurement(elapsed);
  } finally {
    await stopComedy(comedy, { forgetChildren: true });
  }
}
