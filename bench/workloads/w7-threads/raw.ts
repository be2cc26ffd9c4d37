/**
 * W7's raw floors, hand-written over `MessagePort`s (one `MessageChannel` per worker thread,
 * one `postMessage` per message, see raw-worker.ts):
 *
 * - `raw-pool`: 2 worker threads; the main thread keeps POOL_WINDOW tasks outstanding on
 *   each (one running, one waiting in its port, so a worker never idles for a round trip)
 *   and hands a worker its next task when one of its results arrives;
 * - `raw-port`: 1 worker thread that echoes; a `Map` from correlation id to the waiting
 *   promise, so any number of round trips can be outstanding (256 pipelined), or one at a
 *   time (sequential).
 */
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { Measurement } from '../../types';
import { onTearDown, startWorker } from './environment';
import type { RawWorkerData } from './raw-worker';
import { cpuRun, IN_FLIGHT, IN_FLIGHT_REQUESTS, inFlight, SEQUENTIAL, sequential, type CpuBatch } from './shared';

const POOL_THREADS = 2;
const POOL_WINDOW = 2;

interface Thread {
  readonly worker: Worker;
  readonly port: MessagePort;
}

async function startThread(mode: RawWorkerData['mode']): Promise<Thread> {
  const { port1, port2 } = new MessageChannel();
  const data: RawWorkerData = { port: port2, mode };
  const worker = await startWorker(data, [port2]);
  onTearDown(`a raw ${mode} worker`, async () => {
    port1.close();
    await worker.terminate();
  });
  return { worker, port: port1 };
}

/** Rejects with the first error or exit of `threads`' workers, until `off()`. */
function failures(threads: readonly Thread[]): { failed: Promise<never>; off: () => void } {
  const offs: (() => void)[] = [];
  const failed = new Promise<never>((_, reject) => {
    for (const { worker } of threads) {
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`a raw worker thread exited (code ${code})`));
      worker.once('error', onError).once('exit', onExit);
      offs.push(() => worker.off('error', onError).off('exit', onExit));
    }
  });
  failed.catch(() => undefined);
  return { failed, off: () => offs.forEach((off) => off()) };
}

let pool: Promise<Thread[]> | undefined;

function runOnPool(threads: readonly Thread[], { seeds, rounds }: CpuBatch): Promise<number[]> {
  const results = new Array<number>(seeds.length);
  let next = 0;
  let done = 0;
  const { failed, off } = failures(threads);
  const all = new Promise<number[]>((resolve) => {
    const feed = (port: MessagePort, outstanding: { n: number }) => {
      while (outstanding.n < POOL_WINDOW && next < seeds.length) {
        const id = next++;
        outstanding.n++;
        port.postMessage([id, seeds[id], rounds]);
      }
    };
    for (const { port } of threads) {
      const outstanding = { n: 0 };
      port.removeAllListeners('message');
      port.on('message', ([id, result]: [number, number]) => {
        results[id] = result;
        outstanding.n--;
        if (++done === seeds.length) resolve(results);
        else feed(port, outstanding);
      });
      feed(port, outstanding);
    }
  });
  return Promise.race([all, failed]).finally(off);
}

export async function rawPool(): Promise<Measurement> {
  pool ??= Promise.all(Array.from({ length: POOL_THREADS }, () => startThread('hash')));
  const threads = await pool;
  const cpuTasksPerSec = await cpuRun((batch) => runOnPool(threads, batch));
  return { cpuTasksPerSec };
}

/** Round trips over one port: `call(value)` resolves with the echoed value. */
class Echo {
  private nextId = 0;
  private readonly pending = new Map<number, (value: number) => void>();

  constructor(private readonly port: MessagePort) {
    port.on('message', ([id, value]: [number, number]) => {
      const resolve = this.pending.get(id);
      if (resolve === undefined) throw new Error(`raw-port: a reply to no request (${id})`);
      this.pending.delete(id);
      resolve(value);
    });
  }

  readonly call = (value: number): Promise<number> =>
    new Promise<number>((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, resolve);
      this.port.postMessage([id, value]);
    });
}

let echo: Promise<{ thread: Thread; echo: Echo }> | undefined;

export async function rawPort(): Promise<Measurement> {
  echo ??= startThread('echo').then((thread) => ({ thread, echo: new Echo(thread.port) }));
  const { thread, echo: port } = await echo;
  const { failed, off } = failures([thread]);
  try {
    const inflightOpsPerSec = await Promise.race([inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, port.call), failed]);
    const seqOpsPerSec = await Promise.race([sequential(SEQUENTIAL, port.call), failed]);
    return { inflightOpsPerSec, seqOpsPerSec };
  } finally {
    off();
  }
}
