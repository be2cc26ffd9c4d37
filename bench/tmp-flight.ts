import { ActorSystem } from '../lib';
import * as actors from './workloads/w7-threads/actors';
import { inFlight, IN_FLIGHT, IN_FLIGHT_REQUESTS, sequential, SEQUENTIAL } from './workloads/w7-threads/shared';
(async () => {
  const system = await ActorSystem.start(actors.W7, { name: 'w7', logger: null });
  const echo = system.lookupActor<number>('/w7/echo')!;
  const ask = (v: number) => echo.ask<number>(v);
  for (let i = 0; i < 5; i++) console.log('inflight', (await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, ask)).toFixed(0), 'seq', (await sequential(SEQUENTIAL, ask)).toFixed(0));
  await system.shutdown();
})();
