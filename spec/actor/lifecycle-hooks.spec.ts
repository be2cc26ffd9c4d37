import { expect } from 'chai';
import { ActorSystem, Child, Supervisor } from '../../lib';
import type { ActorClass, ActorRef, Context } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { adopt, deferred, killLeftovers, shutdown, startSystem, track } from './helpers';

/** Lets a few promise turns pass, so an async hook really is in progress for a while. */
async function someTurns(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** An actor class whose constructor and async hooks log under `name`. */
function logging(name: string, log: string[]): ActorClass {
  return class {
    constructor() {
      log.push(`construct ${name}`);
    }

    async beforeStart(): Promise<void> {
      log.push(`start ${name} begin`);
      await someTurns();
      log.push(`start ${name} end`);
    }

    async afterStop(): Promise<void> {
      log.push(`stop ${name} begin`);
      await someTurns();
      log.push(`stop ${name} end`);
    }
  };
}

describe('lifecycle hooks and start/stop order', () => {
  afterEach(killLeftovers);

  it('starts children in declaration order, each async beforeStart done before the next is constructed', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(logging('a', log)) a!: ActorRef;
      @Child(logging('b', log)) b!: ActorRef;
      @Child(logging('c', log)) c!: ActorRef;

      beforeStart(): void {
        log.push('start app');
      }
    }

    const h = await startSystem(App);

    expect(log).to.deep.equal([
      'start app',
      'construct a',
      'start a begin',
      'start a end',
      'construct b',
      'start b begin',
      'start b end',
      'construct c',
      'start c begin',
      'start c end',
    ]);
    await shutdown(h);
  });

  it('stops children in reverse order on shutdown, one at a time, then the supervisor', async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(logging('a', log)) a!: ActorRef;
      @Child(logging('b', log)) b!: ActorRef;
      @Child(logging('c', log)) c!: ActorRef;

      afterStop(): void {
        log.push('stop app');
      }
    }
    const h = await startSystem(App);
    log.length = 0;

    await shutdown(h);

    expect(log).to.deep.equal([
      'stop c begin',
      'stop c end',
      'stop b begin',
      'stop b end',
      'stop a begin',
      'stop a end',
      'stop app',
    ]);
  });

  it('walks a nested tree depth-first: start in declaration order, stop in exact reverse', async () => {
    const log: string[] = [];
    @Supervisor()
    class Branch {
      @Child(logging('x', log)) x!: ActorRef;
      @Child(logging('y', log)) y!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(logging('first', log)) first!: ActorRef;
      @Child(Branch) branch!: ActorRef;
      @Child(logging('last', log)) last!: ActorRef;
    }

    const h = await startSystem(App);
    const started = log.filter((line) => line.endsWith(' end'));
    log.length = 0;
    await shutdown(h);
    const stopped = log.filter((line) => line.endsWith(' end'));

    expect(started).to.deep.equal(['start first end', 'start x end', 'start y end', 'start last end']);
    expect(stopped).to.deep.equal(['stop last end', 'stop y end', 'stop x end', 'stop first end']);
  });

  it('resolves ActorSystem.start only after every async beforeStart has completed', async () => {
    const ready = deferred();
    class Slow {
      async beforeStart(): Promise<void> {
        await ready.promise;
      }
    }
    @Supervisor()
    class App {
      @Child(Slow) slow!: ActorRef;
    }

    const starting = track(ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler() }));
    await settle();
    expect(starting.settled).to.equal(false);

    ready.resolve();
    await settle();
    expect(starting.settled).to.equal(true);
    await adopt(starting.value as ActorSystem).shutdown();
  });

  it("sets the @Child refs before the supervisor's beforeStart, and passes the context to the hooks", async () => {
    const seen: string[] = [];
    class Worker {
      beforeStart(ctx: Context): void {
        seen.push(`worker beforeStart ${ctx.path}`);
      }

      afterStop(ctx: Context): void {
        seen.push(`worker afterStop ${ctx.path}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;

      beforeStart(ctx: Context): void {
        seen.push(`app beforeStart ${ctx.path} child ${this.worker?.path}`);
      }
    }

    const h = await startSystem(App);
    await shutdown(h);

    expect(seen).to.deep.equal([
      'app beforeStart /app child /app/worker',
      'worker beforeStart /app/worker',
      'worker afterStop /app/worker',
    ]);
  });
});
