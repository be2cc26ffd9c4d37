import { expect } from 'chai';
import { AskTimeoutError, On } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, kill, killLeftovers, shutdown, startWorker, track, type Deferred } from './helpers';

/** An actor whose replies the test releases by hand. */
function slowReplier(gate: Deferred<string>, log: string[] = []) {
  class SlowReplier {
    @On(String)
    async handle(msg: string): Promise<string> {
      log.push(msg);
      return gate.promise;
    }
  }
  return SlowReplier;
}

describe('ask: timeouts', () => {
  afterEach(killLeftovers);

  it('rejects with AskTimeoutError after the askTimeoutMs of the system, in virtual time', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate), {}, { askTimeoutMs: 100 });

    const reply = track(h.ref.ask('question'));
    await h.scheduler.advanceBy(99);
    expect(reply.settled).to.equal(false);

    await h.scheduler.advanceBy(1);
    expect(reply.error).to.be.instanceOf(AskTimeoutError);
    expect((reply.error as AskTimeoutError).code).to.equal('ASK_TIMEOUT');
    expect((reply.error as Error).message).to.include('/app/worker');

    gate.resolve('late');
    await settle();
    await shutdown(h);
  });

  it('defaults askTimeoutMs to 5000', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate));

    const reply = track(h.ref.ask('question'));
    await h.scheduler.advanceBy(4999);
    expect(reply.settled).to.equal(false);

    await h.scheduler.advanceBy(1);
    expect(reply.error).to.be.instanceOf(AskTimeoutError);

    gate.resolve('late');
    await settle();
    await shutdown(h);
  });

  it('lets a per-call timeoutMs override the default, shorter or longer', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate), {}, { askTimeoutMs: 100 });

    const short = track(h.ref.ask('short', { timeoutMs: 30 }));
    const long = track(h.ref.ask('long', { timeoutMs: 250 }));
    await h.scheduler.advanceBy(30);
    expect(short.error).to.be.instanceOf(AskTimeoutError);
    expect(long.settled).to.equal(false);

    await h.scheduler.advanceBy(200); // t = 230: past the default, before its own timeout
    expect(long.settled).to.equal(false);

    await h.scheduler.advanceBy(20);
    expect(long.error).to.be.instanceOf(AskTimeoutError);

    gate.resolve('late');
    await settle();
    await shutdown(h);
  });

  it('dead-letters a late reply with reason timeout, the reply as message and the replier as path', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate), {}, { askTimeoutMs: 50 });

    const reply = track(h.ref.ask('question'));
    await h.scheduler.advanceBy(50);
    expect(reply.error).to.be.instanceOf(AskTimeoutError);
    expect(h.deadLetters).to.deep.equal([]);

    await h.scheduler.advanceBy(25);
    gate.resolve('the late reply');
    await settle();

    expect(h.deadLetters.map(({ reason, message, path, time }) => ({ reason, message, path, time }))).to.deep.equal([
      { reason: 'timeout', message: 'the late reply', path: '/app/worker', time: 75 },
    ]);
    expect(reply.value).to.equal(undefined); // it settled once, as a rejection
    await shutdown(h);
  });

  it('does not time out an ask that was answered in time, and clears its timer', async () => {
    class Quick {
      @On(String)
      handle(msg: string): string {
        return msg.toUpperCase();
      }
    }
    const h = await startWorker(Quick, {}, { askTimeoutMs: 100 });
    const pendingBefore = h.scheduler.pending;

    const reply = track(h.ref.ask('ok'));
    await settle();
    expect(reply.value).to.equal('OK');

    await h.scheduler.advanceBy(1000);
    expect(reply.error).to.equal(undefined);
    expect(h.deadLetters).to.deep.equal([]);
    expect(h.scheduler.pending, 'no timer is left for the answered ask').to.equal(pendingBefore);
    await shutdown(h);
  });

  for (const timeoutMs of [0, -5, NaN]) {
    it(`throws RangeError synchronously at the call for timeoutMs ${timeoutMs}`, async () => {
      const log: string[] = [];
      const gate = deferred<string>();
      const h = await startWorker(slowReplier(gate, log));

      expect(() => h.ref.ask('question', { timeoutMs })).to.throw(RangeError);
      await settle();
      expect(log, 'the message is not sent').to.deep.equal([]);

      gate.resolve('unused');
      await shutdown(h);
    });
  }
});

describe('ask: the deadline list', () => {
  it('keeps one scheduler action for any number of outstanding asks, and times each out at its own deadline', async () => {
    class Silent {
      @On(String)
      handle(): Promise<never> {
        return new Promise<never>(() => undefined);
      }
    }
    const h = await startWorker(Silent, {}, { askTimeoutMs: 100 });
    const pendingBefore = h.scheduler.pending;
    const first = track(h.ref.ask('a'));
    await h.scheduler.advanceBy(10);
    const second = track(h.ref.ask('b'));
    const short = track(h.ref.ask('c', { timeoutMs: 50 }));
    expect(h.scheduler.pending - pendingBefore).to.equal(1);

    await h.scheduler.advanceBy(49);
    expect([first.settled, second.settled, short.settled]).to.deep.equal([false, false, false]);
    await h.scheduler.advanceBy(1);
    expect([first.settled, second.settled, short.settled]).to.deep.equal([false, false, true]);
    await h.scheduler.advanceBy(40);
    expect([first.settled, second.settled]).to.deep.equal([true, false]);
    await h.scheduler.advanceBy(10);
    expect(second.error).to.be.instanceOf(AskTimeoutError);
    expect(h.scheduler.pending).to.equal(pendingBefore);
    kill(h);
  });
});
