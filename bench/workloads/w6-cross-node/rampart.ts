/**
 * W6 for rampart: two nodes of one cluster on the NATS transport. Node b's tree:
 *
 *   /w6/echo      @On(Number) returns the value
 *   /w6/counter   @On(Number) counts a tick; @On(String) reads a count ('ticks' or 'work')
 *   /w6/workers   a group of 2 (@Child(Worker, { redundancy: 2, distributor: 'work' })),
 *                 each @On(Number) counts one piece of work
 *
 * Node a (this process) has an empty root; it waits until `system.nodes()` includes 'b'
 * and it can look the echo up, then:
 *
 * - request/reply: `echo.ask(value)` on `system.lookup('rampart://b/w6/echo')`, with the
 *   system's default ask timeout (5 s);
 * - one-way: `counter.tell(value)`; completion read with `counter.ask('ticks')`. In bursts
 *   of ONE_WAY_BURST with count reads in between (see shared.ts): a tell beyond the cluster's
 *   outbox (10,000 unacknowledged letters) would be dropped as a dead letter `overflow`;
 * - queue: `system.distributor('work').tellOne(value)` (one of the two workers each time),
 *   in the same bursts;
 *   completion read with `counter.ask('work')` (the workers count into one tally).
 *
 * While the cluster is not in lib yet, `natsTransport` throws and this subject fails with
 * its message (node b reports it first); the bench carries on.
 */
import { Actor, ActorSystem, Child, natsTransport, On, Supervisor, type ActorRef, type DeadLetter, type GroupRef } from '../../../lib';
import type { Measurement } from '../../types';
import { nodeB } from './environment';
import {
  IN_FLIGHT,
  IN_FLIGHT_REQUESTS,
  inFlight,
  ONE_WAY,
  ONE_WAY_BURST,
  oneWay,
  QUEUED,
  SEQUENTIAL,
  sequential,
  until,
  type Closer,
} from './shared';

/** The root's name on both nodes, so node b's echo is `rampart://b/w6/echo`. */
const ROOT = 'w6';
const SHUTDOWN_TIMEOUT_MS = 5000;

/** Node b's counts, shared by the counter and the workers (constructor injection). */
class Tally {
  ticks = 0;
  work = 0;
}

type Count = 'ticks' | 'work';

class Echo {
  @On(Number)
  echo(value: number): number {
    return value;
  }
}

@Actor()
class Counter {
  constructor(private readonly tally: Tally) {}

  @On(Number)
  tick(): void {
    this.tally.ticks++;
  }

  @On(String)
  read(what: Count): number {
    return this.tally[what];
  }
}

@Actor()
class Worker {
  constructor(private readonly tally: Tally) {}

  @On(Number)
  work(): void {
    this.tally.work++;
  }

  @On(String)
  read(what: Count): number {
    return this.tally[what];
  }
}

@Supervisor()
class NodeB {
  @Child(Echo) echo!: ActorRef<number>;
  @Child(Counter) counter!: ActorRef<number | Count>;
  @Child(Worker, { redundancy: 2, distributor: 'work' }) workers!: GroupRef<number | Count>;
}

@Supervisor()
class NodeA {}

function bounded(promise: Promise<void>): Promise<void> {
  return Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS))]);
}

export async function rampart(): Promise<Measurement> {
  const url = await nodeB('rampart');
  const system = await ActorSystem.start(NodeA, {
    name: ROOT,
    logger: null,
    cluster: { transport: natsTransport({ servers: url }), node: 'a' },
  });
  try {
    await until("node b in system.nodes()", () => system.nodes().includes('b'));
    let echo: ActorRef<number> | GroupRef<number> | undefined;
    let counter: ActorRef<number | Count> | GroupRef<number | Count> | undefined;
    await until(`rampart://b/${ROOT}/echo and /counter`, () => {
      echo = system.lookup<number>(`rampart://b/${ROOT}/echo`);
      counter = system.lookup<number | Count>(`rampart://b/${ROOT}/counter`);
      return echo !== undefined && counter !== undefined;
    });
    const work = system.distributor<number | Count>('work');
    // A distributor with no recipient yet rejects the ask: poll until node b's workers are known.
    await until("node b's workers in distributor 'work'", async () => typeof (await work.ask<number>('work')) === 'number');
    const echoRef = echo!;
    const counterRef = counter!;
    // A tell that could not be sent (e.g. `overflow`: the outbox to node b full) is a dead
    // letter here: fail at the next count read rather than wait for a count that cannot come.
    let lost: DeadLetter | undefined;
    const deadLetters = system.deadLetters$.subscribe((letter) => (lost ??= letter));
    const ask = (value: number) => echoRef.ask<number>(value);
    const read = (what: Count) => () => {
      if (lost) return Promise.reject(new Error(`a message to ${lost.path} was a dead letter '${lost.reason}' on node a`));
      return counterRef.ask<number>(what);
    };

    const seq = await sequential(SEQUENTIAL, ask);
    const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, ask);
    const oneWayOpsPerSec = await oneWay(ONE_WAY, await read('ticks')(), (value) => counterRef.tell(value), read('ticks'), ONE_WAY_BURST);
    const queueOpsPerSec = await oneWay(QUEUED, await read('work')(), (value) => work.tellOne(value), read('work'), ONE_WAY_BURST);
    deadLetters.unsubscribe();
    return { seqOpsPerSec: seq.opsPerSec, seqP99Us: seq.p99Us, inflightOpsPerSec, oneWayOpsPerSec, queueOpsPerSec };
  } finally {
    await bounded(system.shutdown());
  }
}

/** Node b: the tree above, on the cluster as node 'b'. */
export async function serve(url: string): Promise<Closer> {
  const system = await ActorSystem.start(NodeB, {
    name: ROOT,
    logger: null,
    providers: [[Tally, new Tally()]],
    cluster: { transport: natsTransport({ servers: url }), node: 'b' },
  });
  return () => bounded(system.shutdown());
}
