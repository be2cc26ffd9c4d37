/**
 * Processes that a workload starts (a NATS server, the other node of W6) and how they are
 * stopped: always by PID, with bounded waits, and never left behind.
 *
 * - `stopProcess` sends SIGTERM (or asks over IPC first, see `stop`), waits at most
 *   `graceMs` for the exit, then sends SIGKILL and waits again, bounded.
 * - Every tracked process is SIGKILLed by PID when the workload's process exits (the
 *   workers end with `process.exit(0)`; the `exit` event also fires after an uncaught error).
 * - Each PID is reported to the parent (`bench/isolation.ts`) over IPC, so that when the
 *   parent has to SIGKILL a workload's process (its timeout), it kills these PIDs too.
 */
import type { ChildProcess } from 'node:child_process';

/** IPC messages from a worker about its own children (see isolation.ts). */
export type ProcessNotice = { readonly spawned: number } | { readonly reaped: number };

const tracked = new Map<number, ChildProcess>();

process.on('exit', () => {
  for (const pid of tracked.keys()) signal(pid, 'SIGKILL');
});

function notifyParent(notice: ProcessNotice): void {
  if (process.send && process.connected) process.send(notice);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone (ESRCH)
  }
}

/** Registers `child` until it exits. Throws when it has no PID (the spawn failed). */
export function track(child: ChildProcess): number {
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${child.spawnfile}`);
  tracked.set(pid, child);
  notifyParent({ spawned: pid });
  child.once('exit', () => {
    tracked.delete(pid);
    notifyParent({ reaped: pid });
  });
  return pid;
}

/** True once `child` has exited (or was never started). */
export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/** Resolves true when `child` exits within `ms`, false otherwise. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Stops `child` by PID: `stop` (e.g. an IPC request to shut down cleanly) or SIGTERM, at
 * most `graceMs` of waiting, then SIGKILL and at most 2 s more. Never rejects.
 */
export async function stopProcess(child: ChildProcess, graceMs: number, stop?: () => void): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || exited(child)) return;
  try {
    if (stop) stop();
    else signal(pid, 'SIGTERM');
  } catch {
    signal(pid, 'SIGTERM');
  }
  if (await waitForExit(child, graceMs)) return;
  if (stop) {
    signal(pid, 'SIGTERM');
    if (await waitForExit(child, Math.min(graceMs, 1000))) return;
  }
  signal(pid, 'SIGKILL');
  await waitForExit(child, 2000);
}
