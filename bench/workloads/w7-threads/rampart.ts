/**
 * W7 for rampart: the tree of actors.ts (a group of 2 Hashers on 2 worker threads, an Echo
 * on its own thread), started on the first run and kept for the later runs (shut down in
 * tearDown, bounded). Per run:
 *
 * - CPU pool: one `hashers.ask(new HashTask(seed, rounds))` per task, all at once (the
 *   group routes them round-robin over its 2 members), with a 60 s ask timeout;
 * - 256 in flight and sequential: `echo.ask(value)`, the system's default ask timeout (5 s).
 */
import { ActorSystem, type ActorRef, type GroupRef } from '../../../lib';
import { withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { HashTask, W7 } from './actors';
import { onTearDown } from './environment';
import { cpuRun, IN_FLIGHT, IN_FLIGHT_REQUESTS, inFlight, READY_TIMEOUT_MS, SEQUENTIAL, sequential } from './shared';

const ROOT = 'w7';
const CPU_ASK_TIMEOUT_MS = 60_000;

interface Tree {
  readonly hashers: GroupRef<HashTask>;
  readonly echo: ActorRef<number>;
}

let tree: Promise<Tree> | undefined;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function start(): Promise<Tree> {
  const starting = ActorSystem.start(W7, { name: ROOT, logger: null });
  let system: ActorSystem;
  try {
    system = await withTimeout(starting, READY_TIMEOUT_MS, 'ActorSystem.start with thread actors');
  } catch (error) {
    // A start that completes after the timeout must not leave its workers running.
    starting.then((late) => late.shutdown(), () => undefined).catch(() => undefined);
    throw new Error(`ActorSystem.start rejected the thread actors: ${message(error)}`);
  }
  onTearDown("rampart's system and its worker threads", () => system.shutdown());
  const hashers = system.lookupGroup<HashTask>(`/${ROOT}/hashers`);
  const echo = system.lookupActor<number>(`/${ROOT}/echo`);
  if (!hashers || !echo) throw new Error(`/${ROOT}/hashers (a group) or /${ROOT}/echo (an actor) is missing from the tree`);
  return { hashers, echo };
}

export async function rampart(): Promise<Measurement> {
  tree ??= start();
  const { hashers, echo } = await tree.catch((error: unknown) => {
    tree = undefined;
    throw error;
  });
  const cpuTasksPerSec = await cpuRun(({ seeds, rounds }) =>
    Promise.all(seeds.map((seed) => hashers.ask<number>(new HashTask(seed, rounds), { timeoutMs: CPU_ASK_TIMEOUT_MS }))),
  );
  const ask = (value: number) => echo.ask<number>(value);
  const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, ask);
  const seqOpsPerSec = await sequential(SEQUENTIAL, ask);
  return { cpuTasksPerSec, inflightOpsPerSec, seqOpsPerSec };
}
