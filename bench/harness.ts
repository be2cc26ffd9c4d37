/**
 * Runs one workload in this process: a warm-up per subject, then `runs` rounds in which every
 * subject runs once (interleaved, so slow drifts of a noisy machine hit every subject alike;
 * each round starts one subject further along the list, so that no subject always runs
 * right after the same other one), then the median per metric and rampart's ratio to every
 * other subject, round by round (`pairedRatio`).
 *
 * Peers (nact, comedy, xstate) are 10–100× slower than rampart, so they run in only
 * `peerRuns` of the rounds, spread evenly over them (rounds 1, 3, 5, 7, 9 of 9 for 5). A
 * fast peer marked `everyRound` (Piscina) runs in every round, as rampart does.
 */
import { median, pairedRatio, withTimeout } from './support/measure';
import { formatValue } from './report';
import type { Measurement, Metric, ResultRow, Subject, Workload } from './types';

/** A run that takes longer than this is abandoned (an async hang; see isolation.ts for sync ones). */
export const RUN_TIMEOUT_MS = 60_000;

/** A workload's `tearDown` that takes longer is abandoned (what it started dies with the process, see support/processes.ts). */
const TEAR_DOWN_TIMEOUT_MS = 20_000;

export interface RunPlan {
  readonly warmups: number;
  /** Measured rounds; rampart and the raw baselines run in every one. */
  readonly runs: number;
  /** Measured runs of each peer library (at most `runs`). */
  readonly peerRuns: number;
  /** A run that takes longer is abandoned, and its subject is reported as failed. */
  readonly runTimeoutMs: number;
}

/** The measured runs a subject of `kind` gets under `plan`. */
export function runsOf(subject: Subject, plan: RunPlan): number {
  return subject.kind === 'peer' && subject.everyRound !== true ? Math.min(plan.peerRuns, plan.runs) : plan.runs;
}

/** Rounds (1-based) in which a subject with `count` runs out of `rounds` runs: evenly spread. */
export function roundsFor(count: number, rounds: number): ReadonlySet<number> {
  if (count >= rounds) return new Set(Array.from({ length: rounds }, (_, i) => i + 1));
  if (count === 1) return new Set([Math.ceil(rounds / 2)]);
  return new Set(Array.from({ length: count }, (_, i) => 1 + Math.round((i * (rounds - 1)) / (count - 1))));
}

export async function runWorkload(workload: Workload, plan: RunPlan): Promise<ResultRow[]> {
  const names = Object.keys(workload.subjects);
  const samples = new Map<string, Sample[]>(names.map((name) => [name, []]));
  const errors = new Map<string, string>();
  const schedule = new Map(names.map((name) => [name, roundsFor(runsOf(workload.subjects[name], plan), plan.runs)]));

  const attempt = async (name: string, label: string): Promise<Measurement | undefined> => {
    if (errors.has(name)) return undefined;
    // No forced full GC between runs: a forced GC also throws away warmed-up code, and every
    // run would then measure a cold start (W5: 90 k restarts/s cold, 150 k+ warm).
    progress(`  ${workload.id} · ${name} · ${label} …`);
    try {
      const measurement = await withTimeout(workload.subjects[name].run(), plan.runTimeoutMs, 'the run');
      checkShape(workload, workload.subjects[name], measurement);
      progress(` ${describe(workload, workload.subjects[name], measurement)}\n`);
      return measurement;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.set(name, message);
      progress(` FAILED: ${message}\n`);
      return undefined;
    }
  };

  const counts = names.map((n) => `${n} ${schedule.get(n)!.size}`).join(', ');
  progress(`${workload.id}: ${workload.title}\n  ${plan.warmups} warm-up + measured runs: ${counts}\n`);
  try {
    for (const name of names) {
      for (let w = 1; w <= plan.warmups; w++) await attempt(name, `warm-up ${w}/${plan.warmups}`);
    }
    for (let round = 1; round <= plan.runs; round++) {
      for (const name of rotated(names, round - 1)) {
        const rounds = schedule.get(name)!;
        if (!rounds.has(round)) continue;
        const nth = [...rounds].filter((r) => r <= round).length;
        const measurement = await attempt(name, `run ${nth}/${rounds.size}`);
        if (measurement) samples.get(name)!.push({ round, measurement });
      }
    }
  } finally {
    if (workload.tearDown) {
      await withTimeout(workload.tearDown(), TEAR_DOWN_TIMEOUT_MS, `${workload.id}'s tear-down`).catch((error: unknown) =>
        progress(`  ${workload.id} tear-down: ${error instanceof Error ? error.message : String(error)}\n`),
      );
    }
  }
  return toRows(workload, samples, errors);
}

