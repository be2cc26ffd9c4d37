/**
 * W6: cross-node messaging, node b in its own process, one real nats-server. See shared.ts
 * for the work, environment.ts for the processes, one file per subject (each holds both of
 * its nodes: the measuring side, and `serve`, node b's side).
 */
import type { Workload } from '../../types';
import { tearDown } from './environment';
import { moleculer } from './moleculer';
import { rampart } from './rampart';
import { rawNats } from './raw';
import { IN_FLIGHT, IN_FLIGHT_REQUESTS, ONE_WAY, QUEUED, SEQUENTIAL } from './shared';

const k = (n: number) => `${n / 1000} k`;

export const w6: Workload = {
  id: 'W6',
  title:
    `cross-node over NATS, node b in another process (${k(SEQUENTIAL)} sequential and ${k(IN_FLIGHT_REQUESTS)} ` +
    `${IN_FLIGHT}-in-flight round trips, ${k(ONE_WAY)} one-way, ${k(QUEUED)} to one of two)`,
  metrics: [
    { key: 'seqOpsPerSec', label: 'request/reply, sequential', unit: 'ops/s', better: 'higher' },
    { key: 'seqP99Us', label: 'request/reply, sequential, p99 latency', unit: 'µs', better: 'lower' },
    { key: 'inflightOpsPerSec', label: `request/reply, ${IN_FLIGHT} in flight`, unit: 'ops/s', better: 'higher' },
    { key: 'oneWayOpsPerSec', label: 'one-way to one receiver (tell / publish / emit)', unit: 'ops/s', better: 'higher' },
    { key: 'queueOpsPerSec', label: 'one-way to one of two (tellOne / queue group)', unit: 'ops/s', better: 'higher' },
  ],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    'raw-nats': { kind: 'raw', run: rawNats },
    moleculer: {
      kind: 'peer',
      run: moleculer,
      notApplicable: { queueOpsPerSec: 'emit is the balanced send already (see one-way)' },
    },
  },
  tearDown,
};
