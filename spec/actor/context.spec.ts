import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, ActorSystem, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { killLeftovers, refAt, shutdown, startSystem, startWorker } from './helpers';

interface Seen {
  self: string;
  parent: string | undefined;
  path: string;
  system: ActorSystem;
  restarts: number;
}

function seen(ctx: Context): Seen {
  return { self: ctx.self.path, parent: ctx.parent?.path, path: ctx.path, system: ctx.system, restarts: ctx.restarts };
}

describe('Context: identity members', () => {
  afterEach(killLeftovers);

  it('gives a child its self ref, path, parent ref, system, and 0 restarts', async () => {
    class Worker {
      @On(String)
      inspect(_: string, ctx: Context): Seen {
        return seen(ctx);
      }
    }
    const h = await startWorker(Worker);

    const ctx = await h.ref.ask<Seen>('inspect');

    expect(ctx.self).to.equal('/app/worker');
    expect(ctx.path).to.equal('/app/worker');
    expect(ctx.parent).to.equal('/app');
    expect(ctx.system).to.equal(h.system);
    expect(ctx.restarts).to.equal(0);
    await shutdown(h);
  });

  it('gives the root no parent', async () => {
    @Supervisor()
    class App {
      @On(String)
      inspect(_: string, ctx: Context): Seen {
        return seen(ctx);
      }
    }
    const h = await startSystem(App);

    const ctx = await h.system.root.ask<Seen>('inspect');

    expect(ctx.parent).to.equal(undefined);
    expect(ctx.path).to.equal('/app');
    expect(ctx.self).to.equal('/app');
    await shutdown(h);
  });

  it('gives a nested child the ref of its own supervisor as parent', async () => {
    class Leaf {
      @On(String)
      inspect(_: string, ctx: Context): Seen {
        return seen(ctx);
      }
    }
    @Supervisor()
    class Branch {
      @Child(Leaf) leaf!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Branch) branch!: ActorRef;
    }
    const h = await startSystem(App);

    const ctx = await refAt(h.system, '/app/branch/leaf').ask<Seen>('inspect');

    expect(ctx.parent).to.equal('/app/branch');
    expect(ctx.path).to.equal('/app/branch/leaf');
    await shutdown(h);
  });

  it('delivers messages told to ctx.self and ctx.parent', async () => {
    const log: string[] = [];
    class Worker {
      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(`worker ${msg}`);
        if (msg === 'go') {
          ctx.self.tell('to self');
          ctx.parent?.tell(42);
        }
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;

      @On(Number)
      handle(n: number): void {
        log.push(`app ${n}`);
      }
    }
    const h = await startSystem(App);

    refAt(h.system, '/app/worker').tell('go');
    await settle();

    expect(log).to.have.members(['worker go', 'worker to self', 'app 42']);
    await shutdown(h);
  });

  it('counts restarts: 1 in the next incarnation after a failure', async () => {
    class Fragile {
      @On(String)
      handle(msg: string, ctx: Context): number {
        if (msg === 'fail') throw new Error('boom');
        return ctx.restarts;
      }
    }
    const h = await startWorker(Fragile);

    expect(await h.ref.ask('count')).to.equal(0);
    h.ref.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(await h.ref.ask('count')).to.equal(1);
    await shutdown(h);
  });
});
