/**
 * The explicit targets of this step. Each reads the result rows; a target whose workload
 * did not run (e.g. `npm run bench -- W2`) is left out. A miss prints FAIL but never
 * changes the exit code: benchmarks are not tests.
 */
import type { ResultRow, TargetCheck } from './types';

interface Target {
  readonly id: string;
  readonly workload: string;
  readonly description: string;
  /** Reads the value the target is about from the rows of its workload. */
  readonly actual: (rows: readonly ResultRow[]) => number | null;
  readonly pass: (actual: number) => boolean;
}

function row(rows: readonly ResultRow[], subject: string, metric: string): ResultRow | undefined {
  return rows.find((r) => r.subject === subject && r.metric === metric);
}

const targets: readonly Target[] = [
  {
    id: 'W1-throughput',
    workload: 'W1',
    description: 'rampart tell throughput >= 0.25x the raw Subject',
    actual: (rows) => row(rows, 'rampart', 'opsPerSec')?.ratio ?? null,
    pass: (ratio) => ratio >= 0.25,
  },
  {
    id: 'W3-idle-heap',
    workload: 'W3',
    description: 'rampart idle actor < 1024 bytes of retained heap',
    actual: (rows) => row(rows, 'rampart', 'bytesPerActor')?.median ?? null,
    pass: (bytes) => bytes < 1024,
  },
  {
    id: 'W4-fan-out',
    workload: 'W4',
    description: 'rampart fan-out deliveries/s >= 2x nact',
    actual: (rows) => row(rows, 'rampart', 'opsPerSec')?.ratio ?? null,
    pass: (ratio) => ratio >= 2,
  },
  {
    id: 'W5-restarts',
    workload: 'W5',
    description: 'rampart restart throughput >= 4x nact',
    actual: (rows) => row(rows, 'rampart', 'opsPerSec')?.ratio ?? null,
    pass: (ratio) => ratio >= 4,
  },
  {
    id: 'W5-nothing-lost',
    workload: 'W5',
    description: 'rampart loses no failing message (each is a dead letter "failed")',
    actual: (rows) => row(rows, 'rampart', 'lost')?.median ?? null,
    pass: (lost) => lost === 0,
  },
];

export function checkTargets(rows: readonly ResultRow[]): TargetCheck[] {
  const ran = new Set(rows.map((r) => r.workload));
  return targets
    .filter((t) => ran.has(t.workload))
    .map((t) => {
      const actual = t.actual(rows.filter((r) => r.workload === t.workload));
      return { id: t.id, description: t.description, actual, pass: actual !== null && t.pass(actual) };
    });
}
