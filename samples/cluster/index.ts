/**
 * `npm run sample:cluster`: a three-node word count on a real NATS server.
 *
 * It starts a local nats-server, two worker nodes and a producer node, each in its own
 * process. Halfway through, it kills one worker node with SIGKILL. The cluster declares it
 * down, its unanswered asks reject with UnreachableError at once, the producer sends
 * those lines again, and the count still completes correctly.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { natsAvailable, startNatsServer, NATS_MISSING_MESSAGE } from '../../spec/support/nats-server';

function node(script: string, args: string[], label: string, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', `samples/cluster/${script}`, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      console.log(`[${label}] ${line}`);
      onLine?.(line);
    }
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function main(): Promise<void> {
  if (!natsAvailable()) {
    console.error(NATS_MISSING_MESSAGE.replace('skipping the specs on a real NATS server', 'this sample needs it'));
    process.exit(1);
  }
  const server = await startNatsServer();
  console.log(`nats-server pid ${server.pid} on ${server.url}`);
  const workers = [node('worker.ts', [server.url, 'worker-1'], 'worker-1'), node('worker.ts', [server.url, 'worker-2'], 'worker-2')];
  const producer = node('producer.ts', [server.url], 'producer', (line) => {
    if (line === 'halfway' && workers[1].exitCode === null) {
      console.log(`-- killing worker-2 (pid ${workers[1].pid}) with SIGKILL --`);
      workers[1].kill('SIGKILL');
    }
  });
  const code = await exited(producer);
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? exited(w) : undefined)));
  await server.kill();
  process.exit(code ?? 1);
}

void main();
