/** W4: fan-out. See shared.ts for the work, one file per subject for its implementation. */
import type { Workload } from '../../types';
import { comedy } from './comedy';
import { nact } from './nact';
import { rampart } from './rampart';
import { ACTORS, DELIVERIES, MESSAGES } from './shared';
import { xstate } from './xstate';

const n = (value: number) => value.toLocaleString('en-US');

export const w4: Workload = {
  id: 'W4',
  title: `fan-out (${n(ACTORS)} actors × ${n(MESSAGES)} messages = ${n(DELIVERIES)} deliveries)`,
  metrics: [{ key: 'opsPerSec', label: 'deliveries/s', unit: 'ops/s', better: 'higher' }],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    nact: { kind: 'peer', run: nact },
    comedy: { kind: 'peer', run: comedy },
    xstate: { kind: 'peer', run: xstate },
  },
};
