/**
 * W2b for rampart.
 *
 * Expiry runs on a VirtualScheduler, flushed synchronously: 20 k distinct timeouts would
 * take 20 s of wall-clock time on a real clock, and what is measured is the runtime's own
 * work, which is the same: one firing of the shared deadline action per distinct deadline,
 * each at its own instant, and one AskTimeoutError per ask. The asks go to an actor that
 * never answers, so every one of them must time out (verified).
 *
 * The signal case runs on the real default scheduler: concurrent asks to an actor that
 * answers at once, all awaited; afterwards the shared signal must hold no listener.
 */
import { getEventListeners } from 'node:events';
import { ActorSystem, AskTimeoutError, On, Supervisor } from '../../../lib';
import { VirtualScheduler } from '../../../lib/testing';
import { now, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { EXPIRING, SHARED_TIMEOUT_MS, SIGNALLED } from './shared';

class Silent {
  @On(Number)
  handle(): Promise<never> {
    return new Promise<never>(() => undefined);
  }
}

class Echo {
  @On(Number)
  handle(value: number): number {
    return value;
  }
}

@Supervisor()
class DeadlineBenchRoot {}

/** Milliseconds to expire EXPIRING asks, with timeout `timeoutOf(i)` for the i-th. */
async function expire(timeoutOf: (i: number) => number): Promise<number> {
  const scheduler = new VirtualScheduler();
  const system = await ActorSystem.start(DeadlineBenchRoot, { scheduler });
  try {
    const silent = system.spawn<number>(Silent);
    let timedOut = 0;
    let done!: () => void;
    const allTimedOut = new Promise<void>((resolve) => (done = resolve));
    const onError = (error: unknown) => {
      if (error instanceof AskTimeoutError && ++timedOut === EXPIRING) done();
    };
    for (let i = 0; i < EXPIRING; i++) silent.ask(i, { timeoutMs: timeoutOf(i) }).catch(onError);
    const start = now();
    scheduler.flush(); // every deadline, in time order, each at its own virtual instant
    await allTimedOut;
    const elapsed = now() - start;
    verify('timed-out asks', timedOut, EXPIRING);
    return elapsed;
  } finally {
    system.kill();
  }
}

/** Milliseconds for SIGNALLED concurrent asks, answered at once, with `signal` on each. */
async function answer(signal: AbortSignal | undefined): Promise<number> {
  const system = await ActorSystem.start(DeadlineBenchRoot);
  try {
    const echo = system.spawn<number>(Echo);
    const options = signal === undefined ? undefined : { signal };
    const start = now();
    const replies: Promise<number>[] = new Array(SIGNALLED);
    for (let i = 0; i < SIGNALLED; i++) replies[i] = echo.ask<number>(i, options);
    const values = await Promise.all(replies);
    const elapsed = now() - start;
    verify('last reply', values[SIGNALLED - 1], SIGNALLED - 1);
    if (signal !== undefined) verify('abort listeners left on the signal', getEventListeners(signal, 'abort').length, 0);
    return elapsed;
  } finally {
    await system.shutdown();
  }
}

export async function rampart(): Promise<Measurement> {
  const sameMs = await expire(() => SHARED_TIMEOUT_MS);
  const distinctMs = await expire((i) => i + 1);
  const noSignalMs = await answer(undefined);
  const signalMs = await answer(new AbortController().signal);
  return {
    distinctMs,
    sameMs,
    expiryRatio: distinctMs / sameMs,
    signalMs,
    noSignalMs,
    signalRatio: signalMs / noSignalMs,
  };
}
