import { expect } from 'chai';
import { On } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, lettersOf, refAt, shutdown, startWorker } from './helpers';

describe('Context: spawn and stop', () => {
  afterEach(killLeftovers);

  it('spawns a dynamic child at <path>/<name> that lookup finds and that works', async () => {
    class Kid {
      @On(String)
      inspect(msg: string, ctx: Context): string {
        return `${msg} from ${ctx.path}, child of ${ctx.parent?.path}`;
      }
    }
    class Worker {
      @On(String)
      spawn(name: string, ctx: Context): string {
        return ctx.spawn(Kid, { name }).path;
      }
    }
    const h = await startWorker(Worker);

    const path = await h.ref.ask<string>('kid');

    expect(path).to.equal('/app/worker/kid');
    const kid = refAt(h.system, '/app/worker/kid');
    expect(await kid.ask('hello')).to.equal('hello from /app/worker/kid, child of /app/worker');
    const worker = h.system.tree().children.find((node) => node.path === '/app/worker');
    expect(worker?.children.map((node) => node.path)).to.deep.equal(['/app/worker/kid']);
    await shutdown(h);
  });

  it('gives children spawned without a name distinct paths under the parent', async () => {
    class Kid {}
    class Worker {
      @On(String)
      spawn(_: string, ctx: Context): string[] {
        return [ctx.spawn(Kid).path, ctx.spawn(Kid).path];
      }
    }
    const h = await startWorker(Worker);

    const [first, second] = await h.ref.ask<string[]>('spawn two');

    expect(first).to.match(/^\/app\/worker\/[^/]+$/);
    expect(second).to.match(/^\/app\/worker\/[^/]+$/);
    expect(first).to.not.equal(second);
    expect(h.system.lookup(first)).to.not.equal(undefined);
    expect(h.system.lookup(second)).to.not.equal(undefined);
    await shutdown(h);
  });

  it('stop() exits after the current message; a transient child is not restarted', async () => {
    const log: string[] = [];
    class Quitter {
      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(`start ${msg}`);
        if (msg === 'quit') ctx.stop();
        log.push(`end ${msg}`);
      }

      afterStop(): void {
        log.push('afterStop');
      }
    }
    const h = await startWorker(Quitter, { restart: 'transient' });

    h.ref.tell('quit');
    h.ref.tell('next');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(log).to.deep.equal(['start quit', 'end quit', 'afterStop']);
    expect(lettersOf(h)).to.deep.equal([['stopped', 'next']]);
    expect(h.system.lookup('/app/worker')).to.equal(undefined);
    expect(h.events.filter((event) => event.type === 'restarted')).to.deep.equal([]);
    await shutdown(h);
  });

  it('stop() in an async handler takes effect once that handler has settled', async () => {
    const log: string[] = [];
    const gate = deferred();
    class Quitter {
      @On(String)
      async handle(msg: string, ctx: Context): Promise<void> {
        log.push(`start ${msg}`);
        if (msg === 'quit') {
          ctx.stop();
          await gate.promise;
        }
        log.push(`end ${msg}`);
      }

      afterStop(): void {
        log.push('afterStop');
      }
    }
    const h = await startWorker(Quitter, { restart: 'temporary' });

    h.ref.tell('quit');
    h.ref.tell('next');
    await h.scheduler.advanceBy(0);
    expect(log).to.deep.equal(['start quit']);

    gate.resolve();
    await h.scheduler.advanceBy(0);
    await settle();
    expect(log).to.deep.equal(['start quit', 'end quit', 'afterStop']);
    expect(lettersOf(h)).to.deep.equal([['stopped', 'next']]);
    await shutdown(h);
  });

  it('stop() of a permanent child restarts it, and its queued messages go to the next incarnation', async () => {
    const log: string[] = [];
    let incarnation = 0;
    class Quitter {
      private readonly id = ++incarnation;

      beforeStart(): void {
        log.push(`beforeStart ${this.id}`);
      }

      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(`${this.id} ${msg} (restarts ${ctx.restarts})`);
        if (msg === 'quit') ctx.stop();
      }

      afterStop(): void {
        log.push(`afterStop ${this.id}`);
      }
    }
    const h = await startWorker(Quitter);

    h.ref.tell('quit');
    h.ref.tell('next');
    await h.scheduler.advanceBy(0);
    await settle();

    expect(log).to.deep.equal([
      'beforeStart 1',
      '1 quit (restarts 0)',
      'afterStop 1',
      'beforeStart 2',
      '2 next (restarts 1)',
    ]);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('stops dynamic children together with their parent', async () => {
    const log: string[] = [];
    class Kid {
      afterStop(ctx: Context): void {
        log.push(`afterStop ${ctx.path}`);
      }
    }
    class Worker {
      @On(String)
      spawn(name: string, ctx: Context): void {
        ctx.spawn(Kid, { name });
      }
    }
    const h = await startWorker(Worker);
    await h.ref.ask('kid');
    const kid: ActorRef = refAt(h.system, '/app/worker/kid');

    await h.ref.stop();

    expect(log).to.deep.equal(['afterStop /app/worker/kid']);
    expect(h.system.lookup('/app/worker/kid')).to.equal(undefined);
    kid.tell('ignored');
    await settle();
    expect(lettersOf(h)).to.deep.equal([['stopped', 'ignored']]);
    await shutdown(h);
  });
});
