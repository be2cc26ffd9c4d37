import { expect } from 'chai';
import { Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { Slow, deferred, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, track, without } from './helpers';

describe('restart mechanics', () => {
  afterEach(killLeftovers);

  it('dead-letters the failing message as failed and does not redeliver it; its ask rejects with the error', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(probe('w', log)) w!: ActorRef;
    }
    const h = await startSystem(App);
    const w = refAt(h.system, '/app/w');

    const reply = track(w.ask('fail'));
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect((reply.error as Error).message).to.equal('w failed');
    expect(h.deadLetters.map((d) => [d.reason, d.message, d.path])).to.deep.equal([['failed', 'fail', '/app/w']]);
    expect(log.filter((entry) => /restart/i.test(entry))).to.deep.equal(['beforeRestart w', 'restart w']);
    expect(await w.ask('who')).to.equal('w#2 restarts 1');
    await shutdown(h);
  });

  it('restarts as a scheduler action: nothing happens until virtual time is advanced', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(probe('w', log)) w!: ActorRef;
    }
    const h = await startSystem(App);
    log.length = 0;

    refAt(h.system, '/app/w').tell('fail');
    refAt(h.system, '/app/w').tell('next');
    await settle();
    expect(without(log, 'beforeRestart w')).to.deep.equal([]);

    await h.scheduler.advanceBy(0);
    expect(without(log, 'beforeRestart w')).to.deep.equal(['restart w', 'w got next']);
    await shutdown(h);
  });

  it('suspends the mailbox while the restart is pending: messages queue and reach the new instance in order', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(probe('w', log), { backoff: Backoff.linear({ stepMs: 100, maxMs: 100 }) }) w!: ActorRef;
    }
    const h = await startSystem(App);
    const w = refAt(h.system, '/app/w');
    log.length = 0;

    w.tell('fail');
    w.tell('a');
    await h.scheduler.advanceBy(50);
    w.tell('b');
    w.tell('c');
    await h.scheduler.advanceBy(49);
    expect(without(log, 'beforeRestart w')).to.deep.equal([]);
    expect(h.system.tree().children[0].mailboxSize).to.equal(3);

    await h.scheduler.advanceBy(1);

    expect(without(log, 'beforeRestart w')).to.deep.equal(['restart w', 'w got a', 'w got b', 'w got c']);
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    await shutdown(h);
  });

  it('cancels the timers of the old incarnation (schedule and every)', async () => {
    const log: string[] = [];
    let made = 0;
    class Ticker {
      private readonly id = ++made;

      beforeStart(ctx: Context): void {
        ctx.schedule(100, 'tick');
        ctx.every(30, 'beat');
      }

      afterRestart(): void {
        log.push(`restart ${this.id}`);
      }

      @On(String)
      handle(msg: string): void {
        if (msg === 'fail') throw new Error('ticker failed');
        log.push(`${this.id} ${msg}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Ticker) ticker!: ActorRef;
    }
    const h = await startSystem(App);

    await h.scheduler.advanceBy(60);
    refAt(h.system, '/app/ticker').tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(500);

    expect(log).to.deep.equal(['1 beat', '1 beat', 'restart 2']);
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    await shutdown(h);
  });

  it('drops a timer message that the old incarnation had queued, without a dead letter', async () => {
    const log: string[] = [];
    let made = 0;
    class Worker {
      private readonly id = ++made;

      @On(String)
      handle(msg: string, ctx: Context): void {
        if (msg === 'arm') ctx.schedule(10, 'tick');
        log.push(`${this.id} ${msg}`);
      }

      @On(Slow)
      async slow(msg: Slow): Promise<void> {
        await msg.gate;
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }
    const h = await startSystem(App);
    const worker = refAt(h.system, '/app/worker');
    const gate = deferred();

    worker.tell('arm');
    worker.tell(new Slow('busy', gate.promise));
    await h.scheduler.advanceBy(10); // the tick fires and queues behind the busy handler
    expect(h.system.tree().children[0].mailboxSize).to.equal(1);
    worker.tell('after');
    gate.reject(new Error('busy failed'));
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);

    expect(log).to.deep.equal(['1 arm', '2 after']);
    expect(lettersOf(h).map(([reason]) => reason)).to.deep.equal(['failed']);
    await shutdown(h);
  });

  it('stops the dynamic children before the new instance starts, and they do not come back', async () => {
    const log: string[] = [];
    class Kid {
      afterStop(ctx: Context): void {
        log.push(`stop ${ctx.path}`);
      }

      @On(String)
      echo(msg: string): string {
        return msg;
      }
    }
    class Parent {
      beforeRestart(): void {
        log.push('beforeRestart parent');
      }

      afterRestart(): void {
        log.push('restart parent');
      }

      @On(String)
      handle(msg: string, ctx: Context): string {
        if (msg === 'fail') throw new Error('parent failed');
        return ctx.spawn(Kid, { name: msg }).path;
      }
    }
    @Supervisor()
    class App {
      @Child(Parent) parent!: ActorRef;
    }
    const h = await startSystem(App);
    const parent = refAt(h.system, '/app/parent');
    await parent.ask('k1');
    await parent.ask('k2');
    const k1 = refAt(h.system, '/app/parent/k1');

    parent.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log[0]).to.equal('beforeRestart parent');
    expect(log.slice(1, 3)).to.have.members(['stop /app/parent/k1', 'stop /app/parent/k2']);
    expect(log.slice(3)).to.deep.equal(['restart parent']);
    expect(h.system.lookup('/app/parent/k1')).to.equal(undefined);
    expect(h.system.lookup('/app/parent/k2')).to.equal(undefined);
    expect(h.system.tree().children[0].children).to.deep.equal([]);
    k1.tell('hello');
    await settle();
    expect(lettersOf(h, '/app/parent/k1')).to.deep.equal([['stopped', 'hello']]);
    expect(await parent.ask('k1'), 'the name is free again').to.equal('/app/parent/k1');
    await shutdown(h);
  });

  it('rebuilds, on a restart of the supervisor, a static child that was stopped earlier with ref.stop()', async () => {
    const log: string[] = [];
    @Supervisor()
    class Mid {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(probe('c2', log)) c2!: ActorRef;

      @On(String)
      handle(): void {
        throw new Error('mid failed');
      }
    }
    @Supervisor()
    class App {
      @Child(Mid) mid!: ActorRef;
    }
    const h = await startSystem(App);
    await refAt(h.system, '/app/mid/c2').stop();
    expect(h.system.lookup('/app/mid/c2')).to.equal(undefined);
    log.length = 0;

    refAt(h.system, '/app/mid').tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['stop c1', 'start c1', 'start c2']);
    expect(await refAt(h.system, '/app/mid/c2').ask('who')).to.match(/^c2#2 /);
    expect(h.system.tree().children[0].children.map((node) => node.path)).to.deep.equal(['/app/mid/c1', '/app/mid/c2']);
    await shutdown(h);
  });
});
