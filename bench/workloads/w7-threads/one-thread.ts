/** W7 baseline "one thread": every task on the main thread, one after the other (no worker). */
import type { Measurement } from '../../types';
import { cpuRun, hashTask } from './shared';

export async function oneThread(): Promise<Measurement> {
  const cpuTasksPerSec = await cpuRun(async ({ seeds, rounds }) => seeds.map((seed) => hashTask(seed, rounds)));
  return { cpuTasksPerSec };
}
