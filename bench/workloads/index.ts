/** Every workload, in run order. A new workload is one folder here and one line below. */
import type { Workload } from '../types';
import { w1 } from './w1-tell-throughput';
import { w2 } from './w2-sequential-ask';
import { w2b } from './w2b-ask-deadlines';
import { w3 } from './w3-idle-actors';
import { w4 } from './w4-fan-out';
import { w5 } from './w5-restarts';
import { w6 } from './w6-cross-node';
import { w7 } from './w7-threads';

export const workloads: readonly Workload[] = [w1, w2, w2b, w3, w4, w5, w6, w7];
