/**
 * `throw undefined`, `throw null` and `Promise.reject(undefined)` are failures like any other:
 * the ask rejects with exactly the thrown value, not with a runtime error of its own.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { ending, eventLog, expectSettles, killLeftovers, lettersOf, refAt, shutdown, startSystem } from './helpers';

class Thrower {
  @On(String)
  handle(msg: string): unknown {
    switch (msg) {
      case 'undefined':
        throw undefined;
      case 'null':
        throw null;
      case 'reject undefined':
        return Promise.reject(undefined);
      case 'reject null':
        return Promise.reject(null);
      default:
        return msg;
    }
  }
}

class AsyncThrower {
  @On(String)
  async handle(msg: string): Promise<string> {
    await Promise.resolve();
    if (msg === 'undefined') throw undefined;
    return msg;
  }
}

@Supervisor({ maxRestarts: Infinity })
class App {
  @Child(Thrower) thrower!: ActorRef;
  @Child(AsyncThrower) later!: ActorRef;
}

describe('regressions: failures with no value', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  for (const [message, path, expected] of [
    ['undefined', '/app/thrower', undefined],
    ['null', '/app/thrower', null],
    ['reject undefined', '/app/thrower', undefined],
    ['reject null', '/app/thrower', null],
    ['undefined', '/app/later', undefined],
  ] as const) {
    it(`rejects the ask with exactly ${String(expected)} when the handler at ${path} does '${message}'`, async () => {
      const h = await startSystem(App);
      const asked = ending(refAt(h.system, path).ask(message, { timeoutMs: 60_000 }));
      await expectSettles(h.scheduler, asked, 'the ask');
      expect(asked.rejected, 'the ask rejected').to.equal(true);
      expect(asked.value, 'the rejection value').to.equal(expected);
      expect(lettersOf(h, path)).to.deep.equal([['failed', message]]);
      expect(eventLog(h, ['failed', 'restarted'])).to.deep.equal([`failed ${path}`, `restarted ${path}`]);
      expect(await refAt(h.system, path).ask('still here')).to.equal('still here');
      await shutdown(h);
    });
  }
});
