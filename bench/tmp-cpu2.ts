import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { cpuBatch } from './workloads/w7-threads/shared';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const hashers = system.lookupGroup<actors.HashTask>('/w7/hashers')!;
  const members = hashers.members;
  for (let i = 0; i < 6; i++) {
    const { seeds, rounds } = cpuBatch();
    const t0 = performance.now();
    const last = [0, 0];
    await Promise.all(seeds.map((seed, k) => members[k % 2].ask<number>(new actors.HashTask(seed, rounds), { timeoutMs: 60000 }).then(() => (last[k % 2] = performance.now() - t0))));
    console.log('member finish ms', last.map((x) => x.toFixed(0)).join(' / '), 'tasks/s', (500000 / Math.max(...last)).toFixed(0));
  }
  await system.shutdown();
})();
