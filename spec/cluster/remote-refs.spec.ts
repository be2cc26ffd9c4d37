import { expect } from 'chai';
import {
  ActorStoppedError,
  AskTimeoutError,
  Child,
  Message,
  On,
  SerializationError,
  Supervisor,
  UnhandledMessageError,
  UnreachableError,
} from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { cluster, reasons } from './support';

@Message('spec.remote.greet')
class Greet {
  constructor(
    readonly name: string,
    readonly replyTo: ActorRef,
  ) {}
}

@Message('spec.remote.where')
class Where {
  constructor(readonly refs: { home: ActorRef; away: ActorRef[] }) {}
}

class Failure extends Error {
  code = 'E_WIDGET';
}

const handled: string[] = [];

class Echo {
  @On(String)
  echo(text: string, ctx: Context): string {
    handled.push(`${ctx.path} ${text}`);
    return `${text} (from ${ctx.sender?.address ?? 'outside'})`;
  }

  @On(Greet)
  greet(greet: Greet, ctx: Context): void {
    greet.replyTo.tell(`hello ${greet.name}, from ${ctx.self.address}`);
  }

  @On(Where)
  where(where: Where): string[] {
    return [where.refs.home.address, ...where.refs.away.map((ref) => ref.address)];
  }

  @On(Array)
  badReply(): unknown {
    return { answer: () => 42 };
  }

  @On(Boolean)
  fail(): never {
    throw Object.assign(new Failure('the widget broke'), { name: 'WidgetError' });
  }
}

/** Forwards a string to b's echo and keeps what comes back (ctx.sender on b is this actor). */
class Caller {
  @On(String)
  async call(text: string, ctx: Context): Promise<string> {
    const echo = ctx.system.lookupActor('rampart://b/app/echo')!;
    return echo.ask<string>(text);
  }
}

class Pool {
  @On(String)
  work(text: string, ctx: Context): string {
    handled.push(`${ctx.path} ${text}`);
    return ctx.path;
  }
}

const kept: ActorRef[] = [];
class Keeper {
  @On(Where)
  keep(where: Where): void {
    kept.push(where.refs.away[0]);
  }
}

const inbox: string[] = [];
class Inbox {
  @On(String)
  got(text: string): void {
    inbox.push(text);
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: ActorRef;
  @Child(Caller) caller!: ActorRef;
  @Child(Pool, { redundancy: 2 }) pool!: unknown;
}

describe('remote refs (memory transport, virtual time)', () => {
  beforeEach(() => (handled.length = kept.length = inbox.length = 0));
  afterEach(killLeftovers);

  it('resolves an address of another node at once, with no round trip, up or not', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const ref = a.system.lookup('rampart://nowhere/app/echo');
    expect(ref?.address).to.equal('rampart://nowhere/app/echo');
    expect(ref?.path).to.equal('/app/echo');
    expect(a.system.lookupGroup('rampart://nowhere/app/pool')).to.equal(undefined);
    await c.end();
  });

  it('makes a tell to a node that was never up a dead letter unreachable, and rejects an ask with UnreachableError', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const ref = a.system.lookupActor('rampart://nowhere/app/echo')!;
    ref.tell('lost');
    const asked = track(ref.ask('lost too'));
    await c.scheduler.advanceBy(0);
    expect(a.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([
      ['unreachable', '/app/echo', 'lost'],
      ['unreachable', '/app/echo', 'lost too'],
    ]);
    expect(asked.error).to.be.instanceOf(UnreachableError);
    expect((asked.error as UnreachableError).node).to.equal('nowhere');
    expect((asked.error as UnreachableError).code).to.equal('UNREACHABLE');
    await c.end();
  });

  it('tells and asks across nodes; ctx.sender is a ref to the remote sender', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const echo = a.system.lookupActor('rampart://b/app/echo')!;
    echo.tell('one');
    expect(await echo.ask('two')).to.equal('two (from outside)');
    expect(await a.system.lookupActor('/app/caller')!.ask('three')).to.equal('three (from rampart://a/app/caller)');
    expect(handled).to.deep.equal(['/app/echo one', '/app/echo two', '/app/echo three']);
    await c.end();
  });

