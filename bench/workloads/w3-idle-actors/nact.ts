/**
 * W3 for nact 7: 100,000 stateful actors `spawn`ed under the system, each with an explicit
 * name (nact's generated names are random 31-bit numbers: 100,000 of them collide). The
 * spawn time ends when the last actor has answered a `query`. Then one `dispatch` to each.
 */
import { dispatch, query, spawn, start, stop, type Ref } from 'nact';
import { Countdown } from '../../support/countdown';
import { now, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, HeapReadings, OK, Poke } from './shared';

interface PingRequest {
  readonly replyTo: Ref<string>;
}
type IdleMessage = Poke | PingRequest;

function idle(state: null, message: IdleMessage): null {
  if (message instanceof Poke) message.countdown.tick();
  else dispatch(message.replyTo, OK);
  return state;
}

export async function nact(): Promise<Measurement> {
  const system = start();
  try {
    const refs = new Array<Ref<IdleMessage>>(ACTORS);
    const heap = new HeapReadings();
    await heap.readBefore();
    const begin = now();
    for (let i = 0; i < ACTORS; i++) refs[i] = spawn(system, idle, `idle-${i}`, { initialState: null });
    const reply = await query(refs[ACTORS - 1], (replyTo: Ref<string>): PingRequest => ({ replyTo }), 5_000);
    const elapsed = now() - begin;
    await heap.readIdle();
    verify('reply of the last spawned actor', reply, OK);
    verify('distinct refs', new Set(refs).size, ACTORS);

    const poke = new Poke(new Countdown(ACTORS));
    for (let i = 0; i < ACTORS; i++) dispatch(refs[i], poke);
    await withTimeout(poke.countdown.done, 30_000, 'nact: every actor handling its message');
    await heap.readTold();
    verify('actors that handled their message', poke.countdown.count, ACTORS);
    return heap.measurement(elapsed);
  } finally {
    stop(system);
  }
}
