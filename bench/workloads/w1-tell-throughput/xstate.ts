/**
 * W1 for xstate 5: an actor (`createActor(machine).start()`) whose machine keeps the count
 * in its context (`assign` on every `tick` event), fed one million `send` calls. xstate
 * processes an event synchronously inside `send`, so the count is complete when the loop
 * ends; it is read from the actor's snapshot.
 */
import { assign, createActor, setup } from 'xstate';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { MESSAGES } from './shared';

const counterMachine = setup({
  types: { context: {} as { count: number }, events: {} as { type: 'tick' } },
}).createMachine({
  context: { count: 0 },
  on: { tick: { actions: assign({ count: ({ context }) => context.count + 1 }) } },
});

/** The event: one shared object, so xstate does not pay for allocating it either. */
const TICK_EVENT = { type: 'tick' } as const;

export async function xstate(): Promise<Measurement> {
  const counter = createActor(counterMachine).start();
  try {
    const begin = now();
    for (let i = 0; i < MESSAGES; i++) counter.send(TICK_EVENT);
    const elapsed = now() - begin;
    const snapshot = counter.getSnapshot();
    verify('actor status', snapshot.status, 'active');
    verify('counted events', snapshot.context.count, MESSAGES);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    counter.stop();
  }
}
