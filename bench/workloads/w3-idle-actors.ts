/**
 * W3: spawn one hundred thousand idle actors with `system.spawn` (a class with one `@On`
 * handler) and keep their refs in an array. Two numbers: the spawn rate (until the last
 * spawned actor has answered one ask, so every actor has started), and the retained heap
 * per actor: (heapUsed after − heapUsed before) / N, each after a full GC.
 *
 * Baselines: `raw-rxjs`, one `Subject` with one subscription per "actor" (the mailbox
 * intake alone), and `plain-object`, one `{ id }` per "actor" (the floor of anything
 * addressable). The refs array is allocated before the first heap reading, so its slots
 * are not counted for any subject.
 */
import { Subject } from 'rxjs';
import { ActorRef, ActorSystem, On, Supervisor } from '../../lib';
import { now, opsPerSec, settledHeapUsed, verify } from '../support/measure';
import type { Measurement, Workload } from '../types';

const ACTORS = 100_000;

class Poke {}
const POKE = new Poke();

class Idle {
  @On(Poke)
  poke(): string {
    return 'ok';
  }
}

@Supervisor()
class SpawnBenchRoot {}

function measurement(elapsedMs: number, heapBefore: number, heapAfter: number): Measurement {
  return {
    spawnsPerSec: opsPerSec(ACTORS, elapsedMs),
    bytesPerActor: (heapAfter - heapBefore) / ACTORS,
  };
}

async function rampart() {
  const system = await ActorSystem.start(SpawnBenchRoot);
  try {
    const refs = new Array<ActorRef>(ACTORS);
    const before = await settledHeapUsed();
    const start = now();
    for (let i = 0; i < ACTORS; i++) refs[i] = system.spawn(Idle);
    // The last actor answering proves that the whole batch has started.
    const reply = await refs[ACTORS - 1].ask<string>(POKE);
    const elapsed = now() - start;
    const after = await settledHeapUsed();
    verify('reply of the last spawned actor', reply, 'ok');
    verify('spawned actors under the root', system.tree().children.length, ACTORS);
    verify('distinct refs', new Set(refs).size, ACTORS);
    return measurement(elapsed, before, after);
  } finally {
    system.kill();
  }
}

function noop(): void {}

async function rawRxjs() {
  const subjects = new Array<Subject<Poke>>(ACTORS);
  const before = await settledHeapUsed();
  const start = now();
  for (let i = 0; i < ACTORS; i++) {
    const subject = new Subject<Poke>();
    subject.subscribe(noop);
    subjects[i] = subject;
  }
  const elapsed = now() - start;
  const after = await settledHeapUsed();
  verify('observed subjects', subjects.filter((s) => s.observed).length, ACTORS);
  return measurement(elapsed, before, after);
}

async function plainObject() {
  const objects = new Array<{ id: number }>(ACTORS);
  const before = await settledHeapUsed();
  const start = now();
  for (let i = 0; i < ACTORS; i++) objects[i] = { id: i };
  const elapsed = now() - start;
  const after = await settledHeapUsed();
  verify('last object id', objects[ACTORS - 1].id, ACTORS - 1);
  return measurement(elapsed, before, after);
}

export const w3: Workload = {
  id: 'W3',
  title: `idle actors (${ACTORS.toLocaleString('en-US')} spawned and retained)`,
  baseline: 'raw-rxjs',
  metrics: [
    { key: 'spawnsPerSec', label: 'spawns/s', unit: 'ops/s', better: 'higher' },
    { key: 'bytesPerActor', label: 'retained heap', unit: 'bytes/actor', better: 'lower' },
  ],
  subjects: { rampart, 'raw-rxjs': rawRxjs, 'plain-object': plainObject },
};
