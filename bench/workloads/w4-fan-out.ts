/**
 * W4: fan-out. One thousand actors, one thousand messages broadcast to all of them: one
 * million deliveries. Every actor counts what it receives; the run ends when every actor
 * has counted all one thousand messages, and the total of one million deliveries is
 * verified (no more, no less). The time covers the broadcast loop and the drain; starting
 * the actors is outside it.
 *
 * rampart: a group of 1,000 members (`@Child(Listener, { redundancy: 1000 })`) and
 * `group.broadcast(message)` 1,000 times.
 *
 * Baseline `nact`: 1,000 stateful actors spawned with nact 7's `spawn` (state = the count,
 * one message at a time, like a rampart actor), and 1,000 rounds of `dispatch` to each
 * actor, since nact has no broadcast of its own.
 */
import { dispatch, spawn, start, stop } from 'nact';
import { ActorSystem, Child, On, Supervisor, type GroupRef } from '../../lib';
import { nextMacrotask, now, opsPerSec, verify, withTimeout } from '../support/measure';
import type { Workload } from '../types';

const ACTORS = 1_000;
const MESSAGES = 1_000;
const DELIVERIES = ACTORS * MESSAGES;

/** The message: one shared instance, so neither side pays for allocating it. */
class Tick {}
const TICK = new Tick();

/** What every actor of one run reports into; `done` fires when the last actor is complete. */
class Tally {
  delivered = 0;
  complete = 0;
  constructor(readonly done: () => void) {}

  /** Counts one delivery to an actor that has now received `count` messages. */
  count(count: number): void {
    this.delivered++;
    if (count === MESSAGES && ++this.complete === ACTORS) this.done();
  }
}

/** Arms a listener with the tally of the run (broadcast before the timing starts). */
class Arm {
  constructor(readonly tally: Tally) {}
}

class Listener {
  private count = 0;
  private tally: Tally | undefined;

  @On(Arm)
  arm(message: Arm): void {
    this.tally = message.tally;
  }

  @On(Tick)
  tick(): void {
    this.tally!.count(++this.count);
  }
}

@Supervisor()
class FanOutBenchRoot {
  @Child(Listener, { redundancy: ACTORS }) listeners!: GroupRef;
}

/** Waits until the last actor has counted every message; returns the time it did. */
async function finish(finished: Promise<void>, what: string): Promise<number> {
  await withTimeout(finished, 50_000, `${what} counting ${DELIVERIES} deliveries`);
  return now();
}

/** Checks that every actor completed and that nothing arrived twice or got lost. */
async function verifyTally(tally: Tally): Promise<void> {
  // A late extra delivery would still be in flight: give it a turn to show up.
  await nextMacrotask();
  verify('actors that counted every message', tally.complete, ACTORS);
  verify('deliveries', tally.delivered, DELIVERIES);
}

async function rampart() {
  const system = await ActorSystem.start(FanOutBenchRoot);
  try {
    const group = system.lookup('/fanOutBenchRoot/listeners') as GroupRef;
    verify('group size', group.size, ACTORS);
    let resolveDone!: () => void;
    const finished = new Promise<void>((resolve) => (resolveDone = resolve));
    const tally = new Tally(resolveDone);
    group.broadcast(new Arm(tally));
    const begin = now();
    for (let i = 0; i < MESSAGES; i++) group.broadcast(TICK);
    const end = await finish(finished, 'rampart');
    await verifyTally(tally);
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    await system.shutdown();
  }
}

async function nact() {
  const system = start();
  try {
    let resolveDone!: () => void;
    const finished = new Promise<void>((resolve) => (resolveDone = resolve));
    const tally = new Tally(resolveDone);
    const listeners = Array.from({ length: ACTORS }, (_, i) =>
      spawn(
        system,
        (count: number, _tick: Tick) => {
          tally.count(count + 1);
          return count + 1;
        },
        `listener-${i}`,
        { initialState: 0 },
      ),
    );
    const begin = now();
    for (let m = 0; m < MESSAGES; m++) {
      for (let a = 0; a < ACTORS; a++) dispatch(listeners[a], TICK);
    }
    const end = await finish(finished, 'nact');
    await verifyTally(tally);
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    stop(system);
  }
}

export const w4: Workload = {
  id: 'W4',
  title: `fan-out (${ACTORS.toLocaleString('en-US')} actors × ${MESSAGES.toLocaleString('en-US')} broadcasts = ${DELIVERIES.toLocaleString('en-US')} deliveries)`,
  baseline: 'nact',
  metrics: [{ key: 'opsPerSec', label: 'deliveries/s', unit: 'ops/s', better: 'higher' }],
  subjects: { rampart, nact },
};
