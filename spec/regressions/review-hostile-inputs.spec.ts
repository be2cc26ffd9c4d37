/**
 * No user value may throw inside the runtime's own loops. Here the values are an ask's
 * AbortSignal, a ref handed to ctx.watch, spawn options and an events$ subscriber: each
 * misbehaves later than the call that handed it over, when the runtime uses it.
 */
import { expect } from 'chai';
import { Subscriber } from 'rxjs';
import { On, Supervisor, Terminated } from '../../lib';
import type { Context, SystemEvent } from '../../lib';
import { advanceUntil, shutdown, startSystem, track, escapesOfEachTest } from './helpers';

class Echo {
  @On(String)
  handle(msg: string): string {
    return msg;
  }
}

@Supervisor()
class App {}

describe('regressions (review): user values that misbehave later', function () {
  this.timeout(4000);
  escapesOfEachTest();

  it("settles an ask whose AbortSignal's removeEventListener throws, and the actor handles the next messages", async () => {
    const h = await startSystem(App);
    const echo = h.system.spawn(Echo, { name: 'echo' });
    const controller = new AbortController();
    Object.defineProperty(controller.signal, 'removeEventListener', {
      value: () => {
        throw new Error('a hostile removeEventListener');
      },
    });
    const first = track(echo.ask('one', { signal: controller.signal, timeoutMs: 100 }));
    const second = track(echo.ask('two', { timeoutMs: 100 }));
    await advanceUntil(h.scheduler, () => first.settled && second.settled, 10, 30);
    expect(first.settled, 'the ask with the hostile signal settled').to.equal(true);
    expect(second.value, 'the next ask was answered').to.equal('two');
    await shutdown(h);
  });

  it('ends the stop of an actor that watched a ref through a Proxy that was revoked later: it leaves tree(), and its own watchers get Terminated', async () => {
    let revoke: () => void = () => undefined;
    const got: string[] = [];
    class Watcher {
      @On(String)
      handle(_msg: string, ctx: Context): string {
        const target = ctx.system.lookupActor('/app/target')!;
        const proxy = Proxy.revocable(target, {});
        revoke = proxy.revoke;
        ctx.watch(proxy.proxy);
        return 'watching';
      }
    }
    class Observer {
      @On(String)
      handle(_msg: string, ctx: Context): void {
        ctx.watch(ctx.system.lookupActor('/app/watcher')!);
      }
      @On(Terminated)
      terminated(t: Terminated): void {
        got.push(t.ref.path);
      }
    }
    const h = await startSystem(App);
    h.system.spawn(Echo, { name: 'target' });
    const watcher = h.system.spawn(Watcher, { name: 'watcher' });
    const observer = h.system.spawn(Observer, { name: 'observer' });
    await h.scheduler.advanceBy(0);
    expect(await watcher.ask('watch')).to.equal('watching');
    observer.tell('watch');
    await h.scheduler.advanceBy(0);
    revoke();
    const stopped = track(watcher.stop());
    await advanceUntil(h.scheduler, () => stopped.settled && got.length > 0, 10, 30);
    expect(stopped.error, 'watcher.stop() error').to.equal(undefined);
    expect(h.system.tree().children.map((c) => c.path), 'the watcher left tree()').to.not.include('/app/watcher');
    expect(got, "the watcher's own watcher got Terminated").to.deep.equal(['/app/watcher']);
    await shutdown(h);
  });

  it("takes spawn's mailbox options as they were at spawn: a getter that throws afterwards throws nothing into the scheduler", async () => {
    const got: string[] = [];
    class Ticker {
      beforeStart(ctx: Context): void {
        ctx.schedule(10, 'tick');
      }
      @On(String)
      handle(msg: string): void {
        got.push(msg);
      }
    }
    const h = await startSystem(App);
    let hostile = false;
    const mailbox = {
      get capacity(): number {
        if (hostile) throw new Error('a capacity getter that throws after spawn()');
        return 10;
      },
      overflow: 'drop-newest' as const,
    };
    h.system.spawn(Ticker, { name: 'ticker', mailbox });
    hostile = true;
    let thrown: unknown;
    try {
      await h.scheduler.advanceBy(20);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'what the scheduler threw').to.equal(undefined);
    expect(got).to.deep.equal(['tick']);
    await shutdown(h);
  });

  it('keeps starting actors when an events$ subscriber given as an rxjs Subscriber throws', async () => {
    const h = await startSystem(App);
    const seen: SystemEvent[] = [];
    h.system.events$.subscribe(
      new Subscriber<SystemEvent>({
        next: () => {
          throw new Error('a subscriber that throws');
        },
        error: () => undefined,
        complete: () => undefined,
      }),
    );
    h.system.events$.subscribe((event) => seen.push(event));
    const echo = h.system.spawn(Echo, { name: 'echo' });
    const answer = track(echo.ask('hello', { timeoutMs: 100 }));
    await advanceUntil(h.scheduler, answer, 10, 20);
    expect(answer.value, 'the spawned actor answers').to.equal('hello');
    expect(seen.map((e) => `${e.type} ${e.path}`), 'the other subscriber got the event').to.include('started /app/echo');
    await shutdown(h);
  });
});
