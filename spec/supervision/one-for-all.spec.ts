import { expect } from 'chai';
import { ActorStoppedError, Backoff, Child, Supervisor } from '../../lib';
import type { ActorClass, ActorRef } from '../../lib';
import { Slow, deferred, eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, track, without } from './helpers';

/** `/app` (one-for-all) with probes c1, c2, c3; c3 may get its own shutdownTimeoutMs. */
async function startTrio(log: string[], c3Options: { shutdownTimeoutMs?: number } = {}) {
  @Supervisor({ strategy: 'one-for-all', maxRestarts: 1, withinMs: 1000 })
  class App {
    @Child(probe('c1', log)) c1!: ActorRef;
    @Child(probe('c2', log)) c2!: ActorRef;
    @Child(probe('c3', log), c3Options) c3!: ActorRef;
  }
  const h = await startSystem(App);
  const [c1, c2, c3] = ['c1', 'c2', 'c3'].map((name) => refAt(h.system, `/app/${name}`));
  log.length = 0;
  return { h, c1, c2, c3 };
}

describe('one-for-all', () => {
  afterEach(killLeftovers);

  it('stops the siblings in reverse start order, then restarts all children in start order', async () => {
    const log: string[] = [];
    const { h, c1, c2, c3 } = await startTrio(log);

    c2.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart c2')).to.deep.equal(['stop c3', 'stop c1', 'start c1', 'restart c2', 'start c3']);
    expect(log.filter((entry) => entry === 'beforeRestart c2')).to.have.length(1);
    expect(log.indexOf('beforeRestart c2')).to.be.lessThan(log.indexOf('restart c2'));
    expect(eventLog(h, ['failed', 'restarted'])).to.deep.equal([
      'failed /app/c2',
      'restarted /app/c1',
      'restarted /app/c2',
      'restarted /app/c3',
    ]);
    expect(await c1.ask('who')).to.equal('c1#2 restarts 1');
    expect(await c2.ask('who')).to.equal('c2#2 restarts 1');
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');
    expect(h.system.tree().children.map((node) => node.restarts)).to.deep.equal([1, 1, 1]);
    await shutdown(h);
  });

  it("lets a bystander's in-flight message finish before stopping it, and restarts nothing before that", async () => {
    const log: string[] = [];
    const { h, c1, c3 } = await startTrio(log);
    const gate = deferred();
    const reply = track(c3.ask(new Slow('job', gate.promise)));
    await h.scheduler.advanceBy(0);

    c1.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);
    expect(without(log, 'beforeRestart c1')).to.deep.equal(['c3 begin job']);

    gate.resolve();
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart c1')).to.deep.equal([
      'c3 begin job',
      'c3 end job',
      'stop c3',
      'stop c2',
      'restart c1',
      'start c2',
      'start c3',
    ]);
    expect(reply.value).to.equal('job');
    await shutdown(h);
  });

  it("bounds the wait for a bystander's in-flight message by its shutdownTimeoutMs", async () => {
    const log: string[] = [];
    const { h, c1, c3 } = await startTrio(log, { shutdownTimeoutMs: 200 });
    const never = deferred();
    const reply = track(c3.ask(new Slow('stuck', never.promise), { timeoutMs: 60_000 }));
    await h.scheduler.advanceBy(0);

    c1.tell('fail');
    await h.scheduler.advanceBy(199);
    expect(log.includes('restart c1'), 'no restart before the bound').to.equal(false);
    expect(reply.settled).to.equal(false);

    await h.scheduler.advanceBy(1);
    await h.scheduler.advanceBy(0);

    expect(reply.error).to.be.instanceOf(ActorStoppedError);
    const tail = log.slice(log.indexOf('stop c2'));
    expect(without(tail, 'beforeRestart c1')).to.deep.equal(['stop c2', 'restart c1', 'start c2', 'start c3']);
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');
    await shutdown(h);
  });

  it("keeps a bystander's queued messages for its next incarnation, in order", async () => {
    const log: string[] = [];
    const { h, c1, c3 } = await startTrio(log);
    const gate = deferred();
    c3.tell(new Slow('job', gate.promise));
    await h.scheduler.advanceBy(0);
    c3.tell('q1');
    c3.tell('q2');

    c1.tell('fail');
    await h.scheduler.advanceBy(0);
    gate.resolve();
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart c1')).to.deep.equal([
      'c3 begin job',
      'c3 end job',
      'stop c3',
      'stop c2',
      'restart c1',
      'start c2',
      'start c3',
      'c3 got q1',
      'c3 got q2',
    ]);
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');
    await shutdown(h);
  });

  it('counts a whole round as one restart toward the intensity', async () => {
    const log: string[] = [];
    const { h, c1, c2, c3 } = await startTrio(log); // maxRestarts: 1

    c1.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    expect(await c1.ask('who')).to.equal('c1#2 restarts 1');
    expect(await c2.ask('who')).to.equal('c2#2 restarts 1');
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');

    await h.scheduler.advanceBy(2000); // out of the window: one more round is fine too
    c3.tell('fail');
    await h.scheduler.advanceBy(0);
    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    expect(await c3.ask('who')).to.equal('c3#3 restarts 2');
    await shutdown(h);
  });

  it('never has two incarnations of one child alive at once', async () => {
    const log: string[] = [];
    const alive = new Map<string, number>();
    const overlaps: string[] = [];
    const tracked = (name: string): ActorClass => {
      const Base = probe(name, log);
      return class extends Base {
        constructor() {
          super();
          const count = (alive.get(name) ?? 0) + 1;
          alive.set(name, count);
          log.push(`new ${name}`);
          if (count > 1) overlaps.push(name);
        }

        override afterStop(): void {
          alive.set(name, alive.get(name)! - 1);
          super.afterStop();
        }

        override beforeRestart(): void {
          alive.set(name, alive.get(name)! - 1);
          super.beforeRestart();
        }
      };
    };
    @Supervisor({ strategy: 'one-for-all', maxRestarts: Infinity })
    class App {
      @Child(tracked('c1')) c1!: ActorRef;
      @Child(tracked('c2')) c2!: ActorRef;
    }
    const h = await startSystem(App);
    log.length = 0;

    refAt(h.system, '/app/c1').tell('fail');
    await h.scheduler.advanceBy(0);

    expect(overlaps).to.deep.equal([]);
    expect(without(log, 'beforeRestart c1')).to.deep.equal(['stop c2', 'new c1', 'restart c1', 'new c2', 'start c2']);
    await shutdown(h);
  });

  it("waits out the failed child's backoff before the round restarts anyone", async () => {
    const log: string[] = [];
    @Supervisor({ strategy: 'one-for-all' })
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(probe('c2', log), { backoff: Backoff.linear({ stepMs: 100, maxMs: 100 }) }) c2!: ActorRef;
    }
    const h = await startSystem(App);
    log.length = 0;

    refAt(h.system, '/app/c2').tell('fail');
    await h.scheduler.advanceBy(99);
    expect(log.filter((entry) => /start/i.test(entry)), 'nobody restarted before 100 ms').to.deep.equal([]);

    await h.scheduler.advanceBy(1);
    expect(without(log, 'beforeRestart c2')).to.deep.equal(['stop c1', 'start c1', 'restart c2']);
    expect(h.events.filter((e) => e.type === 'restarted').map((e) => [e.path, e.time])).to.deep.equal([
      ['/app/c1', 100],
      ['/app/c2', 100],
    ]);
    await shutdown(h);
  });

  it('makes one round of two failures that happen together (the second child is already a bystander)', async () => {
    const log: string[] = [];
    const { h, c1, c2, c3 } = await startTrio(log); // maxRestarts: 1

    c1.tell('fail');
    c2.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);

    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    expect(lettersOf(h)).to.have.deep.members([
      ['failed', 'fail'],
      ['failed', 'fail'],
    ]);
    expect(await c1.ask('who')).to.equal('c1#2 restarts 1');
    expect(await c2.ask('who')).to.equal('c2#2 restarts 1');
    expect(await c3.ask('who')).to.equal('c3#2 restarts 1');
    await shutdown(h);
  });
});
