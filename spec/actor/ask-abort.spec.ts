import { expect } from 'chai';
import { On } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, shutdown, startWorker, track, type Deferred } from './helpers';

function slowReplier(gate: Deferred<string>) {
  class SlowReplier {
    @On(String)
    async handle(): Promise<string> {
      return gate.promise;
    }
  }
  return SlowReplier;
}

describe('ask: abort signal', () => {
  afterEach(killLeftovers);

  it('rejects with signal.reason when the signal is aborted, and clears the ask timer', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate), {}, { askTimeoutMs: 100 });
    const pendingBefore = h.scheduler.pending;
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const reply = track(h.ref.ask('question', { signal: controller.signal }));
    await settle();
    expect(reply.settled).to.equal(false);

    controller.abort(reason);
    await settle();
    expect(reply.error).to.equal(reason);

    // The aborted ask is off the deadline list: it never becomes a timeout, and once the
    // shared deadline action has run, nothing is left pending for it.
    await h.scheduler.advanceBy(500);
    expect(reply.error).to.equal(reason);
    expect(h.scheduler.pending, 'no timer is left for the aborted ask').to.equal(pendingBefore);

    gate.resolve('late');
    await settle();
    await shutdown(h);
  });

  it('rejects with the default AbortError reason when aborted without a reason', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate));
    const controller = new AbortController();

    const reply = track(h.ref.ask('question', { signal: controller.signal }));
    controller.abort();
    await settle();

    expect(reply.error).to.equal(controller.signal.reason);
    expect((reply.error as Error).name).to.equal('AbortError');

    gate.resolve('late');
    await settle();
    await shutdown(h);
  });

  it('rejects at once with signal.reason when the signal is already aborted', async () => {
    const gate = deferred<string>();
    const h = await startWorker(slowReplier(gate), {}, { askTimeoutMs: 100 });
    const reason = new Error('aborted before asking');

    const reply = track(h.ref.ask('question', { signal: AbortSignal.abort(reason) }));
    await settle(); // no virtual time passes

    expect(reply.settled).to.equal(true);
    expect(reply.error).to.equal(reason);

    gate.resolve('unused');
    await settle();
    await shutdown(h);
  });

  it('ignores an abort that comes after the reply', async () => {
    class Quick {
      @On(String)
      handle(msg: string): string {
        return `re: ${msg}`;
      }
    }
    const h = await startWorker(Quick);
    const controller = new AbortController();

    const reply = await h.ref.ask('question', { signal: controller.signal });
    controller.abort(new Error('too late'));
    await settle();

    expect(reply).to.equal('re: question');
    await shutdown(h);
  });
});
