/**
 * W3 for xstate 5: 100,000 `createActor(idleMachine).start()`, each a root actor (xstate's
 * way to run an actor outside a machine). The spawn time ends when the last actor has
 * answered a request (xstate's replyTo pattern, see support/xstate.ts). Then one `send`
 * to each.
 */
import { createActor, sendTo, setup, type Actor, type AnyActorRef } from 'xstate';
import { Countdown } from '../../support/countdown';
import { now, verify } from '../../support/measure';
import { Requester, type Reply } from '../../support/xstate';
import type { Measurement } from '../../types';
import { ACTORS, HeapReadings, OK, Poke } from './shared';

type IdleEvent =
  | { readonly type: 'ping'; readonly replyTo: AnyActorRef }
  | { readonly type: 'poke'; readonly poke: Poke };

const idleMachine = setup({ types: { events: {} as IdleEvent } }).createMachine({
  on: {
    ping: {
      actions: sendTo(
        ({ event }) => event.replyTo,
        (): Reply<string> => ({ type: 'reply', value: OK }),
      ),
    },
    poke: { actions: ({ event }) => event.poke.countdown.tick() },
  },
});

export async function xstate(): Promise<Measurement> {
  const requester = new Requester<string>();
  const refs = new Array<Actor<typeof idleMachine>>(ACTORS);
  try {
    const heap = new HeapReadings();
    await heap.readBefore();
    const begin = now();
    for (let i = 0; i < ACTORS; i++) refs[i] = createActor(idleMachine).start();
    const reply = await requester.request((replyTo) => refs[ACTORS - 1].send({ type: 'ping', replyTo }));
    const elapsed = now() - begin;
    await heap.readIdle();
    verify('reply of the last spawned actor', reply, OK);
    verify('distinct refs', new Set(refs).size, ACTORS);

    const event = { type: 'poke', poke: new Poke(new Countdown(ACTORS)) } as const;
    for (let i = 0; i < ACTORS; i++) refs[i].send(event);
    await heap.readTold();
    verify('actors that handled their event', event.poke.countdown.count, ACTORS);
    verify('active actors', refs.filter((ref) => ref.getSnapshot().status === 'active').length, ACTORS);
    return heap.measurement(elapsed);
  } finally {
    for (const ref of refs) ref?.stop();
    requester.stop();
  }
}
