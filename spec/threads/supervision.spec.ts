import { expect } from 'chai';
import { Actor, Child, EscalationError, On, Supervisor, WorkerDiedError } from '../../lib';
import type { ActorRef, DeadLetter, GroupRef } from '../../lib';
import { killLeftovers, startSystem, type Harness } from '../support/harness';
import { pumpDueActions, until } from './support';
import { Uneven, Count, Crash, ExitWorker, Here, LastError, Probe, ReportTo, Restartable, ThrowLater, Ticker, Ticks, WatchIt, Seen, WhereAreYou } from './fixtures/actors';

/** What the main-thread recorder heard, across systems. */
const recorded: string[] = [];

@Actor()
class Recorder {
  @On(String)
  record(text: string): void {
    recorded.push(text);
  }
}

@Supervisor({ strategy: 'one-for-one', maxRestarts: 100, withinMs: 1000 })
class Tree {
  @Child(Recorder)
  recorder!: ActorRef;

  @Child(Restartable, { thread: true })
  restartable!: ActorRef;

  @Child(Probe, { redundancy: 4, thread: true, threads: 2 })
  pool!: GroupRef;

  @Child(Ticker, { thread: true })
  ticker!: ActorRef;
}

describe('threads: supervision', function () {
  this.timeout(30000);
  let h: Harness;
  let stopPump: () => void;
  before(async () => {
    h = await startSystem(Tree);
    stopPump = pumpDueActions(h.scheduler);
  });
  after(async () => {
    await h?.system.shutdown();
    stopPump();
    killLeftovers();
  });
  beforeEach(() => {
    h.events.length = 0;
    h.deadLetters.length = 0;
  });

  it('restarts an actor whose handler failed in the worker, from its supervisor on the main thread', async () => {
    const ref = h.system.lookupActor('/app/restartable')!;
    const before = await ref.ask<Here>(new WhereAreYou());
    expect(await ref.ask(new Count())).to.equal(1);
    const error = await ref.ask(new Crash('bad input')).then(() => undefined, (e: unknown) => e as Error);
    expect(error).to.be.instanceOf(Error);
    expect(error!.message).to.equal('bad input');
    expect(error!.name).to.equal('TypeError');
    expect(error!.stack).to.match(/actors\.ts/);
    const after = await ref.ask<Here>(new WhereAreYou());
    expect(after.restarts).to.equal(before.restarts + 1);
    expect(after.threadId, 'a handler failure keeps the worker').to.equal(before.threadId);
    expect(await ref.ask(new Count()), 'a new instance').to.equal(1);
    expect(await ref.ask(new LastError())).to.equal('TypeError: bad input');
    const types = h.events.filter((e) => e.path === '/app/restartable' && e.type !== 'dead-letter').map((e) => e.type);
    expect(types).to.deep.equal(['failed', 'restarted']);
    expect(h.deadLetters.map((d) => [d.reason, d.path])).to.deep.equal([['failed', '/app/restartable']]);
    expect(h.system.tree().children.find((c) => c.path === '/app/restartable')!.restarts).to.equal(after.restarts);
  });

  it('fails every actor of a worker that dies mid-burst: they restart on a fresh worker, the queue kept, the rest dead-lettered failed', async () => {
    const ref = h.system.lookupActor('/app/restartable')!;
    const before = await ref.ask<Here>(new WhereAreYou());
    const answers: (number | Error)[] = new Array(1000);
    const asks: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 300) ref.tell(new ExitWorker(3));
      asks.push(ref.ask<number>(new Count()).then((n) => void (answers[i] = n), (e: Error) => void (answers[i] = e)));
    }
    await Promise.all(asks);
    const handled = answers.filter((a) => typeof a === 'number') as number[];
    const rejected = answers.filter((a) => a instanceof Error) as Error[];
    const failed = h.deadLetters.filter((d: DeadLetter) => d.reason === 'failed');
    expect(handled.length + failed.length, 'handled + dead-lettered = sent').to.equal(1001);
    expect(rejected.length + 1, 'every ask lost in the worker rejected').to.equal(failed.length);
    expect(rejected[0]).to.be.instanceOf(WorkerDiedError);
    expect(rejected[0].message).to.match(/worker thread \d+ died \(exit code 3\)/);
    expect((rejected[0] as WorkerDiedError).threadId).to.equal(before.threadId);
    expect(handled.length, 'the queue on the caller side went to the new incarnation').to.be.greaterThan(500);
    const after = await ref.ask<Here>(new WhereAreYou());
    expect(after.threadId).to.not.equal(before.threadId);
    expect(after.restarts).to.equal(before.restarts + 1);
    // the new incarnation counted from 1 again, in order
    const tail = handled.slice(handled.indexOf(1, 1));
    expect(tail).to.deep.equal(tail.map((_, i) => i + 1));
    expect(h.events.filter((e) => e.path === '/app/restartable' && e.type !== 'dead-letter').map((e) => e.type)).to.deep.equal(['failed', 'restarted']);
  });

  it('treats an uncaught error in the worker as a failure of its actors', async () => {
    const ref = h.system.lookupActor('/app/restartable')!;
    const before = await ref.ask<Here>(new WhereAreYou());
    ref.tell(new ThrowLater('out of band'));
    await until(() => h.events.some((e) => e.type === 'restarted'), 'restarted');
    const failure = h.events.find((e) => e.type === 'failed')!;
    expect(String(failure.error)).to.match(/RangeError: out of band/);
    const after = await ref.ask<Here>(new WhereAreYou());
    expect(after.threadId).to.not.equal(before.threadId);
  });

  it('spreads a group over its threads, round robin', async () => {
    const pool = h.system.lookupGroup('/app/pool')!;
    const heres = await Promise.all(pool.members.map((m) => m.ask<Here>(new WhereAreYou())));
    expect(heres.map((x) => x.path)).to.deep.equal(['/app/pool/0', '/app/pool/1', '/app/pool/2', '/app/pool/3']);
    expect(new Set(heres.map((x) => x.threadId)).size).to.equal(2);
    expect(heres[0].threadId).to.equal(heres[2].threadId);
    expect(heres[1].threadId).to.equal(heres[3].threadId);
    const group = h.system.tree().children.find((c) => c.path === '/app/pool')!;
    expect(group.children.map((c) => c.thread)).to.deep.equal(heres.map((x) => x.threadId));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.ask<number>(i)));
    expect(answers).to.deep.equal(Array.from({ length: 40 }, (_, i) => i));
  });

  it('lets an idle member take queued letters from a busier sibling, so a slow core does not hold the group back', async () => {
    const pool = h.system.lookupGroup('/app/pool')!;
    // The letters in flight per member follow the handlers' pace: let it learn this one first.
    await Promise.all(Array.from({ length: 40 }, (_, i) => pool.ask(new Uneven(i))));
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => pool.ask<[number, string]>(new Uneven(i))));
    expect(answers.map(([n]) => n)).to.deep.equal(Array.from({ length: 80 }, (_, i) => i));
    const bySlow = answers.filter(([, path]) => path === '/app/pool/0').length;
    expect(bySlow, 'round robin alone gives /0 twenty').to.be.lessThan(20);
  });

  it('keeps the timers and watches of worker code on the main thread, in virtual time', async () => {
    const ticker = h.system.lookupActor('/app/ticker')!;
    const start = await ticker.ask<number>(new Ticks());
    await h.scheduler.advanceBy(1000);
    expect(await ticker.ask<number>(new Ticks())).to.equal(start + 10);
    const spawned = h.system.spawn(Probe, { thread: true, name: 'watched' });
    expect((await spawned.ask<Here>(new WhereAreYou())).mainThread).to.equal(false);
    ticker.tell(new WatchIt(spawned));
    await ticker.ask(new Ticks());
    await spawned.stop();
    await until(() => h.events.some((e) => e.type === 'stopped' && e.path === '/app/watched'), 'stopped');
    expect(await ticker.ask(new Seen())).to.deep.equal(['/app/watched']);
  });

  it('exits on ctx.stop() in a worker handler: the letters behind it go to the next incarnation', async () => {
    const ticker = h.system.lookupActor('/app/ticker')!;
    const answers = await Promise.all([ticker.ask('stop'), ticker.ask('after')]);
    expect(answers).to.deep.equal(['stop', 'after']);
    expect(h.events.filter((e) => e.path === '/app/ticker').map((e) => e.type)).to.deep.equal(['restarted']);
  });
});

