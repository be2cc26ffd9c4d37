import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { Slow, deferred, eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, without } from './helpers';

/** `/app` (rest-for-one) with probes c1 … c4. */
async function startFour(log: string[]) {
  @Supervisor({ strategy: 'rest-for-one' })
  class App {
    @Child(probe('c1', log)) c1!: ActorRef;
    @Child(probe('c2', log)) c2!: ActorRef;
    @Child(probe('c3', log)) c3!: ActorRef;
    @Child(probe('c4', log)) c4!: ActorRef;
  }
  const h = await startSystem(App);
  const refs = ['c1', 'c2', 'c3', 'c4'].map((name) => refAt(h.system, `/app/${name}`));
  log.length = 0;
  return { h, refs };
}

describe('rest-for-one', () => {
  afterEach(killLeftovers);

  it('stops the children declared after the failed one in reverse order, then restarts them in start order', async () => {
    const log: string[] = [];
    const { h, refs } = await startFour(log);
    const [c1, c2, c3, c4] = refs;
    expect(await c1.ask('count')).to.equal(1);

    c2.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart c2')).to.deep.equal(['stop c4', 'stop c3', 'restart c2', 'start c3', 'start c4']);
    expect(eventLog(h, ['failed', 'restarted'])).to.deep.equal([
      'failed /app/c2',
      'restarted /app/c2',
      'restarted /app/c3',
      'restarted /app/c4',
    ]);
    expect(await c1.ask('count'), 'c1 kept its instance and its state').to.equal(2);
    expect(await c1.ask('who')).to.equal('c1#1 restarts 0');
    expect(await c2.ask('who')).to.equal('c2#2 restarts 1');
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');
    expect(await c4.ask('who')).to.equal('c4#2 restarts 1');
    await shutdown(h);
  });

  it('restarts only the last child when the last child fails', async () => {
    const log: string[] = [];
    const { h, refs } = await startFour(log);

    refs[3].tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['beforeRestart c4', 'restart c4']);
    expect(h.system.tree().children.map((node) => node.restarts)).to.deep.equal([0, 0, 0, 1]);
    await shutdown(h);
  });

  it('restarts everything when the first child fails, and every queue is kept', async () => {
    const log: string[] = [];
    const { h, refs } = await startFour(log);
    const [c1, , , c4] = refs;
    const gate = deferred();
    c4.tell(new Slow('job', gate.promise));
    await h.scheduler.advanceBy(0);
    c4.tell('q4');

    c1.tell('fail');
    c1.tell('q1');
    await h.scheduler.advanceBy(0);
    gate.resolve();
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart c1', 'c1 got q1')).to.deep.equal([
      'c4 begin job',
      'c4 end job',
      'stop c4',
      'stop c3',
      'stop c2',
      'restart c1',
      'start c2',
      'start c3',
      'start c4',
      'c4 got q4',
    ]);
    expect(log.indexOf('c1 got q1')).to.be.greaterThan(log.indexOf('restart c1'));
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    expect(h.system.tree().children.map((node) => node.restarts)).to.deep.equal([1, 1, 1, 1]);
    await shutdown(h);
  });
});