/** `names` starting at index `by` (mod its length), in the same cyclic order. */
function rotated<T>(names: readonly T[], by: number): T[] {
  const start = names.length === 0 ? 0 : by % names.length;
  return [...names.slice(start), ...names.slice(0, start)];
}

/** One measured run of a subject, with the round it ran in. */
interface Sample {
  readonly round: number;
  readonly measurement: Measurement;
}

/** One subject's runs of one metric. */
interface Series {
  readonly runs: readonly number[];
  readonly rounds: readonly number[];
  readonly median: number | null;
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
  samples: ReadonlyMap<string, readonly Sample[]>,
  errors: ReadonlyMap<string, string>,
): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const metric of workload.metrics) {
    const measured = (name: string): readonly Sample[] => {
      const na = workload.subjects[name].notApplicable?.[metric.key];
      return errors.has(name) || na !== undefined ? [] : samples.get(name)!;
    };
    const series = (name: string): Series => {
      const of = measured(name);
      const runs = of.map((s) => s.measurement[metric.key]);
      return { runs, rounds: of.map((s) => s.round), median: runs.length > 0 ? median(runs) : null };
    };
    const rampart = workload.subjects.rampart ? series('rampart') : undefined;
    for (const name of samples.keys()) {
      const subject = workload.subjects[name];
      const own = series(name);
      const notApplicable = subject.notApplicable?.[metric.key];
      rows.push({
        workload: workload.id,
        subject: name,
        kind: subject.kind,
        metric: metric.key,
        unit: metric.unit,
        better: metric.better,
        runs: own.runs,
        rounds: own.rounds,
        median: own.median,
        ...ratiosTo(rampart, own, metric),
        ...(notApplicable !== undefined ? { notApplicable } : {}),
        ...(errors.has(name) ? { error: errors.get(name) } : {}),
      });
    }
  }
  return rows;
}

/** rampart ÷ `own`, round by round and median by median; nulls where there is no ratio. */
function ratiosTo(rampart: Series | undefined, own: Series, metric: Metric): Pick<ResultRow, 'rampartRatio' | 'ratioOfMedians'> {
  if (metric.ratio === false || rampart?.median == null || own.median === null || own.median === 0) return { rampartRatio: null, ratioOfMedians: null };
  return { rampartRatio: pairedRatio(rampart, own), ratioOfMedians: rampart.median / own.median };
}

function checkShape(workload: Workload, subject: Subject, measurement: Measurement): void {
  for (const metric of workload.metrics) {
    if (subject.notApplicable?.[metric.key] !== undefined) continue;
    const value = measurement[metric.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`run returned no finite value for metric '${metric.key}'`);
    }
  }
}

function describe(workload: Workload, subject: Subject, measurement: Measurement): string {
  return workload.metrics
    .map((m) => {
      const na = subject.notApplicable?.[m.key];
      return na !== undefined ? `${m.label} n/a` : `${formatValue(measurement[m.key], m.unit)} ${m.unit}`;
    })
    .join(', ');
}

function progress(text: string): void {
  process.stderr.write(text);
}
