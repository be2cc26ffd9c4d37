/**
 * What W6 runs besides this process: one nats-server for the whole workload, and one node b
 * process per subject, each started on that subject's first run (so a subject whose node b
 * cannot start fails alone) and kept for its later runs. `tearDown` (the workload's, called
 * by the harness when the workload ends, failed or not) stops every node b, then the
 * server, by PID with bounded waits (see support/processes.ts for the other ways out).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startNatsServer, type NatsServer } from '../../support/nats-server';
import { exited, stopProcess, track } from '../../support/processes';
import { READY_TIMEOUT_MS, type NodeBCommand, type NodeBKind, type NodeBReport } from './shared';

let server: Promise<NatsServer> | undefined;
const nodes = new Map<NodeBKind, { child?: ChildProcess; ready: Promise<void> }>();

/** The server's URL once `kind`'s node b is up and ready (started on the first call). */
export async function nodeB(kind: NodeBKind): Promise<string> {
  server ??= startNatsServer();
  const { url } = await server;
  let node = nodes.get(kind);
  if (!node) {
    const entry: { child?: ChildProcess; ready: Promise<void> } = { ready: Promise.resolve() };
    entry.ready = startNodeB(kind, url, (child) => (entry.child = child));
    nodes.set(kind, (node = entry));
  }
  await node.ready;
  return url;
}

function startNodeB(kind: NodeBKind, url: string, started: (child: ChildProcess) => void): Promise<void> {
  // Same flags as this process (the ts-node hook), transpile-only like the workers.
  const child = fork(join(__dirname, 'node-b.ts'), [kind, url], {
    execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc'),
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started(child);
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!error) return resolve();
      void stopProcess(child, 1000).then(() => reject(error));
    };
    const onMessage = (report: NodeBReport) => {
      if ('ready' in report) done();
      else done(new Error(`node b (${kind}) could not start: ${report.failed}`));
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`node b (${kind}) exited (${signal ?? `code ${code}`}) before it was ready`));
    const timer = setTimeout(() => done(new Error(`node b (${kind}) was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', (error) => done(new Error(`could not start node b (${kind}): ${error.message}`)));
    try {
      track(child);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Stops every node b (asked over IPC, then SIGTERM, then SIGKILL, each bounded) and the server. */
export async function tearDown(): Promise<void> {
  const children = [...nodes.values()].map((node) => node.child).filter((child): child is ChildProcess => child !== undefined);
  nodes.clear();
  await Promise.all(
    children.map((child) =>
      stopProcess(child, 5000, () => {
        if (!exited(child) && child.connected) child.send({ stop: true } satisfies NodeBCommand);
        else throw new Error('no IPC channel');
      }),
    ),
  );
  const started = server;
  server = undefined;
  if (started) await started.then((s) => s.stop(), () => undefined);
}
