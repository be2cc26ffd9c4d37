import { expect } from 'chai';
import { ActorSystem, Child, Context, On, Supervisor } from '../../lib';
import type { ActorRef, SystemEvent } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { record } from './helpers';

describe('system.events$', () => {
  class Boom {}
  class Stray {}

  it("emits 'started' for each actor on start, with its path and scheduler.now()", async () => {
    const scheduler = new VirtualScheduler();
    await scheduler.advanceBy(500);
    const events: SystemEvent[] = [];
    class Leaf {}
    @Supervisor()
    class Inner {
      @Child(Leaf) c!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Leaf) a!: ActorRef;
      @Child(Inner) inner!: ActorRef;
      @Child(Leaf) b!: ActorRef;
      beforeStart(ctx: Context) {
        ctx.system.events$.subscribe((event) => events.push(event));
      }
    }

    const system = await ActorSystem.start(App, { scheduler });

    const started = events.filter((e) => e.type === 'started');
    const leaves = started.map((e) => e.path).filter((p) => ['/app/a', '/app/inner/c', '/app/b'].includes(p));
    expect(leaves).to.deep.equal(['/app/a', '/app/inner/c', '/app/b']);
    expect(started.map((e) => e.path)).to.include('/app/inner');
    expect(started.every((e) => e.time === 500)).to.equal(true);
    await system.shutdown();
  });

  it("emits 'started' for a spawned actor", async () => {
    @Supervisor()
    class App {}
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    await scheduler.advanceBy(40);
    const events = record(system.events$);

    system.spawn(class Spawned {}, { name: 'late' });
    await scheduler.advanceBy(0);

    expect(events.filter((e) => e.type === 'started').map((e) => ({ path: e.path, time: e.time }))).to.deep.equal([
      { path: '/app/late', time: 40 },
    ]);
    await system.shutdown();
  });

  it("emits 'stopped' for each actor on shutdown, children before their supervisor", async () => {
    class Leaf {}
    @Supervisor()
    class Inner {
      @Child(Leaf) c!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Leaf) a!: ActorRef;
      @Child(Inner) inner!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    await scheduler.advanceBy(70);
    const events = record(system.events$);

    await system.shutdown();

    const stopped = events.filter((e) => e.type === 'stopped');
    expect(stopped.map((e) => e.path)).to.deep.equal(['/app/inner/c', '/app/inner', '/app/a', '/app']);
    expect(stopped.every((e) => e.time === 70)).to.equal(true);
  });

  it("emits 'failed' with the error and the message, then 'restarted' once the scheduler runs the restart", async () => {
    const error = new Error('kaput');
    class Fragile {
      @On(Boom) boom() {
        throw error;
      }
    }
    @Supervisor()
    class App {
      @Child(Fragile) fragile!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    await scheduler.advanceBy(250);
    const events = record(system.events$);
    const boom = new Boom();

    system.lookup('/app/fragile')!.tell(boom);
    await scheduler.advanceBy(0);

    const failed = events.filter((e) => e.type === 'failed');
    expect(failed).to.have.length(1);
    expect(failed[0]).to.include({ path: '/app/fragile', error, message: boom, time: 250 });
    expect(scheduler.now()).to.equal(250);
    const restarted = events.filter((e) => e.type === 'restarted');
    expect(restarted.map((e) => ({ path: e.path, time: e.time }))).to.deep.equal([{ path: '/app/fragile', time: 250 }]);
    expect(events.findIndex((e) => e.type === 'failed')).to.be.lessThan(events.findIndex((e) => e.type === 'restarted'));
    await system.shutdown();
  });

  it("does not emit 'restarted' before the scheduler runs the restart", async () => {
    class Fragile {
      @On(Boom) boom() {
        throw new Error('kaput');
      }
    }
    @Supervisor()
    class App {
      @Child(Fragile) fragile!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    const events = record(system.events$);

    system.lookup('/app/fragile')!.tell(new Boom());
    await settle();

    expect(events.map((e) => e.type)).to.include('failed');
    expect(events.map((e) => e.type)).to.not.include('restarted');
    await scheduler.advanceBy(0);
    expect(events.map((e) => e.type)).to.include('restarted');
    await system.shutdown();
  });

  it("emits 'dead-letter' with the path, the reason and the message", async () => {
    class Quiet {
      @On(Boom) boom() {
        throw new Error('kaput');
      }
    }
    @Supervisor()
    class App {
      @Child(Quiet) quiet!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    await scheduler.advanceBy(90);
    const events = record(system.events$);
    const stray = new Stray();
    const boom = new Boom();

    system.lookup('/app/quiet')!.tell(stray);
    system.lookup('/app/quiet')!.tell(boom);
    await scheduler.advanceBy(0);

    const deadLetters = events.filter((e) => e.type === 'dead-letter');
    expect(deadLetters.map((e) => ({ path: e.path, reason: e.reason, time: e.time }))).to.deep.equal([
      { path: '/app/quiet', reason: 'unhandled', time: 90 },
      { path: '/app/quiet', reason: 'failed', time: 90 },
    ]);
    expect(deadLetters[0].message).to.equal(stray);
    expect(deadLetters[1].message).to.equal(boom);
    await system.shutdown();
  });
});
