import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { cpuRun } from './workloads/w7-threads/shared';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const hashers = system.lookupGroup<actors.HashTask>('/w7/hashers')!;
  for (let i = 0; i < 6; i++) {
    const r = await cpuRun(({ seeds, rounds }) => Promise.all(seeds.map((seed) => hashers.ask<number>(new actors.HashTask(seed, rounds), { timeoutMs: 60000 }))));
    console.log('rampart', r.toFixed(1));
  }
  await system.shutdown();
})();
