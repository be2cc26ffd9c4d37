import { expect } from 'chai';
import { ActorStoppedError, AskTimeoutError, On } from '../../lib';
import type { Context } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, kill, killLeftovers, shutdown, startWorker, track, type Deferred } from './helpers';

/** What a handler saw of its context, and what happened to its signal afterwards. */
interface Seen {
  message: string;
  signal: AbortSignal;
  abortedAtStart: boolean;
  deadline: number | undefined;
  now: number;
}

/** Records what each handler sees; `'wait'` messages wait for `gate` (the asker may give up meanwhile). */
function recorder(seen: Seen[], gate: Deferred<void>) {
  class Recorder {
    @On(String)
    async handle(message: string, ctx: Context): Promise<string> {
      const signal = ctx.signal;
      seen.push({ message, signal, abortedAtStart: signal.aborted, deadline: ctx.deadline, now: ctx.now() });
      if (message.startsWith('wait')) await gate.promise;
      return `done ${message}`;
    }
  }
  return Recorder;
}

describe('Context: handlers that know their deadline', () => {
  afterEach(killLeftovers);

  describe('ctx.signal', () => {
    it('aborts when the ask times out, with the AskTimeoutError the asker got', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate));

      const reply = track(h.ref.ask('wait', { timeoutMs: 100 }));
      await h.scheduler.advanceBy(0);
      expect(seen).to.have.length(1);
      expect(seen[0].signal.aborted).to.equal(false);

      await h.scheduler.advanceBy(99);
      expect(seen[0].signal.aborted).to.equal(false);
      await h.scheduler.advanceBy(1);
      expect(reply.error).to.be.instanceOf(AskTimeoutError);
      expect(seen[0].signal.aborted).to.equal(true);
      expect(seen[0].signal.reason).to.equal(reply.error);

      gate.resolve();
      await settle();
      await shutdown(h);
    });

    it("aborts when the asker's own signal aborts, with that signal's reason", async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate));
      const asker = new AbortController();

      const reply = track(h.ref.ask('wait', { signal: asker.signal }));
      await h.scheduler.advanceBy(0);
      const events: unknown[] = [];
      seen[0].signal.addEventListener('abort', () => events.push(seen[0].signal.reason));

      const why = new Error('the user left');
      asker.abort(why);
      await settle();
      expect(reply.error).to.equal(why);
      expect(seen[0].signal.aborted).to.equal(true);
      expect(events).to.deep.equal([why]);

      gate.resolve();
      await settle();
      await shutdown(h);
    });

    it('aborts with an ActorStoppedError when the actor is killed', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate));

      const reply = track(h.ref.ask('wait'));
      h.ref.tell('wait too');
      await h.scheduler.advanceBy(0);
      h.ref.kill();
      await settle();
      expect(reply.error).to.be.instanceOf(ActorStoppedError);
      expect(seen[0].signal.aborted).to.equal(true);
      expect(seen[0].signal.reason).to.be.instanceOf(ActorStoppedError);
      expect((seen[0].signal.reason as Error).message).to.equal(
        '/app/worker was stopped (killed, restarted or stopped for good) before this work finished: ctx.signal is aborted.',
      );
      kill(h);
    });

    it('aborts the signal of a tell only when the actor is killed', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate), {}, { askTimeoutMs: 10 });

      h.ref.tell('wait');
      await h.scheduler.advanceBy(1000);
      expect(seen[0].signal.aborted).to.equal(false);
      h.ref.kill();
      expect(seen[0].signal.aborted).to.equal(true);
      expect(seen[0].signal.reason).to.be.instanceOf(ActorStoppedError);
      kill(h);
    });

    it('is never aborted for a normal tell that is handled', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      gate.resolve();
      const h = await startWorker(recorder(seen, gate));

      h.ref.tell('one');
      h.ref.tell('two');
      await h.scheduler.advanceBy(10_000);
      expect(seen.map((s) => [s.message, s.signal.aborted])).to.deep.equal([
        ['one', false],
        ['two', false],
      ]);
      await shutdown(h);
    });

    it('starts aborted for an ask whose asker gave up while it was queued', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate));

      h.ref.tell('wait first');
      const late = track(h.ref.ask('queued', { timeoutMs: 50 }));
      await h.scheduler.advanceBy(50);
      expect(late.error).to.be.instanceOf(AskTimeoutError);
      expect(seen.map((s) => s.message)).to.deep.equal(['wait first']);

      gate.resolve();
      await settle();
      expect(seen.map((s) => s.message)).to.deep.equal(['wait first', 'queued']);
      expect(seen[1].abortedAtStart).to.equal(true);
      expect(seen[1].signal.reason).to.equal(late.error);
      await shutdown(h);
    });

    it('gives each ask a signal of its own: the next ask is not aborted by an earlier asker', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      const h = await startWorker(recorder(seen, gate));

      const first = track(h.ref.ask('wait', { timeoutMs: 10 }));
      await h.scheduler.advanceBy(10);
      expect(first.error).to.be.instanceOf(AskTimeoutError);
      gate.resolve();
      await settle();
      const second = track(h.ref.ask('next', { timeoutMs: 1000 }));
      await h.scheduler.advanceBy(0);
      expect(second.value).to.equal('done next');
      expect(seen.map((s) => [s.message, s.signal.aborted])).to.deep.equal([
        ['wait', true],
        ['next', false],
      ]);
      await shutdown(h);
    });

    it('outside a handler (in beforeStart) is the incarnation signal: it aborts when the actor is killed', async () => {
      const signals: AbortSignal[] = [];
      class Hooked {
        beforeStart(ctx: Context): void {
          signals.push(ctx.signal);
        }
        @On(String)
        handle(): void {}
      }
      const h = await startWorker(Hooked, {}, { askTimeoutMs: 10 });
      await h.scheduler.advanceBy(1000);
      expect(signals[0].aborted).to.equal(false);
      h.ref.kill();
      expect(signals[0].aborted).to.equal(true);
      expect(signals[0].reason).to.be.instanceOf(ActorStoppedError);
      kill(h);
    });

    it('leaves the reply of an ask that was never read alone: no signal, no abort, the reply as usual', async () => {
      const seen: string[] = [];
      class Plain {
        @On(String)
        handle(message: string): string {
          seen.push(message);
          return `re ${message}`;
        }
      }
      const h = await startWorker(Plain);
      const reply = track(h.ref.ask('hi', { timeoutMs: 10 }));
      await h.scheduler.advanceBy(0);
      expect(reply.value).to.equal('re hi');
      await h.scheduler.advanceBy(100);
      expect(h.deadLetters).to.deep.equal([]);
      await shutdown(h);
    });
  });

  describe('ctx.deadline', () => {
    it("is the scheduler time at which the current ask times out", async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      gate.resolve();
      const h = await startWorker(recorder(seen, gate), {}, { askTimeoutMs: 300 });
      await h.scheduler.advanceBy(1234);
      const start = h.scheduler.now();

      const own = track(h.ref.ask('own', { timeoutMs: 250 }));
      const byDefault = track(h.ref.ask('default'));
      await h.scheduler.advanceBy(0);
      expect(own.value).to.equal('done own');
      expect(byDefault.value).to.equal('done default');
      expect(seen.map((s) => [s.message, s.deadline])).to.deep.equal([
        ['own', start + 250],
        ['default', start + 300],
      ]);
      await shutdown(h);
    });

    it('is undefined for a tell, and for an ask with no finite timeout', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      gate.resolve();
      const h = await startWorker(recorder(seen, gate));

      h.ref.tell('told');
      const forever = track(h.ref.ask('forever', { timeoutMs: Infinity }));
      await h.scheduler.advanceBy(0);
      expect(forever.value).to.equal('done forever');
      expect(seen.map((s) => [s.message, s.deadline])).to.deep.equal([
        ['told', undefined],
        ['forever', undefined],
      ]);
      await shutdown(h);
    });
  });

  describe('ctx.now()', () => {
    it('is scheduler.now(): it follows VirtualScheduler.advanceBy', async () => {
      const seen: Seen[] = [];
      const gate = deferred();
      gate.resolve();
      const h = await startWorker(recorder(seen, gate));
      const t0 = h.scheduler.now();

      h.ref.tell('a');
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(40);
      h.ref.tell('b');
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(2);
      h.ref.tell('c');
      await h.scheduler.advanceBy(0);
      expect(seen.map((s) => s.now - t0)).to.deep.equal([0, 40, 42]);
      await shutdown(h);
    });
  });
});
