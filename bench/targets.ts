/**
 * The explicit targets: issue 5's, raised by issue 8 (no workload may regress against the
 * ratios of the local runtime before the one delivery path: W2, W4 and W5 >= 4x nact, idle
 * actors <= 600 B), issue 9's cross-node targets against raw NATS (W6) and issue 10's thread targets
 * against Piscina and raw MessagePorts (W7). Each reads the result rows; every ratio is taken
 * round by round (`pairedRatio`: the median of one subject's run ÷ the other's in the same
 * round). A target whose workload did not run (e.g. `npm run bench -- W2`) is left out. A
 * miss prints FAIL but never changes the exit code: benchmarks are not tests.
 */
import { pairedRatio } from './support/measure';
import type { ResultRow, TargetCheck } from './types';

interface Target {
  readonly id: string;
  readonly workload: string;
  readonly description: string;
  /** Reads the value the target is about from the rows of its workload. */
  readonly actual: (rows: readonly ResultRow[]) => number | null;
  /** Absent for a figure that is reported only (printed as INFO): no target, nothing to pass. */
  readonly pass?: (actual: number) => boolean;
}

function row(rows: readonly ResultRow[], subject: string, metric: string): ResultRow | undefined {
  return rows.find((r) => r.subject === subject && r.metric === metric);
}

/** rampart ÷ `subject` for `metric`, round by round (the row's `rampartRatio`: "rampart / nact"). */
function ratioTo(subject: string, metric: string) {
  return (rows: readonly ResultRow[]) => row(rows, subject, metric)?.rampartRatio ?? null;
}

/** `subject` ÷ `baseline` for `metric`, round by round (e.g. Moleculer / raw NATS), no rampart in it. */
function subjectRatio(subject: string, baseline: string, metric: string) {
  return (rows: readonly ResultRow[]) => pairedRows(row(rows, subject, metric), row(rows, baseline, metric));
}

/** rampart ÷ the best of `subjects` for `metric` (e.g. Piscina's best configuration): the smallest of rampart's ratios to them. */
function ratioToBest(subjects: readonly string[], metric: string) {
  return (rows: readonly ResultRow[]) => {
    const ratios = subjects.map((s) => row(rows, s, metric)?.rampartRatio ?? null).filter((r): r is number => r !== null);
    return ratios.length === 0 ? null : Math.min(...ratios);
  };
}

/** The best of `subjects` ÷ `baseline` for `metric`, no rampart in it: the largest of their ratios to it. */
function bestRatio(subjects: readonly string[], baseline: string, metric: string) {
  return (rows: readonly ResultRow[]) => {
    const ratios = subjects.map((s) => subjectRatio(s, baseline, metric)(rows)).filter((r): r is number => r !== null);
    return ratios.length === 0 ? null : Math.max(...ratios);
  };
}

/** The round-by-round ratio of two rows; `null` when one is missing or has no runs. */
function pairedRows(of: ResultRow | undefined, base: ResultRow | undefined): number | null {
  return of === undefined || base === undefined ? null : pairedRatio(of, base);
}

/** The worst of rampart's runs of `metric` (the largest value). */
function rampartWorst(metric: string) {
  return (rows: readonly ResultRow[]) => {
    const runs = row(rows, 'rampart', metric)?.runs ?? [];
    return runs.length > 0 ? Math.max(...runs) : null;
  };
}

/** rampart's own median of `metric`. */
function rampartMedian(metric: string) {
  return (rows: readonly ResultRow[]) => row(rows, 'rampart', metric)?.median ?? null;
}

