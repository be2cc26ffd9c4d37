import { expect } from 'chai';
import { Subscriber } from 'rxjs';
import { Child, ConfigurationError, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context, InspectionEvent, Logger, MessageInspection } from '../../lib';
import { settle } from '../../lib/testing';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from '../cluster/support';
import { kill, killLeftovers, refAt, shutdown, startSystem } from '../support/harness';
import { deferred } from '../support/promises';
import type { Harness } from '../support/harness';

class Ping {
  constructor(readonly to: ActorRef) {}
}
class Boom {}

class Echo {
  @On(String)
  echo(text: string): string {
    return text;
  }

  @On(Boom)
  boom(): never {
    throw new Error('boom');
  }
}

class Pinger {
  @On(Ping)
  ping(ping: Ping): void {
    ping.to.tell('pong');
  }
}

@Supervisor({ maxRestarts: Infinity })
class App {
  @Child(Echo) echo!: ActorRef;
  @Child(Pinger) pinger!: ActorRef;
}

/** Everything `system.inspect(options)` emits from now on. */
function inspected(h: Harness, options?: { sample?: number }): InspectionEvent[] {
  const events: InspectionEvent[] = [];
  h.system.inspect(options).subscribe((event) => events.push(event));
  return events;
}

function messagesOf(events: InspectionEvent[]): MessageInspection[] {
  return events.filter((e): e is MessageInspection => e.type === 'message');
}

/** The registry's tap field: set while someone inspects (internal). */
function tapOf(h: Harness): unknown {
  return (h.system as unknown as { registry: { inspection: unknown } }).registry.inspection;
}

/** `performance.now()` replaced by a hand-driven clock while `body` runs. */
async function withClock(body: (clock: { now: number }) => Promise<void>): Promise<void> {
  const clock = { now: 1000 };
  const perf = performance as unknown as { now: () => number };
  perf.now = () => clock.now;
  try {
    await body(clock);
  } finally {
    delete (perf as { now?: unknown }).now;
  }
}

