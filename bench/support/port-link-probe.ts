/**
 * A probe, not part of `npm run bench`: items per second across a real Worker, raw per-item
 * `postMessage` against `PortLink` (lib/threads/port-link.ts), and a sequential round trip,
 * for each flush schedule of PortLink. The worker echoes every item back.
 *
 *   npx ts-node --transpile-only bench/support/port-link-probe.ts [items] [rounds] [number|tree]
 *
 * `tree` posts a small codec-like tree (`{ to, type, body: { n, text } }`) instead of a number.
 */
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { PortLink } from '../../lib/threads/port-link';
import type { PortLinkSchedule } from '../../lib/threads/port-link';

const MODULE = path.resolve(__dirname, '../../lib/threads/port-link.ts');

/** The worker: `raw` echoes each message with one postMessage; otherwise a PortLink echoes. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.mode === 'raw') {
  parentPort.on('message', (m) => parentPort.postMessage(m));
} else {
  require('ts-node').register({ transpileOnly: true });
  const { PortLink } = require(workerData.module);
  const link = new PortLink(parentPort, { window: workerData.window, schedule: workerData.mode, receive: (item) => link.send(item) });
}
parentPort.postMessage('ready');
`;

type Mode = 'raw' | PortLinkSchedule;

const kind = process.argv[4] ?? 'number';
const item = (i: number): unknown => (kind === 'tree' ? { to: '/app/pool/3', type: 'Job', body: { n: i, text: `job ${i}` } } : i);

interface Echo {
  send(item: unknown): void;
  /** Resolves when `n` more echoes have arrived. */
  expect(n: number): Promise<void>;
  stop(): Promise<void>;
}

async function start(mode: Mode, window = 4096): Promise<Echo> {
  const worker = new Worker(WORKER, { eval: true, workerData: { mode, module: MODULE, window } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  let received = 0;
  let target = 0;
  let done: (() => void) | undefined;
  const onItem = () => {
    received++;
    if (done !== undefined && received >= target) {
      const d = done;
      done = undefined;
      d();
    }
  };
  let send: (item: unknown) => void;
  let link: PortLink | undefined;
  if (mode === 'raw') {
    worker.on('message', onItem);
    send = (item) => worker.postMessage(item);
  } else {
    link = new PortLink(worker, { window, schedule: mode, receive: onItem, closePort: false });
    send = (item) => link!.send(item);
  }
  return {
    send,
    expect(n) {
      target = received + n;
      if (received >= target) return Promise.resolve();
      return new Promise<void>((resolve) => (done = resolve));
    },
    async stop() {
      link?.close();
      await worker.terminate();
    },
  };
}

/** Every item sent in one synchronous burst. */
async function burst(echo: Echo, n: number): Promise<number> {
  const t0 = performance.now();
  const all = echo.expect(n);
  for (let i = 0; i < n; i++) echo.send(item(i));
  await all;
  return (n * 1000) / (performance.now() - t0);
}

/** One send per microtask (a sender that awaits between its sends, as async handlers do). */
async function spread(echo: Echo, n: number): Promise<number> {
  const t0 = performance.now();
  const all = echo.expect(n);
  for (let i = 0; i < n; i++) {
    echo.send(item(i));
    await null;
  }
  await all;
  return (n * 1000) / (performance.now() - t0);
}

/** Send one, wait for its echo, again. */
async function roundTrips(echo: Echo, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const one = echo.expect(1);
    echo.send(item(i));
    await one;
  }
  return (n * 1000) / (performance.now() - t0);
}

const fmt = (perSec: number) => `${(perSec / 1000).toFixed(0).padStart(5)} k/s`;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The modes are interleaved, round after round, and the median of the rounds is shown (the
 * best in brackets), so that a neighbour's load on the machine spreads over every mode.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 5);
  const trips = Math.min(n, 20_000);
  const modes: Mode[] = ['raw', 'turn', 'microtask', 'immediate'];
  const echoes = new Map<Mode, Echo>();
  for (const mode of modes) echoes.set(mode, await start(mode));
  const results = new Map<Mode, { burst: number[]; spread: number[]; rt: number[] }>();
  for (const mode of modes) results.set(mode, { burst: [], spread: [], rt: [] });
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      const echo = echoes.get(mode)!;
      const r = results.get(mode)!;
      r.burst.push(await burst(echo, n));
      r.spread.push(await spread(echo, n));
      r.rt.push(await roundTrips(echo, trips));
    }
  }
  for (const echo of echoes.values()) await echo.stop();
  console.log(`${n} ${kind} items per run (${trips} round trips), ${rounds} rounds, median [best]`);
  const show = (values: number[]) => `${fmt(median(values))} [${fmt(Math.max(...values)).trim()}]`;
  for (const mode of modes) {
    const r = results.get(mode)!;
    console.log(`${mode.padEnd(10)} burst ${show(r.burst)}   one send per microtask ${show(r.spread)}   sequential round trips ${show(r.rt)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