const targets: readonly Target[] = [
  {
    id: 'W1-vs-nact',
    workload: 'W1',
    description: 'tells/s, rampart / nact >= 10',
    actual: ratioTo('nact', 'opsPerSec'),
    pass: (ratio) => ratio >= 10,
  },
  {
    id: 'W1-vs-raw',
    workload: 'W1',
    description: 'tells/s, rampart / raw Subject >= 0.35',
    actual: ratioTo('raw-rxjs', 'opsPerSec'),
    pass: (ratio) => ratio >= 0.35,
  },
  {
    id: 'W1-inspected-vs-plain',
    workload: 'W1',
    description: 'tells with system.inspect() subscribed / with no inspector, rampart in the same run (reported, no target)',
    actual: subjectRatio('rampart-inspected', 'rampart', 'opsPerSec'),
  },
  {
    id: 'W2-vs-nact',
    workload: 'W2',
    description: 'asks/s, rampart / nact >= 4',
    actual: ratioTo('nact', 'opsPerSec'),
    pass: (ratio) => ratio >= 4,
  },
  {
    id: 'W2b-expiry-linear',
    workload: 'W2b',
    description: 'expiring 20 k asks with distinct timeouts takes <= 3x as long as with one timeout (close to linear)',
    actual: rampartMedian('expiryRatio'),
    pass: (ratio) => ratio <= 3,
  },
  {
    id: 'W2b-signal-linear',
    workload: 'W2b',
    description: '30 k asks sharing one AbortSignal take <= 3x as long as with no signal (close to linear)',
    actual: rampartMedian('signalRatio'),
    pass: (ratio) => ratio <= 3,
  },
  {
    id: 'W3-idle-heap',
    workload: 'W3',
    description: 'retained heap per idle rampart actor <= 600 bytes',
    actual: rampartMedian('bytesPerActor'),
    pass: (bytes) => bytes <= 600,
  },
  {
    id: 'W3-spawn-vs-nact',
    workload: 'W3',
    description: 'spawns/s, rampart / nact >= 1',
    actual: ratioTo('nact', 'spawnsPerSec'),
    pass: (ratio) => ratio >= 1,
  },
  {
    id: 'W3b-told-heap',
    workload: 'W3',
    description: 'retained heap per rampart actor after each was told one message and handled it <= 1024 bytes',
    actual: rampartMedian('bytesPerActorTold'),
    pass: (bytes) => bytes <= 1024,
  },
  {
    id: 'W4-vs-nact',
    workload: 'W4',
    description: 'deliveries/s, rampart / nact >= 4',
    actual: ratioTo('nact', 'opsPerSec'),
    pass: (ratio) => ratio >= 4,
  },
  {
    id: 'W5-vs-nact',
    workload: 'W5',
    description: 'restarts/s, rampart / nact >= 4',
    actual: ratioTo('nact', 'opsPerSec'),
    pass: (ratio) => ratio >= 4,
  },
  {
    id: 'W5-nothing-lost',
    workload: 'W5',
    description: 'rampart loses no failing message in any run (each is a dead letter "failed")',
    actual: rampartWorst('lost'),
    pass: (lost) => lost === 0,
  },
  {
    id: 'W6-ask-vs-raw',
    workload: 'W6',
    description: 'sequential cross-node asks/s, rampart / raw NATS request/reply >= 0.7',
    actual: ratioTo('raw-nats', 'seqOpsPerSec'),
    pass: (ratio) => ratio >= 0.7,
  },
  {
    id: 'W6-ask-p99-vs-raw',
    workload: 'W6',
    description: 'p99 latency of a sequential cross-node ask, rampart / raw NATS request/reply <= 2',
    actual: ratioTo('raw-nats', 'seqP99Us'),
    pass: (ratio) => ratio <= 2,
  },
  {
    id: 'W6-in-flight-vs-raw',
    workload: 'W6',
    description: 'cross-node asks/s with 256 in flight, rampart / raw NATS request/reply >= 0.5',
    actual: ratioTo('raw-nats', 'inflightOpsPerSec'),
    pass: (ratio) => ratio >= 0.5,
  },
  {
    id: 'W6-tell-vs-raw',
    workload: 'W6',
    description: 'cross-node tells/s, rampart / raw NATS publish >= 0.5',
    actual: ratioTo('raw-nats', 'oneWayOpsPerSec'),
    pass: (ratio) => ratio >= 0.5,
  },
  {
    id: 'W6-tellOne-vs-raw',
    workload: 'W6',
    description: "cross-node distributor tellOne/s, rampart / raw NATS queue group >= 0.5",
    actual: ratioTo('raw-nats', 'queueOpsPerSec'),
    pass: (ratio) => ratio >= 0.5,
  },
  {
    id: 'W6-moleculer-call-vs-raw',
    workload: 'W6',
    description: 'Moleculer sequential calls/s / raw NATS request/reply (reported, no target)',
    actual: subjectRatio('moleculer', 'raw-nats', 'seqOpsPerSec'),
  },
  {
    id: 'W6-moleculer-p99-vs-raw',
    workload: 'W6',
    description: 'Moleculer sequential call p99 / raw NATS request/reply p99 (reported, no target)',
    actual: subjectRatio('moleculer', 'raw-nats', 'seqP99Us'),
  },
  {
    id: 'W6-moleculer-in-flight-vs-raw',
    workload: 'W6',
    description: 'Moleculer calls/s with 256 in flight / raw NATS request/reply (reported, no target)',
    actual: subjectRatio('moleculer', 'raw-nats', 'inflightOpsPerSec'),
  },
  {
    id: 'W6-moleculer-emit-vs-raw',
    workload: 'W6',
    description: 'Moleculer emits/s / raw NATS publish (reported, no target)',
    actual: subjectRatio('moleculer', 'raw-nats', 'oneWayOpsPerSec'),
  },
  {
    id: 'W7-cpu-vs-piscina',
    workload: 'W7',
    description: 'CPU pool (2 threads, ~2 ms tasks), rampart / Piscina maxThreads 2 >= 1.0',
    actual: ratioTo('piscina', 'cpuTasksPerSec'),
    pass: (ratio) => ratio >= 1,
  },
  {
    id: 'W7-cpu-vs-one-thread',
    workload: 'W7',
    description: 'CPU pool (2 threads, ~2 ms tasks), rampart / the main thread alone >= 1.8',
    actual: ratioTo('one-thread', 'cpuTasksPerSec'),
    pass: (ratio) => ratio >= 1.8,
  },
  {
    id: 'W7-in-flight-vs-piscina',
    workload: 'W7',
    description: "small asks to a thread actor with 256 in flight, rampart / Piscina's best (default or concurrentTasksPerWorker 128) >= 2",
    actual: ratioToBest(['piscina', 'piscina-c128'], 'inflightOpsPerSec'),
    pass: (ratio) => ratio >= 2,
  },
  {
    id: 'W7-in-flight-vs-raw',
    workload: 'W7',
    description: 'small asks to a thread actor with 256 in flight, rampart / raw pipelined MessagePort >= 0.5',
    actual: ratioTo('raw-port', 'inflightOpsPerSec'),
    pass: (ratio) => ratio >= 0.5,
  },
  {
    id: 'W7-ask-vs-raw',
    workload: 'W7',
    description: 'sequential asks to a thread actor, rampart / raw MessagePort round trip >= 0.9',
    actual: ratioTo('raw-port', 'seqOpsPerSec'),
    pass: (ratio) => ratio >= 0.9,
  },
  {
    id: 'W7-piscina-cpu-vs-one-thread',
    workload: 'W7',
    description: 'Piscina CPU pool / the main thread alone (reported, no target)',
    actual: subjectRatio('piscina', 'one-thread', 'cpuTasksPerSec'),
  },
  {
    id: 'W7-raw-pool-vs-one-thread',
    workload: 'W7',
    description: 'raw 2-worker pool / the main thread alone (reported, no target)',
    actual: subjectRatio('raw-pool', 'one-thread', 'cpuTasksPerSec'),
  },
  {
    id: 'W7-piscina-cpu-vs-raw',
    workload: 'W7',
    description: 'Piscina CPU pool / raw 2-worker pool (reported, no target)',
    actual: subjectRatio('piscina', 'raw-pool', 'cpuTasksPerSec'),
  },
  {
    id: 'W7-piscina-in-flight-vs-raw',
    workload: 'W7',
    description: "Piscina's best with 256 in flight / raw pipelined MessagePort (reported, no target)",
    actual: bestRatio(['piscina', 'piscina-c128'], 'raw-port', 'inflightOpsPerSec'),
  },
  {
    id: 'W7-piscina-seq-vs-raw',
    workload: 'W7',
    description: 'Piscina sequential run() / raw MessagePort round trip (reported, no target)',
    actual: subjectRatio('piscina', 'raw-port', 'seqOpsPerSec'),
  },
];

export function checkTargets(rows: readonly ResultRow[]): TargetCheck[] {
  const ran = new Set(rows.map((r) => r.workload));
  return targets
    .filter((t) => ran.has(t.workload))
    .map((t) => {
      const actual = t.actual(rows.filter((r) => r.workload === t.workload));
      if (!t.pass) return { id: t.id, description: t.description, actual, pass: actual !== null, informational: true };
      return { id: t.id, description: t.description, actual, pass: actual !== null && t.pass(actual) };
    });
}
