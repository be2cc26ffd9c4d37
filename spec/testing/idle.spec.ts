import { expect } from 'chai';
import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import { firstValueFrom, timer, type SchedulerLike } from 'rxjs';
import { Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { settle, startTestSystem, type TestKit } from '../../lib/testing';
import { killLeftovers } from '../support/harness';
import { Probe as ThreadActor, Slow, TellBack } from '../threads/fixtures/actors';

/** Passes `left` hops down the chain of five, then reports to `to`. */
class Hop {
  constructor(
    readonly left: number,
    readonly to: ActorRef,
  ) {}
}

const hops: string[] = [];

/** One event-loop turn: what a little real I/O costs a handler. */
const aTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One link of the chain: records the hop, awaits a turn (a little I/O), tells the next link. */
class Link {
  @On(Hop)
  async hop(hop: Hop, ctx: Context): Promise<void> {
    hops.push(ctx.path);
    await aTurn();
    const next = ctx.system.lookupActor(`/chain/l${5 - hop.left + 2}`);
    if (hop.left === 1 || next === undefined) hop.to.tell('end');
    else next.tell(new Hop(hop.left - 1, hop.to));
  }
}

@Supervisor()
class Chain {
  @Child(Link) l1!: ActorRef;
  @Child(Link) l2!: ActorRef;
  @Child(Link) l3!: ActorRef;
  @Child(Link) l4!: ActorRef;
  @Child(Link) l5!: ActorRef;
}

/** The clock a handler awaits (the kit's, set by each test). */
let clock: SchedulerLike;

class Wait {
  constructor(readonly ms: number) {}
}
class ReadFile {}
class Later {
  constructor(readonly ms: number) {}
}
class Fail {}

/** Handlers that wait on virtual time, on real I/O, or on nothing. */
class Waiter {
  readonly log: string[] = [];

  @On(Wait)
  async wait(message: Wait): Promise<void> {
    this.log.push('waiting');
    await firstValueFrom(timer(message.ms, clock));
    this.log.push(`waited ${message.ms}`);
  }

  @On(ReadFile)
  async read(): Promise<void> {
    const text = await fs.readFile(__filename, 'utf8');
    this.log.push(`read ${text.length > 0}`);
  }

  @On(Later)
  later(message: Later, ctx: Context): void {
    ctx.schedule(message.ms, 'scheduled');
  }

  @On(String)
  text(text: string): void {
    this.log.push(text);
  }

  @On(Fail)
  fail(): never {
    throw new Error('on purpose');
  }

  @On(Array)
  logged(): string[] {
    return this.log;
  }
}

@Supervisor()
class Home {
  @Child(Waiter, { backoff: Backoff.linear({ stepMs: 1_000, maxMs: 1_000 }) }) waiter!: ActorRef;
}

/** Passes itself along `route`, one relay after another, each hop sync or after a turn. */
class Route {
  constructor(
    readonly route: readonly ActorRef[],
    readonly async: readonly boolean[],
    readonly at: number,
    readonly log: number[],
  ) {}
}

class Relay {
  @On(Route)
  async relay(route: Route): Promise<void> {
    route.log.push(route.at);
    if (route.async[route.at]) await aTurn();
    const next = route.route[route.at + 1];
    next?.tell(new Route(route.route, route.async, route.at + 1, route.log));
  }
}

@Supervisor()
class Relays {}

@Supervisor()
class Threaded {
  @Child(ThreadActor, { thread: true }) worker!: ActorRef;
}

describe('TestKit.idle()', () => {
  let kit: TestKit | undefined;
  afterEach(async () => {
    await kit?.shutdown();
    kit = undefined;
    killLeftovers();
  });

  async function logOf(): Promise<string[]> {
    return [...((await kit!.system.lookupActor('/home/waiter')!.ask([])) as string[])];
  }

  it('gets a 5-hop chain of async handlers to its end (one settle() does not)', async () => {
    kit = await startTestSystem(Chain, { logger: null });
    const probe = kit.probe<string>();
    hops.length = 0;

    kit.system.lookupActor('/chain/l1')!.tell(new Hop(5, probe.ref));
    await settle();
    const afterOneSettle = hops.length;
    await kit.idle();

    expect(afterOneSettle).to.be.below(5);
    expect(hops).to.deep.equal(['/chain/l1', '/chain/l2', '/chain/l3', '/chain/l4', '/chain/l5']);
    expect(await probe.expectMsg(String, { within: 0 })).to.equal('end');
    expect(kit.scheduler.now()).to.equal(0);
  });

  it('gets any chain of sync and async hops to its end, and leaves the clock where it was (property)', async () => {
    kit = await startTestSystem(Relays, { logger: null });
    const relays = Array.from({ length: 12 }, () => kit!.system.spawn(Relay));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), async (async) => {
        const log: number[] = [];
        relays[0].tell(new Route(relays.slice(0, async.length), async, 0, log));
        await kit!.idle();
        expect(log).to.deep.equal(async.map((_, i) => i));
        expect(kit!.scheduler.now()).to.equal(0);
      }),
      { numRuns: 40 },
    );
  });

  it('never advances virtual time: a scheduled message waits for advance()', async () => {
    kit = await startTestSystem(Home, { logger: null });
    kit.system.lookupActor('/home/waiter')!.tell(new Later(1_000));
    await kit.idle();

    expect(kit.scheduler.now()).to.equal(0);
    expect(await logOf()).to.deep.equal([]);
    await kit.advance(1_000);
    expect(await logOf()).to.deep.equal(['scheduled']);
  });

  it('runs the zero-delay actions due now', async () => {
    kit = await startTestSystem(Home, { logger: null });
    kit.system.lookupActor('/home/waiter')!.tell(new Later(0));
    await kit.idle();

    expect(kit.scheduler.pending).to.equal(0);
    expect(await logOf()).to.deep.equal(['scheduled']);
    expect(kit.scheduler.now()).to.equal(0);
  });

  it('does not wait for a handler that waits on virtual time; advance() lets it finish', async () => {
    kit = await startTestSystem(Home, { logger: null });
    clock = kit.scheduler;
    const waiter = kit.system.lookupActor('/home/waiter')!;
    waiter.tell(new Wait(500));
    waiter.tell('queued behind the wait');
    await kit.idle();

    expect(kit.system.tree().children[0].mailboxSize).to.equal(1);
    await kit.advance(500);
    expect(await logOf()).to.deep.equal(['waiting', 'waited 500', 'queued behind the wait']);
  });

  it('waits for a handler that awaits real I/O (no virtual timer pending)', async () => {
    kit = await startTestSystem(Home, { logger: null });
    kit.system.lookupActor('/home/waiter')!.tell(new ReadFile());
    await kit.idle();

    expect(await logOf()).to.deep.equal(['read true']);
  });

  it('resolves while letters wait for a restart out of its backoff, and advance() delivers them', async () => {
    kit = await startTestSystem(Home, { logger: null });
    const waiter = kit.system.lookupActor('/home/waiter')!;
    waiter.tell(new Fail());
    waiter.tell('after the restart');
    await kit.idle();

    expect(kit.events.filter((e) => e.type === 'restarted')).to.have.length(0);
    await kit.advance(1_000);
    expect(kit.events.filter((e) => e.type === 'restarted').map((e) => e.path)).to.deep.equal(['/home/waiter']);
    expect(await logOf()).to.deep.equal(['after the restart']);
  });

  it('resolves at once when nothing happens, and after the shutdown', async () => {
    kit = await startTestSystem(Home, { logger: null });
    await kit.idle();
    expect(kit.scheduler.now()).to.equal(0);
    await kit.shutdown();
    await kit.idle();
  });

  it('waits for letters on a worker thread, which progress in real time', async function () {
    this.timeout(20_000);
    kit = await startTestSystem(Threaded, { logger: null });
    const probe = kit.probe<string>();
    const worker = kit.system.lookupActor('/threaded/worker')!;
    worker.tell(new Slow(1, 200));
    worker.tell(new TellBack(probe.ref, 'done'));
    await kit.idle();

    expect(await probe.expectMsg(String, { within: 0 })).to.equal('done from /threaded/worker');
    expect(kit.scheduler.now()).to.equal(0);
  });
});
