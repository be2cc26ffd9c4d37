/**
 * W5 for xstate 5: an actor whose machine's action throws on every `crash` event, with an
 * error observer (`actor.subscribe({ error })`). xstate 5 has no supervision of a running
 * actor: the first error puts the actor in status `error` and stops it, and the events sent
 * after that are dropped without a trace. `lost` = events whose failure was never reported.
 * The restart rate is n/a.
 *
 * (A parent machine that `invoke`s the fragile machine and re-enters its state `onError`
 * would re-create it; that is a different design, not a supervisor of this actor. See
 * bench/README.md.)
 */
import { createActor, setup } from 'xstate';
import { nextMacrotask, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { FAILURES } from './shared';

export async function xstate(): Promise<Measurement> {
  let handled = 0;
  const fragileMachine = setup({ types: { events: {} as { type: 'crash'; n: number } } }).createMachine({
    on: {
      crash: {
        actions: ({ event }) => {
          handled++;
          throw new Error(`crash ${event.n}`);
        },
      },
    },
  });
  let reported = 0;
  const fragile = createActor(fragileMachine);
  fragile.subscribe({ error: () => reported++ });
  fragile.start();
  try {
    for (let i = 0; i < FAILURES; i++) fragile.send({ type: 'crash', n: i });
    await nextMacrotask();
    verify('actor status', fragile.getSnapshot().status, 'error');
    verify('reported errors', reported, handled);
    return { lost: FAILURES - reported };
  } finally {
    fragile.stop();
  }
}
