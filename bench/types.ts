/**
 * The shapes every workload and report share. A workload is one scenario (W1, W2, …); a
 * subject is one implementation of it: `rampart`, a raw baseline (`raw-rxjs`,
 * `plain-object`: the floor of what Node allows) or a peer library (`nact`, `comedy`,
 * `xstate`). Adding a peer means adding one entry to each workload's `subjects`; adding a
 * workload means one new folder in `bench/workloads/` and one line in its `index.ts`.
 */

/**
 * What one run measures: a value per metric key, e.g. `{ opsPerSec: 2.1e6 }`. A metric that
 * the subject declares in `notApplicable` is left out.
 */
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
  /** `false` for counts where a ratio means nothing (e.g. lost messages: 0 ÷ 0). Default true. */
  readonly ratio?: boolean;
}

/** One run of one subject. Throws if the run did not do what it claims (verification). */
export type SubjectRun = () => Promise<Measurement>;

/**
 * `rampart`: the subject under test, every ratio is rampart ÷ the others.
 * `raw`: a floor built from bare platform parts (a Subject, a promise, an object).
 * `peer`: another actor library; peers are slow, so they may get fewer runs (see RunPlan).
 * `variant`: rampart itself in another configuration (W1 with `inspect()` subscribed), run
 * in every round, so its cost is read against rampart's own figure of the same run.
 */
export type SubjectKind = 'rampart' | 'raw' | 'peer' | 'variant';

export interface Subject {
  readonly kind: SubjectKind;
  readonly run: SubjectRun;
  /**
   * Metrics this subject cannot produce, with the reason printed in place of a number
   * (e.g. xstate has no supervision, so it has no restart rate). Not a failure.
   */
  readonly notApplicable?: Readonly<Record<string, string>>;
  /**
   * A peer fast enough to run in every round, like rampart (Piscina): its median then rests
   * on as many runs as rampart's, which matters where a target compares the two.
   */
  readonly everyRound?: boolean;
}

export interface Workload {
  /** Short id used on the command line and in results, e.g. `W1`. */
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly Metric[];
  /** Implementations by subject name, in the order they are reported. One must be `rampart`. */
  readonly subjects: Readonly<Record<string, Subject>>;
  /**
   * Runs once after the workload's last run, failed or not (bounded by the harness): stops
   * what its subjects started and kept across runs (W6: a nats-server, other processes).
   */
  readonly tearDown?: () => Promise<void>;
}

/** Aggregated result for one (workload, subject, metric). */
export interface ResultRow {
  readonly workload: string;
  readonly subject: string;
  readonly kind: SubjectKind;
  readonly metric: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** Every measured run (warm-up excluded), in run order. Empty when failed or not applicable. */
  readonly runs: readonly number[];
  /** The round (1-based) of each of `runs`, so runs of two subjects in the same round can be paired. */
  readonly rounds: readonly number[];
  /** Median of `runs`, or `null` when the subject failed or the metric is not applicable. */
  readonly median: number | null;
  /**
   * rampart ÷ this subject for the same metric, in the same process (the "rampart / nact"
   * figure): the median over the rounds in which both ran of rampart's run ÷ this subject's
   * run (`pairedRatio`). `null` when either is missing or the metric has no ratio.
   */
  readonly rampartRatio: number | null;
  /** rampart's median ÷ this subject's median: shown beside `rampartRatio`, which the targets read. */
  readonly ratioOfMedians: number | null;
  /** Why the metric does not apply to this subject (e.g. `no supervision`). */
  readonly notApplicable?: string;
  /** Error message when a run threw, failed its verification or timed out. */
  readonly error?: string;
}

/** Outcome of one explicit target of this step. */
export interface TargetCheck {
  readonly id: string;
  readonly description: string;
  /** The measured value the target is about, `null` when it could not be measured. */
  readonly actual: number | null;
  readonly pass: boolean;
  /** A figure reported only, with no target (printed as INFO; `pass` just says it was measured). */
  readonly informational?: boolean;
}
