/**
 * W4 for xstate 5: 1,000 actors (`createActor(listenerMachine, { input: { tally } })`),
 * each counting in its context with `assign` and reporting to the tally, and 1,000 rounds
 * of `send` to each. xstate handles each event synchronously inside `send`.
 */
import { assign, createActor, setup } from 'xstate';
import { now, opsPerSec } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, DELIVERIES, MESSAGES, Tally } from './shared';

const listenerMachine = setup({
  types: {
    context: {} as { count: number; tally: Tally },
    input: {} as { tally: Tally },
    events: {} as { type: 'tick' },
  },
}).createMachine({
  context: ({ input }) => ({ count: 0, tally: input.tally }),
  on: {
    tick: {
      actions: [assign({ count: ({ context }) => context.count + 1 }), ({ context }) => context.tally.count(context.count)],
    },
  },
});

/** The event: one shared object, so xstate does not pay for allocating it either. */
const TICK_EVENT = { type: 'tick' } as const;

export async function xstate(): Promise<Measurement> {
  const tally = new Tally();
  const listeners = Array.from({ length: ACTORS }, () => createActor(listenerMachine, { input: { tally } }).start());
  try {
    const begin = now();
    for (let m = 0; m < MESSAGES; m++) {
      for (let a = 0; a < ACTORS; a++) listeners[a].send(TICK_EVENT);
    }
    const end = await tally.finish('xstate');
    await tally.verify();
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    for (const listener of listeners) listener.stop();
  }
}
