/** W1: tell throughput. See shared.ts for the work, one file per subject for its implementation. */
import type { Workload } from '../../types';
import { comedy } from './comedy';
import { nact } from './nact';
import { rampart, rampartInspected } from './rampart';
import { rawRxjs } from './raw';
import { MESSAGES } from './shared';
import { xstate } from './xstate';

export const w1: Workload = {
  id: 'W1',
  title: `tell throughput (${MESSAGES.toLocaleString('en-US')} tells, one actor)`,
  metrics: [{ key: 'opsPerSec', label: 'tells/s', unit: 'ops/s', better: 'higher' }],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    'rampart-inspected': { kind: 'variant', run: rampartInspected },
    'raw-rxjs': { kind: 'raw', run: rawRxjs },
    nact: { kind: 'peer', run: nact },
    comedy: { kind: 'peer', run: comedy },
    xstate: { kind: 'peer', run: xstate },
  },
};
