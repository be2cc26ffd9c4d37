/**
 * Calls that a lifecycle hook makes on its own actor. `ctx.self.stop()` inside `beforeStart`
 * is a graceful stop that comes after the start: `afterStop` runs once `beforeStart` has
 * returned, never nested inside it. `ctx.stop()` inside `beforeStart` is not silently lost.
 */
import { expect } from 'chai';
import { ActorSystem, Child, On, StartError, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { adopt, advanceUntil, killLeftovers, shutdown, startSystem, track } from './helpers';

function selfStopper(log: string[], stop: (ctx: Context) => void) {
  class SelfStopper {
    beforeStart(ctx: Context): void {
      log.push('beforeStart begin');
      stop(ctx);
      log.push('beforeStart end');
    }

    afterStop(): void {
      log.push('afterStop');
    }

    @On(String)
    handle(msg: string): void {
      log.push(`got ${msg}`);
    }
  }
  return SelfStopper;
}

describe('regressions (hunt): a lifecycle hook that stops its own actor', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('runs afterStop after beforeStart has returned when a static child calls ctx.self.stop() in beforeStart', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(selfStopper(log, (ctx) => void ctx.self.stop())) quitter!: ActorRef;
    }
    const h = await startSystem(App);
    await advanceUntil(h.scheduler, () => log.includes('afterStop'), 100, 10);
    expect(log).to.deep.equal(['beforeStart begin', 'beforeStart end', 'afterStop']);
    expect(h.system.lookup('/app/quitter')).to.equal(undefined);
    await shutdown(h);
  });

  it('runs afterStop after beforeStart has returned when a spawned actor calls ctx.self.stop() in beforeStart', async () => {
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const log: string[] = [];
    const ref = h.system.spawn(selfStopper(log, (ctx) => void ctx.self.stop()), { name: 'quitter' });
    ref.tell('early');
    await advanceUntil(h.scheduler, () => log.includes('afterStop'), 100, 10);
    expect(log).to.deep.equal(['beforeStart begin', 'beforeStart end', 'got early', 'afterStop']);
    await shutdown(h);
  });

  it('does not lose a ctx.stop() made in beforeStart: a transient child exits, or the start fails clearly', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(selfStopper(log, (ctx) => ctx.stop()), { restart: 'transient' }) quitter!: ActorRef;
    }
    const starting = track(ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler() }));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(starting.settled, 'start settled').to.equal(true);
    if (starting.error !== undefined) {
      expect(starting.error).to.be.instanceOf(StartError);
      return;
    }
    const system = adopt(starting.value!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(system.lookup('/app/quitter'), 'the transient child that asked to stop is gone').to.equal(undefined);
    expect(log).to.include('afterStop');
  });
});
