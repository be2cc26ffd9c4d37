/** Small measuring helpers shared by the workloads. */

/** Milliseconds from a monotonic clock, sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}

/** Operations per second for `count` operations that took `ms`. */
export function opsPerSec(count: number, ms: number): number {
  return (count * 1000) / ms;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The ratio of two subjects measured in the same rounds: the median, over the rounds in
 * which both ran, of `of`'s run ÷ `base`'s run of that round (a round whose `base` value is
 * 0 is left out). `null` when no round has both.
 *
 * Both subjects of a round run one after the other, so a slow phase of the machine hits
 * both: the ratio of one round cancels it, where the ratio of two medians can pair a
 * fast-phase median of one with a slow-phase median of the other (W7's raw round trips went
 * from ~3 k/s to ~13 k/s from one round to the next on the 2-vCPU machine here).
 */
export function pairedRatio(
  of: { readonly runs: readonly number[]; readonly rounds: readonly number[] },
  base: { readonly runs: readonly number[]; readonly rounds: readonly number[] },
): number | null {
  const ratios: number[] = [];
  for (let i = 0; i < of.runs.length; i++) {
    const j = base.rounds.indexOf(of.rounds[i]);
    if (j >= 0 && base.runs[j] !== 0) ratios.push(of.runs[i] / base.runs[j]);
  }
  return ratios.length > 0 ? median(ratios) : null;
}

/** True when the process runs with `--expose-gc` (as `npm run bench` does). */
export function canCollectGarbage(): boolean {
  return typeof global.gc === 'function';
}

/**
 * A full, settled collection: a few major GCs with macrotask turns in between, so that
 * weak callbacks and finalizers queued by the first pass are collected by the next.
 */
export async function collectGarbage(): Promise<void> {
  const gc = global.gc;
  if (!gc) throw new Error('global.gc is missing: run node with --expose-gc (npm run bench does)');
  for (let i = 0; i < 3; i++) {
    gc();
    await nextMacrotask();
  }
}

/** Heap in use after a full collection, in bytes. */
export async function settledHeapUsed(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}

export function nextMacrotask(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Throws unless `actual === expected`: a benchmark that did not do its work measures nothing. */
export function verify(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`verification failed: ${what} is ${String(actual)}, expected ${String(expected)}`);
  }
}

/** Rejects with a clear message when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
