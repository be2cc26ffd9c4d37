import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem } from './helpers';

/** `/app` > `/app/sup` (maxRestarts 2 within 1000) > flaky (tries: 2) and steady. */
async function startTries(log: string[]) {
  @Supervisor({ maxRestarts: 2, withinMs: 1000 })
  class Sup {
    @Child(probe('flaky', log), { tries: 2 }) flaky!: ActorRef;
    @Child(probe('steady', log)) steady!: ActorRef;
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Sup) sup!: ActorRef;
  }
  const h = await startSystem(App);
  const flaky = refAt(h.system, '/app/sup/flaky');
  const steady = refAt(h.system, '/app/sup/steady');
  log.length = 0;
  return { h, flaky, steady };
}

describe('tries', () => {
  afterEach(killLeftovers);

  it("stops the child for good after n restarts, with a 'stopped' event whose reason is 'gave-up'", async () => {
    const log: string[] = [];
    const { h, flaky } = await startTries(log);

    flaky.tell('fail');
    flaky.tell('fail');
    flaky.tell('fail');
    flaky.tell('x');
    flaky.tell('y');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(eventLog(h, ['failed', 'restarted', 'stopped', 'escalated'])).to.deep.equal([
      'failed /app/sup/flaky',
      'restarted /app/sup/flaky',
      'failed /app/sup/flaky',
      'restarted /app/sup/flaky',
      'failed /app/sup/flaky',
      'stopped /app/sup/flaky',
    ]);
    const stopped = h.events.find((e) => e.type === 'stopped');
    expect(stopped?.reason).to.equal('gave-up');
    expect(log.filter((entry) => entry.startsWith('restart'))).to.deep.equal(['restart flaky', 'restart flaky']);
    expect(log.filter((entry) => entry.includes(' got '))).to.deep.equal([]);
    await shutdown(h);
  });

  it('turns the queued messages into dead letters stopped, and later messages too', async () => {
    const log: string[] = [];
    const { h, flaky } = await startTries(log);

    for (const msg of ['fail', 'fail', 'fail', 'x', 'y']) flaky.tell(msg);
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);
    flaky.tell('z');
    await h.scheduler.advanceBy(0);

    expect(lettersOf(h, '/app/sup/flaky')).to.deep.equal([
      ['failed', 'fail'],
      ['failed', 'fail'],
      ['failed', 'fail'],
      ['stopped', 'x'],
      ['stopped', 'y'],
      ['stopped', 'z'],
    ]);
    expect(h.system.lookup('/app/sup/flaky')).to.equal(undefined);
    await shutdown(h);
  });

  it('does not make the supervisor escalate, and the siblings keep working', async () => {
    const log: string[] = [];
    const { h, flaky, steady } = await startTries(log); // maxRestarts 2: a third restart would escalate

    for (const msg of ['fail', 'fail', 'fail']) flaky.tell(msg);
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);

    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    expect(eventLog(h, ['restarted', 'failed']).filter((line) => line.endsWith('/app/sup'))).to.deep.equal([]);
    expect(await steady.ask('who')).to.equal('steady#1 restarts 0');
    expect(h.system.tree().children[0].children.map((node) => node.path)).to.deep.equal(['/app/sup/steady']);
    await shutdown(h);
  });

  it('caps the total number of restarts, however far apart the failures are', async () => {
    const log: string[] = [];
    const { h, flaky } = await startTries(log);

    flaky.tell('fail');
    await h.scheduler.advanceBy(10_000);
    expect(await flaky.ask('who')).to.equal('flaky#2 restarts 1');
    flaky.tell('fail');
    await h.scheduler.advanceBy(10_000);
    expect(await flaky.ask('who')).to.equal('flaky#3 restarts 2');
    flaky.tell('fail');
    await h.scheduler.advanceBy(10_000);

    expect(h.system.lookup('/app/sup/flaky')).to.equal(undefined);
    expect(h.events.filter((e) => e.type === 'stopped').map((e) => [e.path, e.reason])).to.deep.equal([
      ['/app/sup/flaky', 'gave-up'],
    ]);
    await shutdown(h);
  });
});