@Actor()
class FailsToStart {
  beforeStart(): void {
    throw new Error('no');
  }
}

@Supervisor()
class StartsBadly {
  @Child(Probe, { thread: true })
  probe!: ActorRef;

  @Child(FailsToStart)
  bad!: ActorRef;
}

@Actor()
class Crashes {
  @On(Crash)
  crash(message: Crash): never {
    throw new Error(message.why);
  }
}

/** Gives up at the first failure of a child: the root rebuilds it, and its stopped thread child comes back. */
@Supervisor({ maxRestarts: 0, withinMs: 60000 })
class GivesUp {
  @Child(Ticker, { thread: true, restart: 'temporary' })
  ticker!: ActorRef;

  @Child(Crashes)
  crashes!: ActorRef;
}

@Supervisor({ maxRestarts: 10, withinMs: 60000 })
class Rebuilds {
  @Child(GivesUp)
  sub!: ActorRef;
}

@Supervisor({ maxRestarts: 1, withinMs: 60000 })
class Fragile {
  @Child(Restartable, { thread: true })
  restartable!: ActorRef;
}

describe('threads: escalation and shutdown', function () {
  this.timeout(30000);
  afterEach(killLeftovers);

  it('counts worker failures against the supervisor intensity, and escalates', async () => {
    const h = await startSystem(Fragile);
    after(pumpDueActions(h.scheduler));
    const ref = h.system.lookupActor('/app/restartable')!;
    ref.tell(new Crash('one'));
    expect(await ref.ask(new Count())).to.equal(1);
    ref.tell(new Crash('two'));
    const outcome = await h.system.whenTerminated.then(() => undefined, (e: unknown) => e);
    expect(outcome).to.be.instanceOf(EscalationError);
    expect((outcome as Error).message).to.match(/more than 1 restart/);
  });

  it('stops the workers of a tree that failed to start', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const idle = ports();
    const error = await startSystem(StartsBadly).then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.match(/StartError: \/app\/bad failed to start/);
    await until(() => ports() <= idle, 'no MessagePort left');
  });

  it('stops the worker of a spawned thread actor that stopped for good, while the system runs', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const h = await startSystem(Fragile);
    after(pumpDueActions(h.scheduler));
    await h.system.lookupActor('/app/restartable')!.ask(new Count());
    const running = ports();
    for (let i = 0; i < 2; i++) {
      const spawned = h.system.spawn(Probe, { thread: true, name: `spawned-${i}` });
      expect(await spawned.ask('hi')).to.equal('hi');
      expect(ports()).to.equal(running + 1);
      await spawned.stop();
      await until(() => ports() <= running, 'the spawned actor’s worker stopped');
    }
    await h.system.shutdown();
  });

  it('stops at shutdown the worker of a thread child that stopped and came back with its supervisor', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const idle = ports();
    const h = await startSystem(Rebuilds);
    after(pumpDueActions(h.scheduler));
    const ticker = h.system.lookupActor('/app/sub/ticker')!;
    const threadOf = () => h.system.tree().children[0].children.find((c) => c.path === '/app/sub/ticker')?.thread;
    const first = threadOf();
    expect(first).to.be.a('number');
    expect(await ticker.ask('stop')).to.equal('stop'); // a temporary child exits: stopped for good
    await until(() => h.events.some((e) => e.type === 'stopped' && e.path === '/app/sub/ticker') && ports() <= idle, 'its worker stopped');
    h.system.lookupActor('/app/sub/crashes')!.tell(new Crash('give up'));
    await until(() => h.events.some((e) => e.type === 'restarted' && e.path === '/app/sub'), 'the sub-supervisor rebuilt');
    expect(await h.system.lookupActor('/app/sub/ticker')!.ask(new Ticks())).to.equal(0);
    // A fresh worker runs it (the count of ports alone moves with other tests' workers closing).
    expect(threadOf()).to.be.a('number').and.not.equal(first);
    await h.system.shutdown();
    await until(() => ports() <= idle, 'no MessagePort left');
  });

  it('stops the workers after their actors, leaving nothing running', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const idle = ports();
    const h = await startSystem(Tree);
    expect(ports()).to.be.greaterThan(idle);
    recorded.length = 0;
    const restartable = h.system.lookupActor('/app/restartable')!;
    restartable.tell(new ReportTo(h.system.lookupActor('/app/recorder')!));
    const { threadId } = await restartable.ask<Here>(new WhereAreYou());
    await h.system.shutdown();
    expect(recorded).to.deep.equal([`afterStop of /app/restartable on thread ${threadId}`]);
    await until(() => ports() <= idle, 'no MessagePort left');
  });
});
