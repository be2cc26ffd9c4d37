/**
 * The shapes every workload and report share. A workload is one scenario (W1, W2, …); a
 * subject is one implementation of it (`rampart`, `raw-rxjs`, later `nact`, `comedy`, …).
 * Adding a peer means adding one entry to a workload's `subjects`; adding a workload means
 * one new file in `bench/workloads/` and one line in its `index.ts`.
 */

/** What one run measures: a value per metric key, e.g. `{ opsPerSec: 2.1e6 }`. */
export type Measurement = Readonly<Record<string, number>>;

/** One number a workload reports, with the direction that counts as better. */
export interface Metric {
  /** Key in the `Measurement` a run returns. */
  readonly key: string;
  /** Column label in the printed table. */
  readonly label: string;
  /** e.g. `ops/s`, `bytes/actor`. */
  readonly unit: string;
  readonly better: 'higher' | 'lower';
}

/** One run of one subject. Throws if the run did not do what it claims (verification). */
export type SubjectRun = () => Promise<Measurement>;

export interface Workload {
  /** Short id used on the command line and in results, e.g. `W1`. */
  readonly id: string;
  readonly title: string;
  /** Subject that every ratio divides by. */
  readonly baseline: string;
  readonly metrics: readonly Metric[];
  /** Implementations by subject name, in the order they are reported. */
  readonly subjects: Readonly<Record<string, SubjectRun>>;
}

/** Aggregated result for one (workload, subject, metric). */
export interface ResultRow {
  readonly workload: string;
  readonly subject: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** Every measured run (warm-up excluded), in run order. Empty when the subject failed. */
  readonly runs: readonly number[];
  /** Median of `runs`, or `null` when the subject failed. */
  readonly median: number | null;
  /** `median / baseline median` of the same metric, or `null` when either is missing. */
  readonly ratio: number | null;
  /** Error message when a run threw or timed out. */
  readonly error?: string;
}

/** Outcome of one explicit target of this step. */
export interface TargetCheck {
  readonly id: string;
  readonly description: string;
  /** The measured value the target is about, `null` when it could not be measured. */
  readonly actual: number | null;
  readonly pass: boolean;
}
