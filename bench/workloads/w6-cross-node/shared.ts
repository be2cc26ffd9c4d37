/**
 * W6: messages between two nodes in two processes, through one real NATS server on
 * 127.0.0.1. Node b (the other process, `node-b.ts`) holds an echo, a counter and two
 * workers; this process is node a and measures. Every subject does the same five figures:
 *
 * - `seq`: SEQUENTIAL request/reply round trips, one in flight; throughput and p99 latency.
 * - `inflight`: IN_FLIGHT_REQUESTS round trips, IN_FLIGHT of them outstanding at any time.
 * - `oneWay`: ONE_WAY fire-and-forget messages to one counting receiver on node b; the time
 *   runs until node b has counted them all (read back with a request after the sends).
 * - `queue`: QUEUED fire-and-forget messages, each to one of two receivers on node b; the
 *   time runs until the two have counted them all between them.
 *
 * rampart's one-way senders keep to a window (see `oneWay`): rampart drops a tell beyond its
 * cluster outbox (10,000 unacknowledged letters by default) as a dead letter `overflow`.
 * Bare NATS and Moleculer buffer without bound in the client, so they send at full speed:
 * a window cost bare NATS ~25% of its one-way throughput in a quick check, and the floor
 * should not be lowered for rampart's sake.
 *
 * Each echo reply must carry the request's value; each count must end exactly at its target.
 */
import type { Call } from '../../support/round-trips';

export type { Call };
export { inFlight } from '../../support/round-trips';

export const SEQUENTIAL = 5_000;
export const IN_FLIGHT = 256;
export const IN_FLIGHT_REQUESTS = 50_000;
export const ONE_WAY = 200_000;
export const QUEUED = 200_000;
/**
 * rampart's one-way messages are sent in bursts of this many, each followed by a count read
 * that is not awaited; a burst waits for the read issued two bursts earlier (its reply
 * carries node b's acknowledgements). So the sender is at most about 2 bursts (5,000
 * letters) ahead of what node b has acknowledged, half of the default outbox, and the
 * pipeline never runs dry.
 */
export const ONE_WAY_BURST = 2_500;

/** How long node b, its services and its discovery by node a may take. */
export const READY_TIMEOUT_MS = 30_000;
/** How long node b may take to count what node a sent, after the last send. */
export const DRAIN_TIMEOUT_MS = 30_000;

/** The subject names, as in the workload's `subjects`. */
export type NodeBKind = 'raw-nats' | 'moleculer' | 'rampart';

/** What node b's process reports to node a's over IPC. */
export type NodeBReport = { readonly ready: true } | { readonly failed: string };
/** What node a's process tells node b's over IPC. */
export interface NodeBCommand {
  readonly stop: true;
}

/** Stops what `serve` started in node b's process. */
export type Closer = () => Promise<void>;


export interface SequentialFigures {
  readonly opsPerSec: number;
  /** The 99th percentile of the round trips' latencies, in microseconds. */
  readonly p99Us: number;
}

/** `count` round trips, each awaited before the next; throughput and the 99th percentile latency (µs). */
export async function sequential(count: number, call: Call): Promise<SequentialFigures> {
  const latencies = new Float64Array(count);
  const begin = performance.now();
  for (let i = 0; i < count; i++) {
    const sent = performance.now();
    const reply = await call(i);
    latencies[i] = performance.now() - sent;
    if (reply !== i) throw new Error(`verification failed: reply ${i} is ${String(reply)}, expected ${i}`);
  }
  const elapsed = performance.now() - begin;
  return { opsPerSec: (count * 1000) / elapsed, p99Us: percentile(latencies, 0.99) * 1000 };
}

/**
 * Fire-and-forget throughput: `send(i)` for i < `count`, then `read()` (a request to node b
 * for its count) until the count reaches `base + count`. Throws if it goes beyond, or does
 * not get there within DRAIN_TIMEOUT_MS. ops/s over the sends and the drain.
 *
 * With `burst`, the sends go in bursts of that many, each followed by a `read()` that the
 * burst after next awaits (see ONE_WAY_BURST); without it, in one synchronous loop.
 */
export async function oneWay(
  count: number,
  base: number,
  send: (i: number) => void,
  read: () => Promise<number>,
  burst: number = count,
): Promise<number> {
  const begin = performance.now();
  let previous: Promise<number> | undefined;
  let last: Promise<number> | undefined;
  for (let sent = 0; sent < count; ) {
    if (previous) await previous;
    const end = Math.min(count, sent + burst);
    for (let i = sent; i < end; i++) send(i);
    sent = end;
    if (sent === count) break;
    previous = last;
    last = read();
    // Awaited later; a rejection meanwhile must not count as unhandled (it would end the process).
    last.catch(() => undefined);
  }
  await Promise.all([previous, last]);
  const expected = base + count;
  let counted = await read();
  while (counted < expected) {
    if (performance.now() - begin > DRAIN_TIMEOUT_MS) {
      throw new Error(`node b counted ${counted - base} of ${count} within ${DRAIN_TIMEOUT_MS} ms`);
    }
    counted = await read();
  }
  const elapsed = performance.now() - begin;
  if (counted !== expected) throw new Error(`verification failed: node b counted ${counted - base}, expected ${count}`);
  return (count * 1000) / elapsed;
}

/** Resolves once `ready()` returns true (polled every 20 ms), or throws after `ms`. */
export async function until(what: string, ready: () => boolean | Promise<boolean>, ms = READY_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await ready()) return;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${ms} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The `q` quantile (0..1) of `values`, nearest rank. */
export function percentile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
