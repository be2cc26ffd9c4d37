import { expect } from 'chai';
import { ActorStoppedError, Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, ChildOptions, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, track } from './helpers';

/** Keeps the worker busy until `gate` opens, then tells `listener` and replies. */
class Job {
  constructor(readonly gate: Promise<void>) {}
}

/** `/app` (maxRestarts 0: any restart would escalate) > worker and listener. */
async function startKillable(log: string[], workerOptions: ChildOptions = {}) {
  class Worker {
    beforeStart(ctx: Context): void {
      ctx.every(50, 'beat');
    }

    afterStop(): void {
      log.push('stop worker');
    }

    @On(Job)
    async job(msg: Job, ctx: Context): Promise<string> {
      log.push('worker begin');
      await msg.gate;
      log.push('worker end');
      ctx.system.lookup('/app/listener')?.tell('from the ghost');
      ctx.self.tell('to itself');
      return 'late reply';
    }

    @On(String)
    handle(msg: string): void {
      if (msg === 'fail') throw new Error('worker failed');
      log.push(`worker got ${msg}`);
    }
  }
  @Supervisor({ maxRestarts: 0 })
  class App {
    @Child(Worker, workerOptions) worker!: ActorRef;
    @Child(probe('listener', log)) listener!: ActorRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, worker: refAt(h.system, '/app/worker'), listener: refAt(h.system, '/app/listener') };
}

describe('kill', () => {
  afterEach(killLeftovers);

  it('marks the actor dead at once: no afterStop, no restart, lookup no longer finds it', async () => {
    const log: string[] = [];
    const { h, worker } = await startKillable(log);

    worker.kill();
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(log).to.deep.equal([]);
    expect(h.system.lookup('/app/worker')).to.equal(undefined);
    expect(eventLog(h)).to.deep.equal(['stopped /app/worker']);
    expect(h.system.tree().children.map((node) => node.path)).to.deep.equal(['/app/listener']);
    await shutdown(h);
  });

  it('rejects the in-flight ask at once with ActorStoppedError and dead-letters the queue as stopped', async () => {
    const log: string[] = [];
    const { h, worker } = await startKillable(log);
    const gate = deferred();
    const reply = track(worker.ask(new Job(gate.promise)));
    await settle();
    worker.tell('q1');
    const queuedAsk = track(worker.ask('q2'));

    worker.kill();
    await settle();

    expect(reply.error).to.be.instanceOf(ActorStoppedError);
    expect(queuedAsk.error).to.be.instanceOf(ActorStoppedError);
    expect(lettersOf(h)).to.deep.equal([
      ['stopped', 'q1'],
      ['stopped', 'q2'],
    ]);
    worker.tell('after');
    await settle();
    expect(lettersOf(h).slice(-1)).to.deep.equal([['stopped', 'after']]);
    await shutdown(h);
  });

  it('ignores whatever the old incarnation replies or tells after the kill', async () => {
    const log: string[] = [];
    const { h, worker } = await startKillable(log);
    const gate = deferred();
    const reply = track(worker.ask(new Job(gate.promise)));
    await settle();
    worker.kill();
    await settle();
    const lettersAtKill = h.deadLetters.length;

    gate.resolve();
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(reply.error).to.be.instanceOf(ActorStoppedError);
    expect(log.filter((entry) => entry.startsWith('listener'))).to.deep.equal([]);
    expect(h.deadLetters.slice(lettersAtKill).map((d) => [d.reason, d.message])).to.not.deep.include(['timeout', 'late reply']);
    expect(eventLog(h, ['failed', 'restarted', 'escalated'])).to.deep.equal([]);
    await shutdown(h);
  });

  it("cancels the killed incarnation's timers", async () => {
    const log: string[] = [];
    const { h, worker } = await startKillable(log);
    await h.scheduler.advanceBy(120);
    expect(log).to.deep.equal(['worker got beat', 'worker got beat']);

    worker.kill();
    await h.scheduler.advanceBy(1000);

    expect(log).to.deep.equal(['worker got beat', 'worker got beat']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('ends a child that waits out a backoff: no restart comes, and its queue becomes dead letters stopped', async () => {
    const log: string[] = [];
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(probe('w', log), { backoff: Backoff.linear({ stepMs: 500, maxMs: 500 }) }) w!: ActorRef;
    }
    const h = await startSystem(App);
    const w = refAt(h.system, '/app/w');
    log.length = 0;

    w.tell('fail');
    w.tell('queued');
    await h.scheduler.advanceBy(100);
    w.kill();
    await h.scheduler.advanceBy(1000);

    expect(log.filter((entry) => /start/i.test(entry))).to.deep.equal([]);
    expect(eventLog(h, ['restarted'])).to.deep.equal([]);
    expect(h.system.lookup('/app/w')).to.equal(undefined);
    expect(lettersOf(h)).to.deep.equal([
      ['failed', 'fail'],
      ['stopped', 'queued'],
    ]);
    await shutdown(h);
  });

  it('kills the children of a killed supervisor too, without afterStop', async () => {
    const log: string[] = [];
    @Supervisor()
    class Sub {
      @Child(probe('a', log)) a!: ActorRef;
      @Child(probe('b', log)) b!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Sub) sub!: ActorRef;
    }
    const h = await startSystem(App);
    const a = refAt(h.system, '/app/sub/a');
    log.length = 0;

    refAt(h.system, '/app/sub').kill();
    a.tell('late');
    await h.scheduler.advanceBy(1000);

    expect(log).to.deep.equal([]);
    expect(eventLog(h, ['stopped']).sort()).to.deep.equal(['stopped /app/sub', 'stopped /app/sub/a', 'stopped /app/sub/b']);
    expect(lettersOf(h)).to.deep.equal([['stopped', 'late']]);
    expect(h.system.tree().children).to.deep.equal([]);
    await shutdown(h);
  });
});
