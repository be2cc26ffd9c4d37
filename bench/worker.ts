/**
 * Child-process entry: runs one workload (`worker.ts W1 --runs 9 --peer-runs 5 --warmups 1`) and sends its
 * result rows to the parent (`bench/index.ts`) over IPC. Runnable by hand too, without IPC:
 * then it prints the rows as JSON.
 */
import { runWorkload, RUN_TIMEOUT_MS } from './harness';
import type { WorkerReport } from './isolation';
import { workloads } from './workloads';

async function main(): Promise<void> {
  const [id, ...rest] = process.argv.slice(2);
  const workload = workloads.find((w) => w.id === id);
  if (!workload) throw new Error(`worker: unknown workload '${id}'`);
  const option = (name: string): number => Number(rest[rest.indexOf(name) + 1]);
  const rows = await runWorkload(workload, {
    runs: option('--runs'),
    peerRuns: option('--peer-runs'),
    warmups: option('--warmups'),
    runTimeoutMs: RUN_TIMEOUT_MS,
  });
  const report: WorkerReport = { rows };
  if (process.send) await new Promise<void>((resolve) => process.send!(report, () => resolve()));
  else console.log(JSON.stringify(rows, null, 2));
}

main()
  .catch((error: unknown) => console.error(error instanceof Error ? error.message : error))
  // A run abandoned on timeout may leave timers behind.
  .finally(() => process.exit(0));
