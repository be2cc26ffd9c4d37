import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { sequential } from './workloads/w7-threads/shared';
import { rawPort } from './workloads/w7-threads/raw';
import { tearDown } from './workloads/w7-threads/environment';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const echo = system.lookupActor<number>('/w7/echo')!;
  const ask = (v: number) => echo.ask<number>(v);
  for (let i = 0; i < 5; i++) {
    const r = await sequential(10000, ask);
    const raw = await rawPort();
    console.log('seq rampart', r.toFixed(0), 'raw', raw.seqOpsPerSec?.toFixed(0), 'ratio', (r / raw.seqOpsPerSec!).toFixed(2));
  }
  await system.shutdown();
  await tearDown();
})();
