/**
 * What W7 keeps across runs: the worker threads of the raw subjects, the Piscina pools and
 * rampart's system, each started on its subject's first run (so a subject that cannot start
 * fails alone) and kept for the later runs, outside the timing. `tearDown` (the workload's,
 * called by the harness when the workload ends, failed or not) stops all of them, each
 * bounded by STOP_TIMEOUT_MS, and then terminates any worker thread of ours still running.
 * Whatever is left (a close that hung) ends with the workload's process (`process.exit`).
 */
import { extname, join } from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { withTimeout } from '../../support/measure';
import { READY_TIMEOUT_MS, STOP_TIMEOUT_MS } from './shared';

/** Stops one thing that a subject started; called once, in tearDown. */
export type Closer = () => Promise<void>;

const closers: { readonly what: string; readonly close: Closer }[] = [];
const workers = new Set<Worker>();

/** Registers `close` to run in tearDown (in reverse order of registration). */
export function onTearDown(what: string, close: Closer): void {
  closers.push({ what, close });
}

/**
 * Starts `raw-worker` (this folder) on a worker thread with `workerData`, under the same
 * loader as this process (the worker threads inherit `-r ts-node/register`; from compiled
 * JavaScript the `.js` file is loaded), and resolves once it is online. Terminated in
 * tearDown at the latest.
 */
export async function startWorker(workerData: unknown, transferList: readonly TransferListItem[]): Promise<Worker> {
  const file = join(__dirname, `raw-worker${extname(__filename)}`);
  // A Worker's filename must be .js/.mjs/.cjs: an eval'd one-liner requires the .ts file.
  const worker = new Worker(`require(${JSON.stringify(file)});`, { eval: true, workerData, transferList: [...transferList] });
  workers.add(worker);
  worker.once('exit', () => workers.delete(worker));
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      worker.once('online', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`a raw worker exited (code ${code}) before it was online`)));
    }),
    READY_TIMEOUT_MS,
    'starting a raw worker thread',
  );
  return worker;
}

/** Stops every pool, port and system (each bounded), then terminates every raw worker left. */
export async function tearDown(): Promise<void> {
  const problems: string[] = [];
  for (const { what, close } of closers.splice(0).reverse()) {
    await withTimeout(close(), STOP_TIMEOUT_MS, `stopping ${what}`).catch((error: unknown) =>
      problems.push(error instanceof Error ? error.message : String(error)),
    );
  }
  await Promise.all(
    [...workers].map((worker) =>
      withTimeout(worker.terminate(), STOP_TIMEOUT_MS, 'terminating a raw worker').catch((error: unknown) =>
        problems.push(error instanceof Error ? error.message : String(error)),
      ),
    ),
  );
  if (problems.length > 0) throw new Error(problems.join('; '));
}
