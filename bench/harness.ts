/**
 * Runs one workload in this process: a warm-up per subject, then `runs` rounds in which every subject runs
 * once (interleaved, so slow drifts of a noisy machine hit every subject alike), then the
 * median per metric and its ratio to the baseline subject.
 */
import { median, withTimeout } from './support/measure';
import { formatValue } from './report';
import type { Measurement, ResultRow, Workload } from './types';

/** A run that takes longer than this is abandoned (an async hang; see isolation.ts for sync ones). */
export const RUN_TIMEOUT_MS = 60_000;

export interface RunPlan {
  readonly warmups: number;
  readonly runs: number;
  /** A run that takes longer is abandoned, and its subject is reported as failed. */
  readonly runTimeoutMs: number;
}

export async function runWorkload(workload: Workload, plan: RunPlan): Promise<ResultRow[]> {
  const names = Object.keys(workload.subjects);
  const samples = new Map<string, Measurement[]>(names.map((name) => [name, []]));
  const errors = new Map<string, string>();

  const attempt = async (name: string, label: string): Promise<Measurement | undefined> => {
    if (errors.has(name)) return undefined;
    // No forced full GC between runs: a forced GC also throws away warmed-up code, and every
    // run would then measure a cold start (W5: 90 k restarts/s cold, 150 k+ warm).
    progress(`  ${workload.id} · ${name} · ${label} …`);
    try {
      const measurement = await withTimeout(workload.subjects[name](), plan.runTimeoutMs, 'the run');
      checkShape(workload, measurement);
      progress(` ${describe(workload, measurement)}\n`);
      return measurement;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.set(name, message);
      progress(` FAILED: ${message}\n`);
      return undefined;
    }
  };

  progress(`${workload.id}: ${workload.title}, baseline ${workload.baseline}\n`);
  for (const name of names) {
    for (let w = 1; w <= plan.warmups; w++) await attempt(name, `warm-up ${w}/${plan.warmups}`);
  }
  for (let run = 1; run <= plan.runs; run++) {
    for (const name of names) {
      const measurement = await attempt(name, `run ${run}/${plan.runs}`);
      if (measurement) samples.get(name)!.push(measurement);
    }
  }
  return toRows(workload, samples, errors);
}

/** Rows that report every subject of `workload` as failed with `message`. */
export function failedRows(workload: Workload, message: string): ResultRow[] {
  const names = Object.keys(workload.subjects);
  return toRows(
    workload,
    new Map(names.map((name) => [name, []])),
    new Map(names.map((name) => [name, message])),
  );
}

function toRows(
  workload: Workload,
  samples: ReadonlyMap<string, readonly Measurement[]>,
  errors: ReadonlyMap<string, string>,
): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const metric of workload.metrics) {
    const medianOf = (name: string): number | null => {
      const runs = errors.has(name) ? [] : samples.get(name)!.map((m) => m[metric.key]);
      return runs.length > 0 ? median(runs) : null;
    };
    const baseline = medianOf(workload.baseline);
    for (const [name, measurements] of samples) {
      const failed = errors.has(name);
      const value = medianOf(name);
      rows.push({
        workload: workload.id,
        subject: name,
        metric: metric.key,
        unit: metric.unit,
        better: metric.better,
        runs: failed ? [] : measurements.map((m) => m[metric.key]),
        median: value,
        ratio: value !== null && baseline !== null && baseline !== 0 ? value / baseline : null,
        ...(failed ? { error: errors.get(name) } : {}),
      });
    }
  }
  return rows;
}

function checkShape(workload: Workload, measurement: Measurement): void {
  for (const metric of workload.metrics) {
    const value = measurement[metric.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`run returned no finite value for metric '${metric.key}'`);
    }
  }
}

function describe(workload: Workload, measurement: Measurement): string {
  return workload.metrics.map((m) => `${formatValue(measurement[m.key], m.unit)} ${m.unit}`).join(', ');
}

function progress(text: string): void {
  process.stderr.write(text);
}
