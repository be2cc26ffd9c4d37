/** W2b: ask deadlines and shared abort signals. See shared.ts for the work. */
import type { Workload } from '../../types';
import { rampart } from './rampart';
import { EXPIRING, SIGNALLED } from './shared';

const k = (n: number) => `${n / 1000} k`;

export const w2b: Workload = {
  id: 'W2b',
  title: `ask deadlines (${k(EXPIRING)} asks expiring, ${k(SIGNALLED)} asks on one AbortSignal)`,
  metrics: [
    { key: 'distinctMs', label: `expire ${k(EXPIRING)}, distinct timeouts`, unit: 'ms', better: 'lower' },
    { key: 'sameMs', label: `expire ${k(EXPIRING)}, one timeout`, unit: 'ms', better: 'lower' },
    { key: 'expiryRatio', label: 'distinct ÷ one timeout', unit: 'x', better: 'lower', ratio: false },
    { key: 'signalMs', label: `${k(SIGNALLED)} asks, one shared signal`, unit: 'ms', better: 'lower' },
    { key: 'noSignalMs', label: `${k(SIGNALLED)} asks, no signal`, unit: 'ms', better: 'lower' },
    { key: 'signalRatio', label: 'shared signal ÷ no signal', unit: 'x', better: 'lower', ratio: false },
  ],
  subjects: {
    rampart: { kind: 'rampart', run: rampart },
  },
};
