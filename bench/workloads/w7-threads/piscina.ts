/**
 * W7 with Piscina 5, the worker pool a Node user would pick: `new Piscina({ filename,
 * maxThreads: 2 })` (and `minThreads: 2`, so that both threads stay up between runs instead
 * of being re-created, which under the bench's ts-node takes ~0.5 s each), `run()` of each
 * task, all submitted at once (Piscina queues them).
 *
 * - `piscina`: default options otherwise (`concurrentTasksPerWorker: 1`): the CPU pool,
 *   small messages with 256 in flight, and sequential round trips.
 * - `piscina-c128`: the same with `concurrentTasksPerWorker: 128`, Piscina's option for many
 *   small tasks: small messages with 256 in flight only (CPU-bound tasks run one at a time
 *   on a thread anyway).
 */
import { extname, join } from 'node:path';
import { Piscina } from 'piscina';
import type { Measurement } from '../../types';
import { onTearDown } from './environment';
import { cpuRun, IN_FLIGHT, IN_FLIGHT_REQUESTS, inFlight, READY_TIMEOUT_MS, SEQUENTIAL, sequential } from './shared';
import { withTimeout } from '../../support/measure';

const FILENAME = join(__dirname, `piscina-task${extname(__filename)}`);

const pools = new Map<number, Promise<Piscina>>();

/** The pool with `concurrentTasksPerWorker`, started on first use (both threads up). */
function pool(concurrentTasksPerWorker: number): Promise<Piscina> {
  let started = pools.get(concurrentTasksPerWorker);
  if (!started) {
    const piscina = new Piscina({ filename: FILENAME, minThreads: 2, maxThreads: 2, concurrentTasksPerWorker });
    onTearDown(`the Piscina pool (concurrentTasksPerWorker ${concurrentTasksPerWorker})`, () => piscina.destroy());
    // A thread that fails to start is an 'error' event of the pool: without a listener it
    // would end the process; here it fails the subject's run.
    const failed = new Promise<never>((_, reject) => piscina.once('error', reject));
    failed.catch(() => undefined);
    started = withTimeout(
      Promise.race([Promise.all([0, 1].map((i) => piscina.run(i, { name: 'echo' }))).then(() => piscina), failed]),
      READY_TIMEOUT_MS,
      'starting the Piscina pool',
    );
    pools.set(concurrentTasksPerWorker, started);
  }
  return started;
}

export async function piscina(): Promise<Measurement> {
  const p = await pool(1);
  const echo = (value: number) => p.run(value, { name: 'echo' }) as Promise<number>;
  const cpuTasksPerSec = await cpuRun(({ seeds, rounds }) =>
    Promise.all(seeds.map((seed) => p.run({ seed, rounds }, { name: 'hash' }) as Promise<number>)),
  );
  const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, echo);
  const seqOpsPerSec = await sequential(SEQUENTIAL, echo);
  return { cpuTasksPerSec, inflightOpsPerSec, seqOpsPerSec };
}

export async function piscinaC128(): Promise<Measurement> {
  const p = await pool(128);
  const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, (value) => p.run(value, { name: 'echo' }) as Promise<number>);
  return { inflightOpsPerSec };
}
