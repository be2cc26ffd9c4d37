/**
 * W2 raw limit ("queue + promise"): a bare RxJS `Subject` whose subscriber resolves one
 * promise per message, awaited one after another: the least an ask can cost on a Subject.
 * rampart adds the envelope, the drain, the dispatch and the ask timeout on top of it.
 */
import { Subject } from 'rxjs';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ASKS } from './shared';

interface Request {
  readonly value: number;
  readonly reply: (value: number) => void;
}

export async function rawRxjs(): Promise<Measurement> {
  const subject = new Subject<Request>();
  const subscription = subject.subscribe((request) => request.reply(request.value + 1));
  const start = now();
  let value = 0;
  for (let i = 0; i < ASKS; i++) {
    const current = value;
    value = await new Promise<number>((reply) => subject.next({ value: current, reply }));
  }
  const elapsed = now() - start;
  subscription.unsubscribe();
  verify('final reply', value, ASKS);
  return { opsPerSec: opsPerSec(ASKS, elapsed) };
}
