/**
 * A bounded mailbox with overflow 'reject' makes `tell` throw MailboxFullError at the caller.
 * When the runtime itself delivers (a timer, a death-watch notice, a broadcast to many), that
 * throw must not escape into the runtime's own loops: the message is a dead letter 'overflow',
 * and every other recipient and every other timer still gets its turn.
 */
import { expect } from 'chai';
import { Child, Context, On, Supervisor, Terminated } from '../../lib';
import type { GroupRef } from '../../lib';
import { advanceUntil, deferred, killLeftovers, shutdown, startSystem, track, escapesOfEachTest } from './helpers';

const FULL = { capacity: 1, overflow: 'reject' as const };

describe('regressions (review): a full reject mailbox and the runtime\'s own deliveries', function () {
  this.timeout(4000);
  const escapes = escapesOfEachTest();

  it("dead-letters a ctx.every() tick that does not fit a full 'reject' mailbox as 'overflow', and every other timer still fires", async () => {
    const gate = deferred();
    class Ticker {
      beforeStart(ctx: Context): void {
        ctx.every(10, 'tick');
      }
      @On(String)
      async handle(msg: string): Promise<void> {
        if (msg === 'block') await gate.promise;
      }
    }
    class Silent {
      @On(String)
      handle(): Promise<void> {
        return new Promise(() => undefined);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const ticker = h.system.spawn(Ticker, { name: 'ticker', mailbox: FULL });
    const silent = h.system.spawn(Silent, { name: 'silent' });
    await h.scheduler.advanceBy(0);
    ticker.tell('block');
    await h.scheduler.advanceBy(0); // 'block' is in flight, the mailbox is empty
    ticker.tell('queued'); // the mailbox is full now
    const ask = track(silent.ask('never', { timeoutMs: 100 }));
    let advanced: unknown;
    try {
      await advanceUntil(h.scheduler, ask, 10, 20);
    } catch (error) {
      advanced = error;
    }
    expect(advanced, 'nothing was thrown into the scheduler').to.equal(undefined);
    expect(escapes.errors, 'nothing escaped to the process').to.deep.equal([]);
    expect(h.deadLetters.filter((d) => d.path === '/app/ticker' && d.reason === 'overflow').length, "ticks dead-lettered 'overflow'").to.be.greaterThan(0);
    expect(ask.settled, 'the other ask still timed out').to.equal(true);
    gate.resolve();
    await shutdown(h);
  });

  it("notifies every watcher and ends the stop when one watcher's 'reject' mailbox is full", async () => {
    const gate = deferred();
    const got: string[] = [];
    class Target {
      @On(String)
      handle(): void {}
    }
    class Busy {
      @On(String)
      async handle(msg: string, ctx: Context): Promise<void> {
        if (msg.startsWith('watch ')) ctx.watch(ctx.system.lookupActor(msg.slice(6))!);
        if (msg === 'block') await gate.promise;
      }
      @On(Terminated)
      terminated(t: Terminated): void {
        got.push(`busy ${t.ref.path}`);
      }
    }
    class Calm {
      @On(String)
      handle(msg: string, ctx: Context): void {
        if (msg.startsWith('watch ')) ctx.watch(ctx.system.lookupActor(msg.slice(6))!);
      }
      @On(Terminated)
      terminated(t: Terminated): void {
        got.push(`calm ${t.ref.path}`);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const target = h.system.spawn(Target, { name: 'target' });
    const busy = h.system.spawn(Busy, { name: 'busy', mailbox: FULL });
    const calm = h.system.spawn(Calm, { name: 'calm' });
    await h.scheduler.advanceBy(0);
    busy.tell('watch /app/target');
    calm.tell('watch /app/target');
    await h.scheduler.advanceBy(0);
    busy.tell('block');
    await h.scheduler.advanceBy(0);
    busy.tell('queued'); // busy's mailbox is full now
    const stopped = track(target.stop());
    await advanceUntil(h.scheduler, stopped, 100, 20);
    expect(stopped.settled, 'target.stop() settled').to.equal(true);
    expect(stopped.error, 'target.stop() error').to.equal(undefined);
    expect(h.system.lookup('/app/target'), 'the target left lookup()').to.equal(undefined);
    expect(h.system.tree().children.map((c) => c.path), 'the target left tree()').to.not.include('/app/target');
    await advanceUntil(h.scheduler, () => got.includes('calm /app/target'), 10, 10);
    expect(got, 'the calm watcher got Terminated').to.include('calm /app/target');
    gate.resolve();
    await shutdown(h);
    expect(escapes.errors).to.deep.equal([]);
  });
});

/** A worker that records what it got; 'block' keeps it busy until `gate` resolves. */
function recorder(got: string[], gate: Promise<void>) {
  class Recorder {
    @On(String)
    async handle(msg: string, ctx: Context): Promise<void> {
      got.push(`${ctx.path} ${msg}`);
      if (msg === 'block') await gate;
    }
  }
  return Recorder;
}

describe('regressions (review): a broadcast and one full reject mailbox', function () {
  this.timeout(4000);
  afterEach(killLeftovers);

  it("system.broadcast tells every actor in the tree, even when the first one's 'reject' mailbox is full", async () => {
    const gate = deferred();
    const got: string[] = [];
    const Recorder = recorder(got, gate.promise);
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const first = h.system.spawn(Recorder, { name: 'first', mailbox: FULL });
    h.system.spawn(Recorder, { name: 'second' });
    h.system.spawn(Recorder, { name: 'third' });
    await h.scheduler.advanceBy(0);
    first.tell('block');
    await h.scheduler.advanceBy(0);
    first.tell('queued'); // /app/first is full now
    try {
      h.system.broadcast('hello');
    } catch {
      // a MailboxFullError for /app/first may be thrown, once every recipient has had its turn
    }
    await h.scheduler.advanceBy(0);
    expect(got, 'the other actors got the broadcast').to.include.members(['/app/second hello', '/app/third hello']);
    expect(h.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.include(['overflow', '/app/first', 'hello']);
    gate.resolve();
    await shutdown(h);
  });

  it("group.broadcast delivers the message to every member once, even when member 0's 'reject' mailbox is full", async () => {
    const gate = deferred();
    const got: string[] = [];
    @Supervisor()
    class App {
      @Child(recorder(got, gate.promise), { redundancy: 3, mailbox: FULL }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const group = h.system.lookupGroup('/app/workers')!;
    const member0 = group.members[0];
    member0.tell('block');
    await h.scheduler.advanceBy(0);
    member0.tell('queued'); // member 0 is full now
    try {
      group.broadcast('hello');
    } catch {
      // a MailboxFullError for member 0 may be thrown, once every member has had its turn
    }
    await h.scheduler.advanceBy(0);
    expect(got, 'members 1 and 2 got the broadcast').to.include.members(['/app/workers/1 hello', '/app/workers/2 hello']);
    expect(h.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.include(['overflow', '/app/workers/0', 'hello']);
    gate.resolve();
    await shutdown(h);
  });

  it("distributor.tellEveryone reaches every recipient, even when the first one's 'reject' mailbox is full", async () => {
    const gate = deferred();
    const got: string[] = [];
    @Supervisor()
    class App {
      @Child(recorder(got, gate.promise), { redundancy: 3, mailbox: FULL, distributor: 'all' }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const member0 = h.system.lookupGroup('/app/workers')!.members[0];
    member0.tell('block');
    await h.scheduler.advanceBy(0);
    member0.tell('queued'); // member 0 is full now
    try {
      h.system.distributor('all').tellEveryone('hello');
    } catch {
      // a MailboxFullError for member 0 may be thrown, once every recipient has had its turn
    }
    await h.scheduler.advanceBy(0);
    expect(got, 'members 1 and 2 got the message').to.include.members(['/app/workers/1 hello', '/app/workers/2 hello']);
    expect(h.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.include(['overflow', '/app/workers/0', 'hello']);
    gate.resolve();
    await shutdown(h);
  });
});
