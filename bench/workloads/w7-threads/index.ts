/**
 * W7: actors on worker threads, beside Piscina 5 and hand-written MessagePort floors. See
 * shared.ts for the work, environment.ts for the threads kept across runs, one file per
 * subject. The subjects of a round run in this order: each target's pair (rampart and the
 * raw port, rampart and Piscina) runs close together, so a phase of the machine hits both.
 */
import type { Workload } from '../../types';
import { tearDown } from './environment';
import { oneThread } from './one-thread';
import { piscina, piscinaC128 } from './piscina';
import { rampart } from './rampart';
import { rawPool, rawPort } from './raw';
import { IN_FLIGHT, IN_FLIGHT_REQUESTS, SEQUENTIAL, TASK_MS, TASKS } from './shared';

const k = (n: number) => `${n / 1000} k`;
const messagesOnly = 'a pool of CPU tasks, no small messages';

export const w7: Workload = {
  id: 'W7',
  title:
    `threads (${TASKS} CPU tasks of ~${TASK_MS} ms on 2 threads, ${k(IN_FLIGHT_REQUESTS)} small round trips with ` +
    `${IN_FLIGHT} in flight, ${k(SEQUENTIAL)} sequential)`,
  metrics: [
    { key: 'cpuTasksPerSec', label: `CPU pool, ~${TASK_MS} ms tasks`, unit: 'tasks/s', better: 'higher' },
    { key: 'inflightOpsPerSec', label: `small messages, ${IN_FLIGHT} in flight`, unit: 'ops/s', better: 'higher' },
    { key: 'seqOpsPerSec', label: 'sequential round trip', unit: 'ops/s', better: 'higher' },
  ],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    'raw-port': {
      kind: 'raw',
      run: rawPort,
      notApplicable: { cpuTasksPerSec: 'one echo thread, no pool (see raw-pool)' },
    },
    piscina: { kind: 'peer', run: piscina, everyRound: true },
    'piscina-c128': {
      kind: 'peer',
      run: piscinaC128,
      everyRound: true,
      notApplicable: {
        cpuTasksPerSec: 'same pool as piscina: a CPU-bound task holds its thread anyway',
        seqOpsPerSec: 'same as piscina with one task outstanding',
      },
    },
    'one-thread': {
      kind: 'raw',
      run: oneThread,
      notApplicable: { inflightOpsPerSec: 'no thread to message', seqOpsPerSec: 'no thread to message' },
    },
    'raw-pool': {
      kind: 'raw',
      run: rawPool,
      notApplicable: { inflightOpsPerSec: messagesOnly, seqOpsPerSec: messagesOnly },
    },
  },
  tearDown,
};
