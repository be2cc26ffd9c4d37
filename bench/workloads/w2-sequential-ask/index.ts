/** W2: sequential ask. See shared.ts for the work, one file per subject for its implementation. */
import type { Workload } from '../../types';
import { comedy } from './comedy';
import { nact } from './nact';
import { rampart } from './rampart';
import { rawRxjs } from './raw';
import { ASKS } from './shared';
import { xstate } from './xstate';

export const w2: Workload = {
  id: 'W2',
  title: `sequential ask (${ASKS.toLocaleString('en-US')} awaited asks)`,
  metrics: [{ key: 'opsPerSec', label: 'asks/s', unit: 'ops/s', better: 'higher' }],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    'raw-rxjs': { kind: 'raw', run: rawRxjs },
    nact: { kind: 'peer', run: nact },
    comedy: { kind: 'peer', run: comedy },
    xstate: { kind: 'peer', run: xstate },
  },
};
