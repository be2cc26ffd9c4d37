import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { sequential } from './workloads/w7-threads/shared';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const echo = system.lookupActor<number>('/w7/echo')!;
  const ask = (v: number) => echo.ask<number>(v);
  await sequential(5000, ask);
  const t = performance.now();
  const r = await sequential(30000, ask);
  console.log('seq', r.toFixed(0), (performance.now() - t).toFixed(0));
  await system.shutdown();
})();
