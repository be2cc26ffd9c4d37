/**
 * Values that throw as soon as the runtime looks at them: a message whose prototype cannot be
 * read, a message class whose `constructor` getter throws, a reply whose `then` getter throws.
 * Such a value may fail its actor or be dead-lettered, and its ask must settle, but it must
 * never throw inside the runtime's own loops: the next messages to that actor are handled.
 */
import { expect } from 'chai';
import { AskTimeoutError, On, Supervisor, Child } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { ending, expectSettles, refAt, shutdown, startSystem, track, type Harness, escapesOfEachTest } from './helpers';

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function proxyWithoutPrototype(): object {
  return new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('no prototype for you');
      },
    },
  );
}

/** A message class whose `constructor` cannot be read. */
class Faceless {}
Object.defineProperty(Faceless.prototype, 'constructor', {
  get() {
    throw new Error('no constructor for you');
  },
});

class Echo {
  @On(String)
  echo(msg: string): string {
    return msg;
  }

  @On(Number)
  evilReply(): unknown {
    return {
      get then() {
        throw new Error('no then for you');
      },
    };
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: ActorRef;
}

async function startEcho(): Promise<{ h: Harness; echo: ActorRef }> {
  const h = await startSystem(App);
  return { h, echo: refAt(h.system, '/app/echo') };
}

/** The hostile message was dead-lettered ('failed' or 'unhandled') at `/app/echo`. */
function expectDeadLettered(h: Harness, message: unknown): void {
  const letters = h.deadLetters.filter((d) => d.message === message && d.path === '/app/echo');
  expect(letters.map((d) => d.reason), 'dead letters of the hostile message').to.have.length(1);
  expect(['failed', 'unhandled']).to.include(letters[0].reason);
}

describe('regressions: hostile message values', function () {
  this.timeout(2000);
  const escapes = escapesOfEachTest();
  afterEach(function () {
    // Checked after the test body, so that a test that failed for another reason says so first.
    if (this.currentTest?.state === 'passed' && escapes.errors.length > 0) {
      throw new Error(`an error escaped the runtime: ${String(escapes.errors[0])}`);
    }
  });

  for (const [label, make] of [
    ['a revoked Proxy', revokedProxy],
    ['a Proxy whose getPrototypeOf trap throws', proxyWithoutPrototype],
    ['an instance of a class whose constructor getter throws', () => new Faceless()],
  ] as const) {
    it(`dead-letters or fails on ${label} told to an actor, and handles the next messages`, async () => {
      const { h, echo } = await startEcho();
      const hostile = make();
      echo.tell(hostile);
      const next = track(echo.ask('next', { timeoutMs: 60_000 }));
      await expectSettles(h.scheduler, next, 'the ask after the hostile message');
      expect(next.value).to.equal('next');
      expectDeadLettered(h, hostile);
      await shutdown(h);
    });

    it(`rejects the ask of ${label}, and handles the next messages`, async () => {
      const { h, echo } = await startEcho();
      const hostile = make();
      const asked = ending(echo.ask(hostile, { timeoutMs: 60_000 }));
      const next = track(echo.ask('next', { timeoutMs: 60_000 }));
      await expectSettles(h.scheduler, next, 'the ask after the hostile message');
      expect(asked.settled, 'the ask of the hostile message settled').to.equal(true);
      expect(asked.rejected, 'the ask of the hostile message rejected').to.equal(true);
      expect(next.value).to.equal('next');
      expectDeadLettered(h, hostile);
      await shutdown(h);
    });
  }

  it('times out the ask of a message whose constructor getter throws, and every other ask too', async () => {
    class Mute {
      @On(Faceless)
      async never(): Promise<void> {
        await new Promise(() => undefined);
      }
    }
    @Supervisor()
    class Root {
      @Child(Mute) mute!: ActorRef;
      @Child(Mute) other!: ActorRef;
    }
    const h = await startSystem(Root);
    const hostile = track(refAt(h.system, '/app/mute').ask(new Faceless(), { timeoutMs: 100 }));
    const plain = track(refAt(h.system, '/app/other').ask(new (class Plain extends Faceless {})(), { timeoutMs: 200 }));
    await expectSettles(h.scheduler, plain, 'the second ask', 100, 10);
    expect(hostile.error).to.be.instanceOf(AskTimeoutError);
    expect(plain.error).to.be.instanceOf(AskTimeoutError);
  });

  it('settles the ask whose reply has a throwing then getter, and keeps the actor working', async () => {
    const { h, echo } = await startEcho();
    const evil = track(echo.ask(42, { timeoutMs: 60_000 }));
    const next = track(echo.ask('next', { timeoutMs: 60_000 }));
    await expectSettles(h.scheduler, next, 'the ask after the hostile reply');
    expect(evil.settled, 'the ask with the hostile reply settled').to.equal(true);
    expect(next.value).to.equal('next');
    await shutdown(h);
  });

  it('handles the next messages after a hostile value was told by an actor (with a sender)', async () => {
    class Relay {
      @On(String)
      relay(msg: string, ctx: Context): void {
        const echo = ctx.system.lookup('/app/echo') as ActorRef;
        echo.tell(msg === 'go' ? revokedProxy() : msg);
      }
    }
    @Supervisor()
    class Root {
      @Child(Echo) echo!: ActorRef;
      @Child(Relay) relay!: ActorRef;
    }
    const h = await startSystem(Root);
    refAt(h.system, '/app/relay').tell('go');
    await h.scheduler.advanceBy(0);
    const next = track(refAt(h.system, '/app/echo').ask('next', { timeoutMs: 60_000 }));
    await expectSettles(h.scheduler, next, 'the ask after the hostile message');
    expect(next.value).to.equal('next');
    await shutdown(h);
  });
});
