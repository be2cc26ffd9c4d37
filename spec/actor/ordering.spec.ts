import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { adopt, deferred, killLeftovers, shutdown, startSystem, startWorker, track } from './helpers';

describe('actor ordering: no re-entrancy, and messages told before start', () => {
  afterEach(killLeftovers);

  it('queues a message an actor tells itself behind the current one (no re-entrancy)', async () => {
    const log: string[] = [];
    class Worker {
      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(`start ${msg}`);
        if (msg === 'a') ctx.self.tell('b');
        log.push(`end ${msg}`);
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell('a');
    await settle();

    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b']);
    await shutdown(h);
  });

  it('puts a self-told message behind the messages already queued', async () => {
    const log: string[] = [];
    class Worker {
      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(msg);
        if (msg === 'first') ctx.self.tell('from self');
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell('first');
    h.ref.tell('second');
    h.ref.tell('third');
    await settle();

    expect(log).to.deep.equal(['first', 'second', 'third', 'from self']);
    await shutdown(h);
  });

  it('delivers, in order, messages told to a spawned actor while its async beforeStart runs', async () => {
    const log: string[] = [];
    const ready = deferred();
    class Slow {
      async beforeStart(): Promise<void> {
        log.push('beforeStart begin');
        await ready.promise;
        log.push('beforeStart end');
      }

      @On(Number)
      handle(n: number): void {
        log.push(`handle ${n}`);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);

    const ref = h.system.spawn(Slow, { name: 'slow' });
    ref.tell(1);
    ref.tell(2);
    ref.tell(3);
    await settle();
    expect(log).to.deep.equal(['beforeStart begin']);

    ready.resolve();
    await settle();
    expect(log).to.deep.equal(['beforeStart begin', 'beforeStart end', 'handle 1', 'handle 2', 'handle 3']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it("delivers messages a supervisor tells its children in its own beforeStart, after they start", async () => {
    const log: string[] = [];
    const ready = deferred();
    class Worker {
      async beforeStart(): Promise<void> {
        log.push('worker beforeStart begin');
        await ready.promise;
        log.push('worker beforeStart end');
      }

      @On(String)
      handle(msg: string): void {
        log.push(`worker ${msg}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;

      beforeStart(): void {
        log.push('app beforeStart');
        this.worker.tell('one');
        this.worker.tell('two');
      }
    }
    const scheduler = new VirtualScheduler();
    const starting = track(ActorSystem.start(App, { name: 'app', scheduler }));
    await settle();
    expect(log).to.deep.equal(['app beforeStart', 'worker beforeStart begin']);
    expect(starting.settled).to.equal(false);

    ready.resolve();
    await settle();
    expect(starting.settled).to.equal(true);
    expect(starting.error).to.equal(undefined);
    const system = adopt(starting.value as ActorSystem);
    expect(log).to.deep.equal([
      'app beforeStart',
      'worker beforeStart begin',
      'worker beforeStart end',
      'worker one',
      'worker two',
    ]);
    await system.shutdown();
  });

  it('keeps the order of each sender when two actors tell the same target', async () => {
    const received: string[] = [];
    class Target {
      @On(String)
      handle(msg: string): void {
        received.push(msg);
      }
    }
    class Sender {
      @On(Number)
      send(count: number, ctx: Context): void {
        const target = ctx.system.lookup('/app/target') as ActorRef;
        for (let i = 0; i < count; i++) target.tell(`${ctx.path} ${i}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Target) target!: ActorRef;
      @Child(Sender) a!: ActorRef;
      @Child(Sender) b!: ActorRef;
    }
    const h = await startSystem(App);

    (h.system.lookup('/app/a') as ActorRef).tell(5);
    (h.system.lookup('/app/b') as ActorRef).tell(5);
    await settle();

    const from = (path: string) => received.filter((msg) => msg.startsWith(`${path} `));
    expect(received).to.have.length(10);
    expect(from('/app/a')).to.deep.equal(['/app/a 0', '/app/a 1', '/app/a 2', '/app/a 3', '/app/a 4']);
    expect(from('/app/b')).to.deep.equal(['/app/b 0', '/app/b 1', '/app/b 2', '/app/b 3', '/app/b 4']);
    await shutdown(h);
  });
});