describe('system.inspect()', () => {
  afterEach(killLeftovers);

  it('reports a tell from outside any actor, without from, and one from an actor, with its address', async () => {
    await withClock(async () => {
      const h = await startSystem(App);
      await h.scheduler.advanceBy(50);
      const events = inspected(h);
      const echo = refAt(h.system, '/app/echo');
      const pinger = refAt(h.system, '/app/pinger');

      pinger.tell(new Ping(echo));
      await settle();

      expect(messagesOf(events)).to.deep.equal([
        { type: 'message', to: 'rampart://local/app/pinger', messageType: 'Ping', ask: false, outcome: 'handled', durationMs: 0, time: 50 },
        { type: 'message', from: 'rampart://local/app/pinger', to: 'rampart://local/app/echo', messageType: 'string', ask: false, outcome: 'handled', durationMs: 0, time: 50 },
      ]);
      await shutdown(h);
    });
  });

  it('reports an ask as ask: true, and its reply is no delivery', async () => {
    const h = await startSystem(App);
    const events = inspected(h);

    expect(await refAt(h.system, '/app/echo').ask('hi')).to.equal('hi');

    expect(messagesOf(events).map((e) => [e.to, e.messageType, e.ask, e.outcome])).to.deep.equal([['rampart://local/app/echo', 'string', true, 'handled']]);
    await shutdown(h);
  });

  it("reports a failing handler as 'failed', then the lifecycle events, and no second delivery for its dead letter", async () => {
    const h = await startSystem(App);
    const events = inspected(h);

    refAt(h.system, '/app/echo').tell(new Boom());
    await settle();
    await h.scheduler.advanceBy(0);

    expect(events.map((e) => (e.type === 'message' ? `message ${e.messageType} ${e.outcome}` : `${e.type} ${e.path}`))).to.deep.equal([
      'message Boom failed',
      'failed /app/echo',
      'dead-letter /app/echo',
      'restarted /app/echo',
    ]);
    await shutdown(h);
  });

  it("reports an unhandled message and one told to a stopped actor as 'dead-letter', with durationMs 0", async () => {
    const h = await startSystem(App);
    const echo = refAt(h.system, '/app/echo');
    const events = inspected(h);

    echo.tell(42);
    await settle();
    await echo.stop();
    echo.tell('late');
    const asked = echo.ask('later').catch((error: Error) => error.name);

    expect(await asked).to.equal('ActorStoppedError');
    expect(messagesOf(events).map((e) => [e.messageType, e.ask, e.outcome, e.durationMs])).to.deep.equal([
      ['number', false, 'dead-letter', 0],
      ['string', false, 'dead-letter', 0],
      ['string', true, 'dead-letter', 0],
    ]);
    const reasons = events.filter((e) => e.type === 'dead-letter').map((e) => e.reason);
    expect(reasons).to.deep.equal(['unhandled', 'stopped', 'stopped']);
    await shutdown(h);
  });

  it('reports a message dropped by a full mailbox, and one told to a group with no live member, as dead letters to the intended recipient', async () => {
    class Stuck {
      @On(Number)
      handle(): Promise<void> {
        return new Promise<void>(() => undefined);
      }
    }
    @Supervisor()
    class Root {
      @Child(Stuck, { mailbox: { capacity: 1, overflow: 'drop-newest' } }) stuck!: ActorRef;
      @Child(Echo, { redundancy: 2 }) pool!: ActorRef;
    }
    const h = await startSystem(Root);
    const events = inspected(h);
    const stuck = refAt(h.system, '/app/stuck');
    stuck.tell(0); // in flight for ever
    await settle();
    stuck.tell(1); // queued
    stuck.tell(2); // dropped
    const pool = h.system.lookupGroup('/app/pool')!;
    await h.system.lookupActor('/app/pool/0')!.stop();
    await h.system.lookupActor('/app/pool/1')!.stop();
    pool.tell('nobody');
    await settle();

    expect(messagesOf(events).map((e) => [e.to, e.messageType, e.outcome])).to.deep.equal([
      ['rampart://local/app/stuck', 'number', 'dead-letter'],
      ['rampart://local/app/pool', 'string', 'dead-letter'],
    ]);
    expect(events.filter((e) => e.type === 'dead-letter').map((e) => e.reason)).to.deep.equal(['overflow', 'stopped']);
    kill(h);
  });

  it("times an async handler until its promise settles, and stamps the outcome with scheduler.now()", async () => {
    const gate = deferred<void>();
    class Slow {
      @On(String)
      async handle(): Promise<void> {
        await gate.promise;
      }
    }
    @Supervisor()
    class Root {
      @Child(Slow) slow!: ActorRef;
    }
    await withClock(async (clock) => {
      const h = await startSystem(Root);
      const events = inspected(h);
      refAt(h.system, '/app/slow').tell('work');
      await settle();
      clock.now += 25;
      await h.scheduler.advanceBy(7);
      expect(messagesOf(events), 'nothing before the handler settles').to.deep.equal([]);

      gate.resolve();
      await settle();

      expect(messagesOf(events).map((e) => [e.outcome, e.durationMs, e.time])).to.deep.equal([['handled', 25, 7]]);
      await shutdown(h);
    });
  });

  it('reports timer messages and Terminated notices as deliveries without from', async () => {
    class Tick {}
    class Watcher {
      @On(Tick)
      tick(): void {}

      @On(Terminated)
      terminated(): void {}

      beforeStart(ctx: Context): void {
        ctx.watch(ctx.system.lookupActor('/app/echo')!);
        ctx.schedule(10, new Tick());
      }
    }
    @Supervisor()
    class Root {
      @Child(Echo) echo!: ActorRef;
      @Child(Watcher) watcher!: ActorRef;
    }
    const h = await startSystem(Root);
    const events = inspected(h);
    await h.scheduler.advanceBy(10);
    await refAt(h.system, '/app/echo').stop();
    await settle();

    expect(messagesOf(events).map((e) => [e.from, e.to, e.messageType, e.outcome])).to.deep.equal([
      [undefined, 'rampart://local/app/watcher', 'Tick', 'handled'],
      [undefined, 'rampart://local/app/watcher', 'Terminated', 'handled'],
    ]);
    await shutdown(h);
  });

  it('emits every lifecycle event of events$, unchanged', async () => {
    const h = await startSystem(App);
    const events = inspected(h);
    const from$ = h.events.length;

    h.system.spawn(Echo, { name: 'late' });
    await settle();
    await shutdown(h);

    const lifecycle = events.filter((e) => e.type !== 'message');
    const published = h.events.slice(from$);
    expect(lifecycle.map((e) => `${e.type} ${e.path}`)).to.include.members(['started /app/late', 'stopped /app/late', 'stopped /app']);
    expect(lifecycle).to.have.length(published.length);
    lifecycle.forEach((event, i) => expect(event, `event ${i}`).to.equal(published[i]));
  });

  it("emits node events, reports a remote tell on the recipient's node, and a letter to a node that went down as a dead letter to its address", async () => {
    @Supervisor()
    class Node {
      @Child(Echo) echo!: ActorRef;
      @Child(Pinger) pinger!: ActorRef;
    }
    const c = cluster();
    const a = await c.start('a', Node);
    const onA = inspected(a);
    const b = await c.start('b', Node);
    const onB = inspected(b);
    await c.advance(2 * HEARTBEAT);
    const remoteEcho = a.system.lookupActor('rampart://b/app/echo')!;

    a.system.lookupActor('/app/pinger')!.tell(new Ping(remoteEcho));
    await c.advance(2 * HEARTBEAT);
    c.network.crash('b');
    remoteEcho.tell('lost');
    void remoteEcho.ask('lost too', { timeoutMs: 60_000 }).catch(() => undefined);
    await c.advance(FAILURE_TIMEOUT + 2 * HEARTBEAT);

    const nodeEvents = onA.filter((e) => e.type.startsWith('node-')).map((e) => (e.type === 'message' ? '' : `${e.type} ${e.node}`));
    expect(nodeEvents).to.deep.equal(['node-up b', 'node-down b']);
    expect(messagesOf(onB).map((e) => [e.from, e.to, e.messageType, e.outcome])).to.deep.equal([
      ['rampart://a/app/pinger', 'rampart://b/app/echo', 'string', 'handled'],
    ]);
    expect(messagesOf(onA).map((e) => [e.from, e.to, e.messageType, e.ask, e.outcome])).to.deep.equal([
      [undefined, 'rampart://a/app/pinger', 'Ping', false, 'handled'],
      [undefined, 'rampart://b/app/echo', 'string', false, 'dead-letter'],
      [undefined, 'rampart://b/app/echo', 'string', true, 'dead-letter'],
    ]);
    await c.end();
  });

  describe('options.sample', () => {
    async function tellTen(sample: number): Promise<{ kept: string[]; lifecycle: number }> {
      const h = await startSystem(App);
      const events = inspected(h, { sample });
      const echo = refAt(h.system, '/app/echo');
      for (let i = 0; i < 10; i++) echo.tell(`m${i}`);
      await settle();
      h.system.spawn(Echo, { name: 'late' });
      await settle();
      await shutdown(h);
      const kept = messagesOf(events).map((e) => e.to);
      return { kept, lifecycle: events.filter((e) => e.type === 'started').length };
    }

    it('keeps every message at 1 (the default), none at 0, and exactly every other one at 0.5; lifecycle events always', async () => {
      expect((await tellTen(1)).kept).to.have.length(10);
      expect(await tellTen(0)).to.deep.equal({ kept: [], lifecycle: 1 });
      expect((await tellTen(0.5)).kept).to.have.length(5);
    });

    it('thins each subscriber on its own: 0.5 keeps exactly every other delivery (the 1st, 3rd, …), 0.1 one in ten', async () => {
      const h = await startSystem(App);
      const all = inspected(h);
      const half = inspected(h, { sample: 0.5 });
      const tenth = inspected(h, { sample: 0.1 });
      const echo = refAt(h.system, '/app/echo');
      for (let i = 0; i < 20; i++) {
        echo.tell(`m${i}`);
        await h.scheduler.advanceBy(1);
      }

      const times = (events: InspectionEvent[]) => messagesOf(events).map((e) => e.time);
      expect(times(all)).to.deep.equal([...Array(20).keys()]);
      expect(times(half)).to.deep.equal([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
      expect(times(tenth)).to.deep.equal([0, 10]);
      await shutdown(h);
    });

    it('rejects a sample outside [0, 1], NaN or not a number, word for word', async () => {
      const h = await startSystem(App);
      for (const [sample, shown] of [
        [1.5, '1.5'],
        [-0.1, '-0.1'],
        [NaN, 'NaN'],
        ['0.5', "'0.5'"],
      ] as const) {
        expect(() => h.system.inspect({ sample: sample as number }), String(sample)).to.throw(
          RangeError,
          `system.inspect(): options.sample must be a number in [0, 1] (the fraction of message events kept), got ${shown}.`,
        );
      }
      expect(() => h.system.inspect({ smaple: 0.1 } as never)).to.throw(
        ConfigurationError,
        "system.inspect(): unknown option 'smaple' (did you mean 'sample'?); allowed options are sample.",
      );
      await shutdown(h);
    });
  });

  it('isolates a subscriber that throws: delivery and the other subscribers go on, and it is logged', async () => {
    const errors: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (text) => errors.push(text) };
    const h = await startSystem(App, { logger });
    h.system.inspect().subscribe(
      new Subscriber<InspectionEvent>({
        next: () => {
          throw new Error('a subscriber that throws');
        },
        error: () => undefined,
        complete: () => undefined,
      }),
    );
    const events = inspected(h);

    expect(await refAt(h.system, '/app/echo').ask('still')).to.equal('still');

    expect(messagesOf(events)).to.have.length(1);
    expect(errors[0]).to.equal('rampart: a subscriber of system.inspect() threw; it missed this event. Error: a subscriber that throws');
    await shutdown(h);
  });

  it('installs the tap with the first subscriber and removes it with the last', async () => {
    const h = await startSystem(App);
    expect(tapOf(h), 'before').to.equal(undefined);
    const one = h.system.inspect().subscribe();
    const two = h.system.inspect({ sample: 0.5 }).subscribe();
    expect(tapOf(h), 'subscribed').to.not.equal(undefined);
    one.unsubscribe();
    expect(tapOf(h), 'one left').to.not.equal(undefined);
    two.unsubscribe();
    expect(tapOf(h), 'none left').to.equal(undefined);
    await shutdown(h);
  });
});