  it('rebuilds refs inside messages at any depth: remote ones as remote refs, those that point home as local refs', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const echo = a.system.lookupActor('rampart://b/app/echo')!;
    const home = a.system.lookupActor('/app/caller')!;
    const answer = await echo.ask<string[]>(new Where({ home, away: [echo, a.system.lookupActor('rampart://b/app/pool')!] }));
    expect(answer).to.deep.equal(['rampart://a/app/caller', 'rampart://b/app/echo', 'rampart://b/app/pool']);
    // a ref that points home is the node's own local ref
    b.system.spawn(Keeper, { name: 'keeper' });
    a.system.lookupActor('rampart://b/app/keeper')!.tell(new Where({ home, away: [echo] }));
    await c.until(() => kept.length > 0);
    expect(kept[0]).to.equal(b.system.lookupActor('/app/echo'));
    await c.end();
  });

  it('replies to a remote sender through the ref in the message', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const me = a.system.spawn(Inbox, { name: 'me' });
    a.system.lookupActor('rampart://b/app/echo')!.tell(new Greet('ann', me));
    await c.until(() => inbox.length > 0);
    expect(inbox).to.deep.equal(['hello ann, from rampart://b/app/echo']);
    await c.end();
  });

  it('routes a remote group path by the remote group’s dispatch', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const pool = a.system.lookupActor('rampart://b/app/pool')!;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await pool.ask(`job ${i}`));
    expect(answers).to.deep.equal(['/app/pool/0', '/app/pool/1', '/app/pool/0', '/app/pool/1']);
    await c.end();
  });

  it('treats a path with no actor on a live node as a stopped actor: a dead letter stopped there, ActorStoppedError here', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const ghost = a.system.lookupActor('rampart://b/app/ghost')!;
    ghost.tell('boo');
    const asked = track(ghost.ask('anyone?'));
    await c.advance(10);
    expect(b.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([
      ['stopped', '/app/ghost', 'boo'],
      ['stopped', '/app/ghost', 'anyone?'],
    ]);
    expect(a.deadLetters).to.deep.equal([]);
    expect(asked.error).to.be.instanceOf(ActorStoppedError);
    await c.end();
  });

  it('rebuilds errors: rampart’s own as their classes, others with their name, message and code', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const echo = a.system.lookupActor('rampart://b/app/echo')!;
    const failed = track(echo.ask(true));
    const unhandled = track(echo.ask({ what: 'no handler' }));
    await c.advance(10);
    expect(failed.error).to.be.instanceOf(Error);
    expect((failed.error as Error).name).to.equal('WidgetError');
    expect((failed.error as Error).message).to.equal('the widget broke');
    expect((failed.error as { code?: string }).code).to.equal('E_WIDGET');
    expect(unhandled.error).to.be.instanceOf(UnhandledMessageError);
    await c.end();
  });

  it('times an ask out on the asker’s scheduler, and dead-letters the late reply on the asker’s node', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    c.network.partition(['a'], ['b']);
    const asked = track(a.system.lookupActor('rampart://b/app/echo')!.ask('slow', { timeoutMs: 200 }));
    await c.advance(250);
    expect(asked.error).to.be.instanceOf(AskTimeoutError);
    c.network.heal(); // the ask is resent, handled on b, and its reply comes back late
    await c.advance(300);
    expect(a.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([['timeout', '/app/echo', 'slow (from outside)']]);
    expect(reasons(b)).to.deep.equal([]);
    await c.end();
  });

  it('stops and kills the remote actor itself', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    await a.system.lookupActor('rampart://b/app/echo')!.stop();
    expect(b.system.lookup('/app/echo')).to.equal(undefined);
    a.system.lookupActor('rampart://b/app/caller')!.kill();
    await c.advance(10);
    expect(b.system.lookup('/app/caller')).to.equal(undefined);
    await c.end();
  });

  it('refuses a message that cannot cross at the call, with SerializationError naming the place, and sends nothing', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const echo = a.system.lookupActor('rampart://b/app/echo')!;
    expect(() => echo.tell({ order: { items: [1, 2, { callback: () => 1 }] } })).to.throw(
      SerializationError,
      'tell to rampart://b/app/echo: message.order.items[2].callback: a function cannot cross the wire',
    );
    expect(() => echo.ask(new Map())).to.throw(SerializationError, 'ask to rampart://b/app/echo: message');
    await c.advance(10);
    expect(handled).to.deep.equal([]);
    await c.end();
  });

  it('refuses a message over maxFrameBytes at the call', async () => {
    const c = cluster();
    const a = await c.start('a', App, { maxFrameBytes: 4096 });
    await c.start('b', App, { maxFrameBytes: 4096 });
    const echo = a.system.lookupActor('rampart://b/app/echo')!;
    expect(() => echo.tell('x'.repeat(5000))).to.throw(SerializationError, "more than the cluster's maxFrameBytes (4096");
    await c.end();
  });

  it('rejects the ask with SerializationError when the reply cannot cross back', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    let error: unknown;
    await a.system
      .lookupActor('rampart://b/app/echo')!
      .ask([])
      .catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(SerializationError);
    expect((error as Error).message).to.contain('reply.answer: a function cannot cross the wire');
    await c.end();
  });
});
