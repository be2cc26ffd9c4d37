/** W5: restarts. See shared.ts for the work, one file per subject for its implementation. */
import type { Workload } from '../../types';
import { comedy } from './comedy';
import { nact } from './nact';
import { rampart } from './rampart';
import { FAILURES } from './shared';
import { xstate } from './xstate';

export const w5: Workload = {
  id: 'W5',
  title: `restart throughput (${FAILURES.toLocaleString('en-US')} failing messages, immediate restart)`,
  metrics: [
    { key: 'opsPerSec', label: 'restarts/s', unit: 'ops/s', better: 'higher' },
    { key: 'lost', label: 'lost messages', unit: 'messages', better: 'lower', ratio: false },
  ],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    nact: { kind: 'peer', run: nact },
    comedy: { kind: 'peer', run: comedy, notApplicable: { opsPerSec: 'no restart' } },
    xstate: { kind: 'peer', run: xstate, notApplicable: { opsPerSec: 'no supervision' } },
  },
};
