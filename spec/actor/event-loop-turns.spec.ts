/**
 * Mailboxes never starve the event loop: with the default scheduler (real time: this is one
 * of the few specs where the real event loop is the point), actors that keep telling each
 * other forever still let timers, immediates and a shutdown run.
 *
 * Starvation would also stop every timer a spec could race against, so the bound is kept
 * inside the actors: each handler stops passing the ball once `BOUND_MS` of wall time has
 * gone by. Without the fix the ball goes round until then and the callbacks run only after
 * it: the spec fails in about `BOUND_MS`, instead of hanging. No other timing is asserted.
 */
import { expect } from 'chai';
import { ActorSystem, On, Supervisor, type ActorRef, type Context } from '../../lib';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const BOUND_MS = 500;

class Ball {}
const BALL = new Ball();
/** Tells `to` a ball, as the actor that receives this. */
class Serve {
  constructor(readonly to: ActorRef) {}
}

@Supervisor()
class App {}

interface Rally {
  /** Balls hit so far. */
  hits: number;
  /** Set when a handler stopped passing the ball because the bound was reached. */
  timedOut: boolean;
  /** Wall time after which the handlers stop passing the ball. */
  readonly deadline: number;
}

function newRally(): Rally {
  return { hits: 0, timedOut: false, deadline: Date.now() + BOUND_MS };
}

/** A player that sends every ball back to whoever sent it, until the rally's deadline. */
function player(rally: Rally, async: boolean) {
  const back = (ball: Ball, ctx: Context): void => {
    rally.hits++;
    if (Date.now() >= rally.deadline) rally.timedOut = true;
    else ctx.sender!.tell(ball);
  };
  class SyncPlayer {
    @On(Serve)
    serve(serve: Serve): void {
      serve.to.tell(BALL);
    }

    @On(Ball)
    hit(ball: Ball, ctx: Context): void {
      back(ball, ctx);
    }
  }
  class AsyncPlayer {
    @On(Serve)
    serve(serve: Serve): void {
      serve.to.tell(BALL);
    }

    /** An async handler: the tell comes after an await, as the actor (AsyncLocalStorage). */
    @On(Ball)
    async hit(ball: Ball, ctx: Context): Promise<void> {
      await null;
      back(ball, ctx);
    }
  }
  return async ? AsyncPlayer : SyncPlayer;
}

/** Resolves with what ran first: a `setTimeout(0)` callback, then a `setImmediate` one. */
function macrotasks(rally: Rally): Promise<{ timeoutRanMidRally: boolean; immediateRanMidRally: boolean }> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const timeoutRanMidRally = !rally.timedOut;
      setImmediate(() => resolve({ timeoutRanMidRally, immediateRanMidRally: !rally.timedOut }));
    }, 0);
  });
}

/** Fails unless `promise` settles within `ms` of real time. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

describe('mailboxes and the event loop (default scheduler, real time)', () => {
  let system: ActorSystem | undefined;
  afterEach(() => {
    system?.kill();
    system = undefined;
  });

  for (const async of [false, true]) {
    const handlers = async ? 'async handlers' : 'synchronous handlers';

    it(`two actors with ${handlers} that tell each other forever let setTimeout(0) and setImmediate callbacks run, and shutdown() completes`, async () => {
      system = await ActorSystem.start(App, { logger: quiet });
      const rally = newRally();
      const ping = system.spawn(player(rally, async), { name: 'ping' });
      const pong = system.spawn(player(rally, async), { name: 'pong' });
      ping.tell(new Serve(pong));

      const ran = await macrotasks(rally);
      expect(ran.timeoutRanMidRally, 'the setTimeout(0) callback ran while the ball was in play').to.equal(true);
      expect(ran.immediateRanMidRally, 'the setImmediate callback ran while the ball was in play').to.equal(true);
      expect(rally.hits, 'the ball was in play meanwhile').to.be.greaterThan(0);

      const hitsBefore = rally.hits;
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(rally.hits, 'the ball kept going across turns').to.be.greaterThan(hitsBefore);

      await within(system.shutdown(), BOUND_MS, 'shutdown()');
      expect(rally.timedOut, 'shutdown ended the rally, not the bound').to.equal(false);
      system = undefined;
    });

    it(`two actors with ${handlers} that tell each other forever can be killed`, async () => {
      system = await ActorSystem.start(App, { logger: quiet });
      const rally = newRally();
      const ping = system.spawn(player(rally, async), { name: 'ping' });
      ping.tell(new Serve(system.spawn(player(rally, async), { name: 'pong' })));

      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(rally.timedOut, 'the setTimeout(0) callback ran while the ball was in play').to.equal(false);
      system.kill();
      await within(system.whenTerminated, BOUND_MS, 'kill()');
      const hits = rally.hits;
      await new Promise((resolve) => setImmediate(resolve));
      expect(rally.hits, 'no hit after the kill').to.equal(hits);
      system = undefined;
    });
  }

  it('an async handler that tells its own actor forever lets setTimeout(0) and setImmediate callbacks run, and shutdown() completes', async () => {
    const rally = newRally();
    class Spinner {
      @On(Ball)
      async spin(ball: Ball, ctx: Context): Promise<void> {
        await null;
        rally.hits++;
        if (Date.now() >= rally.deadline) rally.timedOut = true;
        else ctx.self.tell(ball);
      }
    }
    system = await ActorSystem.start(App, { logger: quiet });
    system.spawn(Spinner).tell(BALL);

    const ran = await macrotasks(rally);
    expect(ran.timeoutRanMidRally, 'the setTimeout(0) callback ran while the actor spun').to.equal(true);
    expect(ran.immediateRanMidRally, 'the setImmediate callback ran while the actor spun').to.equal(true);
    expect(rally.hits, 'the actor spun meanwhile').to.be.greaterThan(0);

    await within(system.shutdown(), BOUND_MS, 'shutdown()');
    expect(rally.timedOut, 'shutdown ended the spinning, not the bound').to.equal(false);
    system = undefined;
  });
});
