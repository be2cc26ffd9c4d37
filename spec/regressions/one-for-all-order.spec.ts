/**
 * In a one-for-all or rest-for-one round, every old instance is down (`afterStop` of the
 * bystanders, `beforeRestart` of the failed child) before any new instance is constructed.
 */
import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorClass, ActorRef, SupervisionStrategy } from '../../lib';
import { advanceUntil, killLeftovers, probe, refAt, shutdown, startSystem } from './helpers';

function constructed(name: string, log: string[]): ActorClass {
  return class extends probe(name, log) {
    constructor() {
      super();
      log.push(`new ${name}`);
    }
  };
}

describe('regressions: a round takes every old instance down before building new ones', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  for (const [strategy, failing, expectedDown] of [
    ['one-for-all', 'c2', ['stop c3', 'stop c1', 'beforeRestart c2']],
    ['one-for-all', 'c3', ['stop c2', 'stop c1', 'beforeRestart c3']],
    ['rest-for-one', 'c2', ['stop c3', 'beforeRestart c2']],
  ] as Array<[SupervisionStrategy, string, string[]]>) {
    it(`${strategy}: when ${failing} fails, ${expectedDown.join(', ')} all come before the first new instance`, async () => {
      const log: string[] = [];
      @Supervisor({ strategy, maxRestarts: 5 })
      class App {
        @Child(constructed('c1', log)) c1!: ActorRef;
        @Child(constructed('c2', log)) c2!: ActorRef;
        @Child(constructed('c3', log)) c3!: ActorRef;
      }
      const h = await startSystem(App);
      log.length = 0;
      refAt(h.system, `/app/${failing}`).tell('fail');
      await advanceUntil(h.scheduler, () => log.filter((e) => e.startsWith('new ')).length === expectedDown.length, 10, 10);
      const firstNew = log.findIndex((entry) => entry.startsWith('new '));
      expect(firstNew, 'a new instance was built').to.be.at.least(0);
      expect(log.slice(0, firstNew), 'what happened before the first new instance').to.have.members(expectedDown);
      await shutdown(h);
    });
  }
});
