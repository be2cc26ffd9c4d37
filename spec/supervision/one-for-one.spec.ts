import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem } from './helpers';

describe('one-for-one', () => {
  afterEach(killLeftovers);

  it('restarts only the failed child; its siblings keep running with their state', async () => {
    const log: string[] = [];
    @Supervisor({ strategy: 'one-for-one' })
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(probe('c2', log)) c2!: ActorRef;
      @Child(probe('c3', log)) c3!: ActorRef;
    }
    const h = await startSystem(App);
    const [c1, c2, c3] = ['c1', 'c2', 'c3'].map((name) => refAt(h.system, `/app/${name}`));
    expect(await c1.ask('count')).to.equal(1);
    expect(await c3.ask('count')).to.equal(1);
    log.length = 0;

    c2.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['beforeRestart c2', 'restart c2']);
    expect(eventLog(h)).to.deep.equal(['failed /app/c2', 'restarted /app/c2']);
    expect(await c1.ask('count')).to.equal(2);
    expect(await c3.ask('count')).to.equal(2);
    expect(await c2.ask('count'), 'the new c2 instance starts from scratch').to.equal(1);
    expect(await c1.ask('who')).to.equal('c1#1 restarts 0');
    expect(await c2.ask('who')).to.equal('c2#2 restarts 1');
    expect(await c3.ask('who')).to.equal('c3#1 restarts 0');
    expect(h.system.tree().children.map((node) => [node.path, node.restarts])).to.deep.equal([
      ['/app/c1', 0],
      ['/app/c2', 1],
      ['/app/c3', 0],
    ]);
    await shutdown(h);
  });

  it('keeps the ref and the queue: the messages behind the failing one reach the new instance in order', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
    }
    const h = await startSystem(App);
    const c1 = refAt(h.system, '/app/c1');
    log.length = 0;

    c1.tell('a');
    c1.tell('fail');
    c1.tell('b');
    c1.tell('c');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['c1 got a', 'beforeRestart c1', 'restart c1', 'c1 got b', 'c1 got c']);
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    expect(await c1.ask('who'), 'the same ref reaches the new instance').to.equal('c1#2 restarts 1');
    await shutdown(h);
  });

  it('passes the error and the failing message to beforeRestart, the error to afterRestart', async () => {
    const seen: unknown[][] = [];
    class Worker {
      beforeRestart(ctx: Context, error: unknown, message: unknown): void {
        seen.push(['beforeRestart', (error as Error).message, message, ctx.restarts]);
      }

      afterRestart(ctx: Context, error: unknown): void {
        seen.push(['afterRestart', (error as Error).message, ctx.restarts]);
      }

      @On(String)
      handle(msg: string): void {
        throw new Error(`cannot ${msg}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }
    const h = await startSystem(App);

    refAt(h.system, '/app/worker').tell('jump');
    await h.scheduler.advanceBy(0);

    expect(seen).to.deep.equal([
      ['beforeRestart', 'cannot jump', 'jump', 0],
      ['afterRestart', 'cannot jump', 1],
    ]);
    const failed = h.events.find((e) => e.type === 'failed');
    expect(failed?.path).to.equal('/app/worker');
    expect((failed?.error as Error).message).to.equal('cannot jump');
    expect(failed?.message).to.equal('jump');
    await shutdown(h);
  });

  it('restarts a child whose async handler rejects, like one that throws', async () => {
    const log: string[] = [];
    class Worker {
      afterRestart(ctx: Context): void {
        log.push(`restart ${ctx.restarts}`);
      }

      @On(String)
      async handle(msg: string): Promise<string> {
        await Promise.resolve();
        if (msg === 'fail') throw new Error('async failure');
        log.push(`got ${msg}`);
        return msg;
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }
    const h = await startSystem(App);
    const worker = refAt(h.system, '/app/worker');

    const failing = worker.ask('fail').catch((error: Error) => error.message);
    worker.tell('after');
    await h.scheduler.advanceBy(0);

    expect(await failing).to.equal('async failure');
    expect(log).to.deep.equal(['restart 1', 'got after']);
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    await shutdown(h);
  });
});

