/**
 * W3 raw floors:
 * - `raw-rxjs`: one RxJS `Subject` with one subscription per "actor", the mailbox intake
 *   alone. Then one `next` to each.
 * - `plain-object`: one `{ id }` per "actor", the floor of anything addressable. It cannot be
 *   told anything, so it has no W3b number.
 */
import { Subject } from 'rxjs';
import { Countdown } from '../../support/countdown';
import { now, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, HeapReadings, Poke } from './shared';

function handle(poke: Poke): void {
  poke.countdown.tick();
}

export async function rawRxjs(): Promise<Measurement> {
  const subjects = new Array<Subject<Poke>>(ACTORS);
  const heap = new HeapReadings();
  await heap.readBefore();
  const start = now();
  for (let i = 0; i < ACTORS; i++) {
    const subject = new Subject<Poke>();
    subject.subscribe(handle);
    subjects[i] = subject;
  }
  const elapsed = now() - start;
  await heap.readIdle();
  verify('observed subjects', subjects.filter((s) => s.observed).length, ACTORS);

  const poke = new Poke(new Countdown(ACTORS));
  for (let i = 0; i < ACTORS; i++) subjects[i].next(poke);
  await heap.readTold();
  verify('subscribers that handled their value', poke.countdown.count, ACTORS);
  return heap.measurement(elapsed);
}

export async function plainObject(): Promise<Measurement> {
  const objects = new Array<{ id: number }>(ACTORS);
  const heap = new HeapReadings();
  await heap.readBefore();
  const start = now();
  for (let i = 0; i < ACTORS; i++) objects[i] = { id: i };
  const elapsed = now() - start;
  await heap.readIdle();
  verify('last object id', objects[ACTORS - 1].id, ACTORS - 1);
  return heap.measurement(elapsed, false);
}
