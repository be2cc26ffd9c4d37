/** W3 (and W3b): idle actors. See shared.ts for the work, one file per subject for its implementation. */
import type { Workload } from '../../types';
import { comedy } from './comedy';
import { nact } from './nact';
import { rampart } from './rampart';
import { plainObject, rawRxjs } from './raw';
import { ACTORS } from './shared';
import { xstate } from './xstate';

export const w3: Workload = {
  id: 'W3',
  title: `idle actors (${ACTORS.toLocaleString('en-US')} spawned and retained, then told one message each)`,
  metrics: [
    { key: 'spawnsPerSec', label: 'spawns/s', unit: 'ops/s', better: 'higher' },
    { key: 'bytesPerActor', label: 'idle heap', unit: 'bytes/actor', better: 'lower' },
    { key: 'bytesPerActorTold', label: 'W3b heap after 1 msg', unit: 'bytes/actor', better: 'lower' },
  ],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
    'raw-rxjs': { kind: 'raw', run: rawRxjs },
    'plain-object': {
      kind: 'raw',
      run: plainObject,
      notApplicable: { bytesPerActorTold: 'not an actor' },
    },
    nact: { kind: 'peer', run: nact },
    comedy: { kind: 'peer', run: comedy },
    xstate: { kind: 'peer', run: xstate },
  },
};
