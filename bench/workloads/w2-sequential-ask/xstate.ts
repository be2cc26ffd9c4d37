/**
 * W2 for xstate 5: xstate's request/response pattern (see support/xstate.ts). The request
 * event carries `replyTo`; the machine answers with `sendTo(({ event }) => event.replyTo,
 * …)`; a callback actor receives the reply and resolves the awaiting promise. No timeout:
 * xstate has none for this pattern.
 */
import { createActor, sendTo, setup, type AnyActorRef } from 'xstate';
import { now, opsPerSec, verify } from '../../support/measure';
import { Requester, type Reply } from '../../support/xstate';
import type { Measurement } from '../../types';
import { ASKS } from './shared';

interface Increment {
  readonly type: 'increment';
  readonly value: number;
  readonly replyTo: AnyActorRef;
}

const incrementerMachine = setup({ types: { events: {} as Increment } }).createMachine({
  on: {
    increment: {
      actions: sendTo(
        ({ event }) => event.replyTo,
        ({ event }): Reply<number> => ({ type: 'reply', value: event.value + 1 }),
      ),
    },
  },
});

export async function xstate(): Promise<Measurement> {
  const incrementer = createActor(incrementerMachine).start();
  const requester = new Requester<number>();
  try {
    const begin = now();
    let value = 0;
    for (let i = 0; i < ASKS; i++) {
      const current = value;
      value = await requester.request((replyTo) => incrementer.send({ type: 'increment', value: current, replyTo }));
    }
    const elapsed = now() - begin;
    verify('actor status', incrementer.getSnapshot().status, 'active');
    verify('final reply', value, ASKS);
    return { opsPerSec: opsPerSec(ASKS, elapsed) };
  } finally {
    requester.stop();
    incrementer.stop();
  }
}
