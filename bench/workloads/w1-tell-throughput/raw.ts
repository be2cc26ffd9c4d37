/**
 * W1 raw limit: a bare RxJS `Subject` with one counting subscriber, fed one million
 * synchronous `next` calls. The floor under any Subject-based mailbox: rampart adds the
 * envelope, the FIFO, the drain and the handler dispatch on top of it.
 */
import { Subject } from 'rxjs';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { MESSAGES, Tick, TICK } from './shared';

export async function rawRxjs(): Promise<Measurement> {
  const subject = new Subject<Tick>();
  let count = 0;
  const subscription = subject.subscribe(() => {
    count++;
  });
  const start = now();
  for (let i = 0; i < MESSAGES; i++) subject.next(TICK);
  const elapsed = now() - start;
  subscription.unsubscribe();
  verify('counted nexts', count, MESSAGES);
  return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
}
