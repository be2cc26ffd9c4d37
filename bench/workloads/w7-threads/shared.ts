/**
 * W7: actors on worker threads, beside the pool a Node user would otherwise pick (Piscina 5)
 * and hand-written MessagePort floors. Three figures, each in the same run for every subject:
 *
 * - `cpu`: TASKS CPU-bound tasks of ~2 ms each (a chain of sha256 rounds over a 1 KiB block,
 *   the number of rounds calibrated once per workload process so that one task takes
 *   TASK_MS on the main thread), all submitted at once; tasks/s. Every task's result is
 *   verified (a sample recomputed on the main thread, outside the timing).
 * - `inflight`: IN_FLIGHT_REQUESTS small round trips (a number, echoed back), IN_FLIGHT of
 *   them outstanding at any time (one lane each); ops/s.
 * - `seq`: SEQUENTIAL round trips, each awaited before the next; ops/s.
 *
 * The work itself (`hashTask`) is shared by every subject and every thread, so each does
 * exactly the same CPU work per task.
 */
import { createHash } from 'node:crypto';
import type { Call } from '../../support/round-trips';

export type { Call };
export { inFlight } from '../../support/round-trips';

export const TASKS = 500;
/** Target CPU time of one task, ms. */
export const TASK_MS = 2;
export const IN_FLIGHT = 256;
export const IN_FLIGHT_REQUESTS = 50_000;
export const SEQUENTIAL = 10_000;
/** How long a pool or a system of threads may take to start (workers load ts-node under the bench). */
export const READY_TIMEOUT_MS = 30_000;
/** Bound on stopping one pool, port or system in tearDown. */
export const STOP_TIMEOUT_MS = 5_000;

/** The 1 KiB block every round hashes, after the previous digest. */
const BLOCK = Buffer.alloc(1024, 0x5a);

/**
 * One task: `rounds` chained sha256 rounds (digest = sha256(previous digest ‖ block)),
 * starting from `seed`. Returns the first 32 bits of the last digest.
 */
export function hashTask(seed: number, rounds: number): number {
  let digest = Buffer.alloc(32);
  digest.writeUInt32LE(seed >>> 0, 0);
  for (let r = 0; r < rounds; r++) digest = createHash('sha256').update(digest).update(BLOCK).digest();
  return digest.readUInt32LE(0);
}

let calibrated: number | undefined;

/**
 * The number of rounds that makes one `hashTask` take ~TASK_MS on this machine, measured
 * once (after a warm-up) on the main thread and kept for the whole workload process.
 */
export function taskRounds(): number {
  if (calibrated !== undefined) return calibrated;
  const probe = 200;
  for (let i = 0; i < 20; i++) hashTask(i, probe);
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const begin = performance.now();
    hashTask(i, probe);
    samples.push((performance.now() - begin) / probe);
  }
  samples.sort((a, b) => a - b);
  const msPerRound = samples[samples.length >> 1];
  calibrated = Math.max(1, Math.round(TASK_MS / msPerRound));
  return calibrated;
}

/**
 * What a CPU run needs: the seeds of its TASKS tasks (distinct per run, so no subject can
 * reuse a result) and a check of the results, by recomputing a sample of them.
 */
export interface CpuBatch {
  readonly rounds: number;
  readonly seeds: readonly number[];
  /** Throws unless `results[i]` is task i's result, for every i (a sample is recomputed). */
  verify(results: readonly unknown[]): void;
}

let batches = 0;

export function cpuBatch(): CpuBatch {
  const rounds = taskRounds();
  const base = ++batches * 1_000_003;
  const seeds = Array.from({ length: TASKS }, (_, i) => base + i);
  return {
    rounds,
    seeds,
    verify(results) {
      if (results.length !== TASKS) throw new Error(`verification failed: ${results.length} results, expected ${TASKS}`);
      for (const value of results) {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          throw new Error(`verification failed: a task's result is ${String(value)}, not a 32-bit digest`);
        }
      }
      for (const i of [0, 1, 2, TASKS >> 1, TASKS - 2, TASKS - 1]) {
        const expected = hashTask(seeds[i], rounds);
        if (results[i] !== expected) throw new Error(`verification failed: task ${i} returned ${String(results[i])}, expected ${expected}`);
      }
    },
  };
}

/** Runs `batch` with `run` (all tasks submitted at once); tasks/s, verified. */
export async function cpuRun(run: (batch: CpuBatch) => Promise<readonly unknown[]>): Promise<number> {
  const batch = cpuBatch();
  const begin = performance.now();
  const results = await run(batch);
  const elapsed = performance.now() - begin;
  batch.verify(results);
  return (TASKS * 1000) / elapsed;
}


/** `count` round trips, each awaited before the next; ops/s. */
export async function sequential(count: number, call: Call): Promise<number> {
  const begin = performance.now();
  for (let i = 0; i < count; i++) {
    const reply = await call(i);
    if (reply !== i) throw new Error(`verification failed: reply ${i} is ${String(reply)}, expected ${i}`);
  }
  return (count * 1000) / (performance.now() - begin);
}
