/**
 * Review 2 probes: behaviours of the one-delivery-path change checked against DESIGN.md.
 */
import { expect } from 'chai';
import { ActorSystem, Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { adopt, killLeftovers, lettersOf, shutdown, startSystem, track } from './helpers';

describe('regressions (review 2)', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('starts nothing for a static child that an earlier sibling killed during ActorSystem.start', async () => {
    const log: string[] = [];
    class Killer {
      beforeStart(ctx: Context): void {
        ctx.system.lookupActor('/app/victim')!.kill();
      }
      @On(String)
      handle(): void {}
    }
    class Victim {
      constructor() {
        log.push('constructed');
      }
      beforeStart(): void {
        log.push('beforeStart');
      }
      @On(String)
      handle(m: string): void {
        log.push(`got ${m}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Killer) killer!: ActorRef;
      @Child(Victim) victim!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const starting = track(ActorSystem.start(App, { name: 'app', scheduler }));
    await scheduler.advanceBy(0);
    expect(starting.settled, 'start settled').to.equal(true);
    const system = adopt(starting.value!);
    expect(log, 'what the killed child did').to.deep.equal([]);
    const tree = system.tree().children.map((c) => c.path);
    expect(tree, 'tree()').to.not.include('/app/victim');
    system.kill();
  });

  it('handles the queue and runs afterStop for a static child that an earlier sibling stopped gracefully during ActorSystem.start', async () => {
    const log: string[] = [];
    class Stopper {
      beforeStart(ctx: Context): void {
        const victim = ctx.system.lookupActor('/app/victim')!;
        victim.tell('queued');
        void victim.stop();
      }
      @On(String)
      handle(): void {}
    }
    class Victim {
      beforeStart(): void {
        log.push('beforeStart');
      }
      afterStop(): void {
        log.push('afterStop');
      }
      @On(String)
      handle(m: string): void {
        log.push(`got ${m}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Stopper) stopper!: ActorRef;
      @Child(Victim) victim!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const starting = track(ActorSystem.start(App, { name: 'app', scheduler }));
    await scheduler.advanceBy(0);
    const system = adopt(starting.value!);
    await scheduler.advanceBy(0);
    // DESIGN (stop is graceful) / CHANGELOG ("a graceful stop before or during the start lets
    // the start finish, handles the queue, then runs afterStop"); anything else must at least
    // not leave a started instance with no afterStop.
    expect(log, 'lifecycle of the stopped child').to.deep.equal(['beforeStart', 'got queued', 'afterStop']);
    system.kill();
  });

  it("keeps a failed actor's timer ticks out of its bounded mailbox while it waits out its backoff", async () => {
    class Tick {}
    const got: string[] = [];
    class Ticker {
      beforeStart(ctx: Context): void {
        ctx.every(10, new Tick());
      }
      @On(Tick)
      tick(): void {}
      @On(String)
      handle(m: string): void {
        if (m === 'fail') throw new Error('boom');
        got.push(m);
      }
    }
    @Supervisor()
    class App {
      @Child(Ticker, { mailbox: { capacity: 3, overflow: 'drop-newest' }, backoff: Backoff.linear({ stepMs: 1000, maxMs: 1000 }) })
      ticker!: ActorRef;
    }
    const h = await startSystem(App);
    const ticker = h.system.lookupActor('/app/ticker')!;
    ticker.tell('fail');
    await h.scheduler.advanceBy(500); // half-way through the backoff: the old incarnation's timer kept ticking
    ticker.tell('user message');
    await h.scheduler.advanceBy(600);
    expect(lettersOf(h, '/app/ticker').filter(([, message]) => typeof message === 'string'), "the user's messages dead-lettered").to.deep.equal([
      ['failed', 'fail'],
    ]);
    expect(got, 'handled after the restart').to.deep.equal(['user message']);
    await shutdown(h);
  });

  // Contract question rather than a plain bug: DESIGN (Supervision, Restart policies) says a ref
  // to a child stopped for good stays a dead-letter sink; the change makes refs addresses, so a
  // stale ref reaches (and can stop) whatever actor takes the path next.
  it('keeps a ref to a spawned child that stopped for good a dead-letter sink when a new child takes its name', async () => {
    const got: string[] = [];
    class Worker {
      @On(String)
      handle(m: string): void {
        got.push(m);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const first = h.system.spawn(Worker, { name: 'w' });
    await h.scheduler.advanceBy(0);
    await first.stop();
    const second = h.system.spawn(Worker, { name: 'w' });
    await h.scheduler.advanceBy(0);
    first.tell('to the old one');
    await h.scheduler.advanceBy(0);
    expect(got, 'handled by the new actor').to.deep.equal([]);
    expect(lettersOf(h, '/app/w'), 'dead letters').to.deep.equal([['stopped', 'to the old one']]);
    void first.stop(); // DESIGN: a no-op on a child already stopped for good
    await h.scheduler.advanceBy(0);
    expect(h.system.lookup('/app/w'), 'the new child, after stop() of the old ref').to.equal(second);
    await shutdown(h);
  });
});
