/**
 * The order of lifecycle hooks around stops and restarts: a supervisor's afterStop runs after
 * its children have all stopped; a restart (bystanders included) stops the dynamic children
 * of the old incarnation; and an actor stopped for good during ActorSystem.start stays
 * stopped, and a killed system starts nothing more.
 */
import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { adopt, advanceUntil, killLeftovers, shutdown, startSystem, track } from './helpers';

describe('regressions (review): hooks around stops and restarts', function () {
  this.timeout(4000);
  afterEach(killLeftovers);

  it("runs a supervisor's afterStop after its children have all stopped when it exits with ctx.stop() and is restarted", async () => {
    const log: string[] = [];
    class Leaf {
      afterStop(): void {
        log.push('afterStop leaf');
      }
      @On(String)
      handle(): void {}
    }
    @Supervisor()
    class Sub {
      @Child(Leaf) leaf!: ActorRef;
      afterStop(): void {
        log.push('afterStop sub');
      }
      @On(String)
      handle(msg: string, ctx: Context): void {
        if (msg === 'quit') ctx.stop();
      }
    }
    @Supervisor()
    class App {
      @Child(Sub) sub!: ActorRef;
    }
    const h = await startSystem(App);
    h.system.lookup('/app/sub')!.tell('quit'); // permanent: a normal exit is restarted
    await advanceUntil(h.scheduler, () => log.length >= 2, 10, 20);
    expect(log).to.deep.equal(['afterStop leaf', 'afterStop sub']);
    await shutdown(h);
  });

  it('stops the dynamic children of a one-for-all bystander, including one it spawned in its afterStop, before its next incarnation runs', async () => {
    class Helper {
      @On(String)
      handle(): void {}
    }
    class Bystander {
      afterStop(ctx: Context): void {
        ctx.spawn(Helper, { name: 'helper' });
      }
      @On(String)
      handle(): void {}
    }
    class Failing {
      @On(String)
      handle(msg: string): void {
        if (msg === 'fail') throw new Error('fails on purpose');
      }
    }
    @Supervisor({ strategy: 'one-for-all' })
    class App {
      @Child(Bystander) bystander!: ActorRef;
      @Child(Failing) failing!: ActorRef;
    }
    const h = await startSystem(App);
    h.system.lookup('/app/failing')!.tell('fail');
    await advanceUntil(h.scheduler, () => h.events.some((e) => e.type === 'restarted' && e.path === '/app/failing'), 10, 20);
    await h.scheduler.advanceBy(10);
    const bystander = h.system.tree().children.find((c) => c.path === '/app/bystander')!;
    expect(bystander.restarts, 'the bystander was restarted').to.equal(1);
    expect(bystander.children.map((c) => c.path), "the new bystander's children").to.deep.equal([]);
    expect(h.system.lookup('/app/bystander/helper'), 'the old incarnation\'s helper').to.equal(undefined);
    await shutdown(h);
  });

  it('keeps a static child that kills itself in beforeStart during ActorSystem.start out of tree() and lookup(), with no started event after its stop', async () => {
    const events: string[] = [];
    class SelfKiller {
      beforeStart(ctx: Context): void {
        ctx.system.events$.subscribe((e) => events.push(`${e.type} ${e.path}`));
        ctx.self.kill();
      }
      @On(String)
      handle(): void {}
    }
    @Supervisor()
    class App {
      @Child(SelfKiller) killer!: ActorRef;
    }
    const system = adopt(await ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler() }));
    expect(system.lookup('/app/killer'), "lookup('/app/killer')").to.equal(undefined);
    expect(system.tree().children.map((c) => c.path), 'tree()').to.not.include('/app/killer');
    expect(events.filter((e) => e.endsWith('/app/killer'))).to.deep.equal(['stopped /app/killer']);
    system.kill();
  });

  it('constructs no further child once a beforeStart has called system.kill() during ActorSystem.start', async () => {
    const built: string[] = [];
    class Killer {
      beforeStart(ctx: Context): void {
        ctx.system.kill();
      }
      @On(String)
      handle(): void {}
    }
    class Later {
      constructor() {
        built.push('later');
      }
      @On(String)
      handle(): void {}
    }
    @Supervisor()
    class App {
      @Child(Killer) killer!: ActorRef;
      @Child(Later) later!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const starting = track(ActorSystem.start(App, { name: 'app', scheduler }));
    await scheduler.advanceBy(0);
    if (starting.value !== undefined) adopt(starting.value).kill();
    expect(starting.settled, 'ActorSystem.start settled').to.equal(true);
    expect(built, 'children constructed after the kill').to.deep.equal([]);
  });
});
