import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { cpuRun } from './workloads/w7-threads/shared';
import { piscina } from './workloads/w7-threads/piscina';
import { rawPool } from './workloads/w7-threads/raw';
import { tearDown } from './workloads/w7-threads/environment';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const hashers = system.lookupGroup<actors.HashTask>('/w7/hashers')!;
  for (let i = 0; i < 8; i++) {
    const r = await cpuRun(({ seeds, rounds }) => Promise.all(seeds.map((seed) => hashers.ask<number>(new actors.HashTask(seed, rounds), { timeoutMs: 60000 }))));
    const p = await piscina(); const q = await rawPool();
    console.log('rampart', r.toFixed(0), 'piscina', p.cpuTasksPerSec?.toFixed(0), 'raw', q.cpuTasksPerSec?.toFixed(0));
  }
  await system.shutdown();
  await tearDown();
})();
