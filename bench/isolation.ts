/**
 * Runs each workload in its own Node process (`bench/worker.ts`), so that no workload
 * measures the JIT state or the object shapes that an earlier one left behind (W3's heap
 * per actor moved by >100 B depending on what ran before it), and so that a workload stuck
 * in a synchronous loop can be killed without losing the others.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { failedRows, RunPlan } from './harness';
import type { ProcessNotice } from './support/processes';
import type { ResultRow, Workload } from './types';

/** Message a worker sends back to its parent. */
export interface WorkerReport {
  readonly rows: readonly ResultRow[];
}

/** Upper bound on one whole workload (every subject, every run) in its worker. */
const WORKLOAD_TIMEOUT_MS = 300_000;

/** The worker's command-line arguments for `workload` and `plan`. */
export function workerArgs(workload: Workload, plan: RunPlan): string[] {
  return [
    workload.id,
    ...['--runs', String(plan.runs), '--peer-runs', String(plan.peerRuns), '--warmups', String(plan.warmups)],
  ];
}

export function runIsolated(workload: Workload, plan: RunPlan): Promise<ResultRow[]> {
  return new Promise<ResultRow[]>((resolve) => {
    // Same flags as this process (--expose-gc, the ts-node hook), but transpile-only: the
    // parent has type-checked the code already, and a type-checking ts-node keeps ~100 MB of
    // compiler state on the heap, which slowed rampart's W1 by ~30% (GC work) and not raw rxjs.
    const child = fork(join(__dirname, 'worker.ts'), workerArgs(workload, plan), {
      execArgv: process.execArgv,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let rows: ResultRow[] | undefined;
    let settled = false;
    const finish = (result: ResultRow[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      killGrandchildren();
      finish(failedRows(workload, `the workload's process was killed after ${WORKLOAD_TIMEOUT_MS / 1000} s`));
    }, WORKLOAD_TIMEOUT_MS);
    // Processes the workload started (W6: a nats-server, other nodes), by PID: killed here
    // if the workload's process could not stop them itself (killed, or died of a signal).
    const grandchildren = new Set<number>();
    const killGrandchildren = () => {
      for (const pid of grandchildren) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      grandchildren.clear();
    };
    child.on('message', (message: WorkerReport | ProcessNotice) => {
      if ('spawned' in message) grandchildren.add(message.spawned);
      else if ('reaped' in message) grandchildren.delete(message.reaped);
      else rows = [...message.rows];
    });
    child.on('error', (error) => finish(failedRows(workload, `could not run the workload: ${error.message}`)));
    child.on('exit', (code, signal) => {
      // On a normal exit the worker stopped its processes itself (support/processes.ts).
      if (signal !== null) killGrandchildren();
      finish(rows ?? failedRows(workload, `the workload's process exited (${signal ?? `code ${code}`}) without results`));
    });
  });
}
