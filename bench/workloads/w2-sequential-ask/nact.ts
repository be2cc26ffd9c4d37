/**
 * W2 for nact 7: `query(actor, replyTo => request, timeout)`, nact's ask. nact creates a
 * temporary reference per query (the `replyTo`) and arms a timeout for it; the stateful
 * actor answers with `dispatch(request.replyTo, value + 1)`.
 */
import { dispatch, query, spawn, start, stop, type Ref } from 'nact';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ASK_TIMEOUT_MS, ASKS } from './shared';

interface Increment {
  readonly value: number;
  readonly replyTo: Ref<number>;
}

export async function nact(): Promise<Measurement> {
  const system = start();
  try {
    const incrementer = spawn(
      system,
      (state: null, request: Increment) => {
        dispatch(request.replyTo, request.value + 1);
        return state;
      },
      'incrementer',
      { initialState: null },
    );
    const begin = now();
    let value = 0;
    for (let i = 0; i < ASKS; i++) {
      const current = value;
      value = await query(incrementer, (replyTo: Ref<number>): Increment => ({ value: current, replyTo }), ASK_TIMEOUT_MS);
    }
    const elapsed = now() - begin;
    verify('final reply', value, ASKS);
    return { opsPerSec: opsPerSec(ASKS, elapsed) };
  } finally {
    stop(system);
  }
}
