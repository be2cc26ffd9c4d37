/**
 * Unit specs of the bookkeeping behind `ask`: the heap of deadline lanes (AskDeadlines), the
 * one abort listener per signal (SignalAsks), and the guarded time-outs. Everything runs on
 * virtual time; the cost claims (close to linear) are measured in bench/ (W2b), not here.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { getEventListeners } from 'node:events';
import { AskTimeoutError, On } from '../../lib';
import { AskDeadlines } from '../../lib/core/ask-deadlines';
import { MinHeap } from '../../lib/core/min-heap';
import { PendingAsk } from '../../lib/core/pending-ask';
import { settle, VirtualScheduler } from '../../lib/testing';
import { kill, killLeftovers, startWorker, track } from '../actor/helpers';

/** A PendingAsk that records how and when it settled. */
interface Probe {
  readonly id: number;
  readonly ask: PendingAsk;
  outcome?: { kind: 'resolved' | 'rejected'; value: unknown; time: number };
}

function probe(id: number, scheduler: VirtualScheduler, log: Probe[], timeoutError: (() => Error) | undefined = () => new AskTimeoutError(`ask ${id} timed out`)): Probe {
  const p: Probe = {
    id,
    ask: new PendingAsk(
      (value) => {
        p.outcome = { kind: 'resolved', value, time: scheduler.now() };
        log.push(p);
      },
      (value) => {
        p.outcome = { kind: 'rejected', value, time: scheduler.now() };
        log.push(p);
      },
      timeoutError,
    ),
  };
  return p;
}

/** Runs `body` with uncaught exceptions collected instead of failing the test (mocha's handler is set aside). */
async function collectingUncaught(body: () => Promise<void>): Promise<unknown[]> {
  const caught: unknown[] = [];
  const saved = process.listeners('uncaughtException');
  const collect = (error: unknown) => caught.push(error);
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', collect);
  try {
    await body();
    await settle();
  } finally {
    process.removeListener('uncaughtException', collect);
    for (const listener of saved) process.on('uncaughtException', listener);
  }
  return caught;
}

/** A message whose type cannot be named: every trap of a revoked proxy throws. */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('MinHeap (the lanes of the ask deadlines)', () => {
  it('pops in (key, tie) order for any sequence of push, pop and replaceTop', () => {
    type Op = { op: 'push'; key: number; tie: number } | { op: 'pop' } | { op: 'replace'; key: number; tie: number };
    const entry = fc.record({ key: fc.integer({ min: 0, max: 20 }), tie: fc.integer({ min: 0, max: 5 }) });
    const ops = fc.array(
      fc.oneof(
        entry.map((e): Op => ({ op: 'push', ...e })),
        fc.constant<Op>({ op: 'pop' }),
        entry.map((e): Op => ({ op: 'replace', ...e })),
      ),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(ops, (operations) => {
        const heap = new MinHeap<number>();
        // The model: the (key, tie) of each item in the heap. Equal pairs may come out in any order.
        const model = new Map<number, [number, number]>();
        const smallest = (): [number, number] | undefined =>
          [...model.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
        let nextItem = 0;
        for (const operation of operations) {
          if (operation.op === 'push') {
            heap.push(nextItem, operation.key, operation.tie);
            model.set(nextItem++, [operation.key, operation.tie]);
          } else if (model.size === 0) {
            expect(heap.pop()).to.equal(undefined);
          } else if (operation.op === 'pop') {
            const expected = smallest();
            const popped = heap.pop()!;
            expect(model.get(popped)).to.deep.equal(expected);
            model.delete(popped);
          } else {
            const top = heap.peek()!;
            expect(model.get(top)).to.deep.equal(smallest());
            heap.replaceTop(operation.key, operation.tie);
            model.set(top, [operation.key, operation.tie]);
          }
          expect(heap.size).to.equal(model.size);
          const min = smallest();
          expect([heap.topKey, heap.topTie]).to.deep.equal(min ?? [Infinity, Infinity]);
          if (min !== undefined) expect(model.get(heap.peek()!)).to.deep.equal(min);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('AskDeadlines', () => {
  it('times out every unsettled ask exactly at its deadline, never a settled one, in deadline order, on one action', async () => {
    type Command = { kind: 'add'; timeoutMs: number } | { kind: 'settle'; pick: number } | { kind: 'advance'; ms: number };
    const command = fc.oneof(
      // A few shared timeouts (lanes with many asks) and many distinct ones (many lanes).
      fc.oneof(fc.constantFrom(10, 25), fc.integer({ min: 1, max: 60 })).map((timeoutMs): Command => ({ kind: 'add', timeoutMs })),
      fc.nat().map((pick): Command => ({ kind: 'settle', pick })),
      fc.integer({ min: 0, max: 30 }).map((ms): Command => ({ kind: 'advance', ms })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 60 }), async (commands) => {
        const scheduler = new VirtualScheduler();
        const deadlines = new AskDeadlines(scheduler);
        const log: Probe[] = [];
        const made: { probe: Probe; deadline: number; settledByHand: boolean }[] = [];
        for (const c of commands) {
          if (c.kind === 'add') {
            const p = probe(made.length, scheduler, log);
            made.push({ probe: p, deadline: scheduler.now() + c.timeoutMs, settledByHand: false });
            deadlines.add(p.ask, c.timeoutMs);
          } else if (c.kind === 'settle') {
            if (made.length === 0) continue;
            const m = made[c.pick % made.length];
            if (!m.probe.ask.settled) m.settledByHand = true;
            m.probe.ask.resolve('answer');
          } else {
            await scheduler.advanceBy(c.ms);
          }
          expect(scheduler.pending, 'one deadline action at most').to.be.at.most(1);
        }
        await scheduler.advanceBy(100);

        const timedOut = log.filter((p) => p.outcome!.kind === 'rejected');
        const expected = made
          .filter((m) => !m.settledByHand)
          .sort((a, b) => a.deadline - b.deadline || a.probe.id - b.probe.id);
        expect(timedOut.map((p) => p.id), 'the asks that timed out, in order').to.deep.equal(expected.map((m) => m.probe.id));
        for (const m of expected) {
          expect(m.probe.outcome!.time, `ask ${m.probe.id} timed out at its deadline`).to.equal(m.deadline);
          expect(m.probe.outcome!.value).to.be.instanceOf(AskTimeoutError);
          expect(m.probe.ask.timedOut).to.equal(true);
        }
        for (const m of made) expect(m.probe.ask.lane, 'a settled ask is off its lane').to.equal(undefined);
        expect(scheduler.pending, 'no action is left once every ask has settled and its time has come').to.equal(0);
      }),
      { numRuns: 200 },
    );
  });

  it('still times out 2,000 asks with 2,000 distinct timeouts, each at its own deadline', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    // Added in a scrambled order of timeouts, so the lanes do not arrive sorted.
    const timeouts = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 2000) + 1);
    for (const [i, timeoutMs] of timeouts.entries()) deadlines.add(probe(i, scheduler, log).ask, timeoutMs);
    expect(scheduler.pending).to.equal(1);
    scheduler.flush();
    expect(log.map((p) => p.outcome!.time)).to.deep.equal(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(scheduler.pending).to.equal(0);
  });

  it('fires nothing for settled asks, and its one action may stay armed only until its time', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    const asks = [100, 50, 75].map((timeoutMs, i) => {
      const p = probe(i, scheduler, log);
      deadlines.add(p.ask, timeoutMs);
      return p;
    });
    for (const p of asks) p.ask.resolve(p.id);
    expect(scheduler.pending).to.equal(1);
    await scheduler.advanceBy(50); // the armed time: it finds nothing due and does not re-arm
    expect(scheduler.pending).to.equal(0);
    await scheduler.advanceBy(1000);
    expect(log.map((p) => p.outcome!.kind)).to.deep.equal(['resolved', 'resolved', 'resolved']);
  });

  it('holds no timer after dispose, and ignores asks added afterwards', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    deadlines.add(probe(0, scheduler, log).ask, 100);
    deadlines.dispose();
    expect(scheduler.pending).to.equal(0);
    deadlines.add(probe(1, scheduler, log).ask, 10);
    expect(scheduler.pending).to.equal(0);
    await scheduler.advanceBy(1000);
    expect(log).to.deep.equal([]);
  });

  it('rejects an ask whose AskTimeoutError cannot be built with a fallback one, and goes on with the others', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    const thrown = new TypeError('cannot describe the message');
    const first = probe(0, scheduler, log);
    const bad = probe(1, scheduler, log, () => {
      throw thrown;
    });
    const sameTime = probe(2, scheduler, log);
    const later = probe(3, scheduler, log);
    deadlines.add(first.ask, 50);
    deadlines.add(bad.ask, 50);
    deadlines.add(sameTime.ask, 50);
    deadlines.add(later.ask, 80);

    await scheduler.advanceBy(50);
    expect(log.map((p) => p.id)).to.deep.equal([0, 1, 2]);
    const fallback = bad.outcome!.value as AskTimeoutError;
    expect(fallback).to.be.instanceOf(AskTimeoutError);
    expect(fallback.code).to.equal('ASK_TIMEOUT');
    expect(fallback.message).to.include('timed out after 50 ms');
    expect(fallback.cause).to.equal(thrown);
    expect(bad.ask.timedOut).to.equal(true);

    expect(scheduler.pending, 're-armed for the next deadline').to.equal(1);
    await scheduler.advanceBy(30);
    expect(later.outcome).to.deep.include({ kind: 'rejected', time: 80 });
    expect(later.outcome!.value).to.be.instanceOf(AskTimeoutError);
  });

  it('rejects with a plain AskTimeoutError when no builder was given', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const errors: unknown[] = [];
    const ask = new PendingAsk(() => undefined, (error) => errors.push(error), undefined);
    deadlines.add(ask, 20);
    await scheduler.advanceBy(20);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(AskTimeoutError);
    expect((errors[0] as Error).message).to.equal('An ask timed out after 20 ms.');
  });

  it('survives a rejection callback that throws: the others time out, it re-arms, and the error is reported as uncaught', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    const misbehaving = new Error('the rejection callback broke');
    const broken = new PendingAsk(
      () => undefined,
      () => {
        throw misbehaving;
      },
      () => new AskTimeoutError('broken timed out'),
    );
    const next = probe(1, scheduler, log);
    const later = probe(2, scheduler, log);
    deadlines.add(broken, 10);
    deadlines.add(next.ask, 10);
    deadlines.add(later.ask, 40);

    const caught = await collectingUncaught(async () => {
      await scheduler.advanceBy(10);
      expect(broken.settled && broken.timedOut).to.equal(true);
      expect(broken.lane).to.equal(undefined);
      expect(next.outcome).to.deep.include({ kind: 'rejected', time: 10 });
      expect(scheduler.pending, 're-armed for the next deadline').to.equal(1);
      await scheduler.advanceBy(30);
      expect(later.outcome).to.deep.include({ kind: 'rejected', time: 40 });
    });
    expect(caught).to.deep.equal([misbehaving]);
  });

  it('lets a rejection callback add and settle asks while the deadlines expire', async () => {
    const scheduler = new VirtualScheduler();
    const deadlines = new AskDeadlines(scheduler);
    const log: Probe[] = [];
    const victim = probe(1, scheduler, log);
    const added: Probe[] = [];
    const trigger = new PendingAsk(
      () => undefined,
      () => {
        victim.ask.resolve('settled by a callback'); // the next head of the same lane
        const p = probe(10 + added.length, scheduler, log);
        added.push(p);
        deadlines.add(p.ask, 5); // a new lane, while expiring
      },
      () => new AskTimeoutError('trigger'),
    );
    deadlines.add(trigger, 10);
    deadlines.add(victim.ask, 10);
    const sameLaneLater = probe(2, scheduler, log);
    await scheduler.advanceBy(3);
    deadlines.add(sameLaneLater.ask, 10);

    await scheduler.advanceBy(7); // t = 10
    expect(victim.outcome).to.deep.include({ kind: 'resolved', time: 10 });
    expect(scheduler.pending).to.equal(1);
    await scheduler.advanceBy(3); // t = 13
    expect(sameLaneLater.outcome).to.deep.include({ kind: 'rejected', time: 13 });
    await scheduler.advanceBy(2); // t = 15
    expect(added[0].outcome).to.deep.include({ kind: 'rejected', time: 15 });
    expect(scheduler.pending).to.equal(0);
  });
});

describe('ask: a throwing AskTimeoutError builder (through an actor)', () => {
  afterEach(killLeftovers);

  it('rejects the ask of a message whose type cannot be read, and every later timeout still fires', async () => {
    class Silent {
      @On(String)
      handle(): Promise<never> {
        return new Promise<never>(() => undefined);
      }
    }
    const h = await startWorker(Silent, {}, { askTimeoutMs: 1000 });
    const busy = track(h.ref.ask('keeps the actor busy')); // the others wait in the mailbox
    const bad = track(h.ref.ask(revokedProxy(), { timeoutMs: 50 }));
    const later = track(h.ref.ask('later', { timeoutMs: 100 }));

    await h.scheduler.advanceBy(50);
    expect(bad.error).to.be.instanceOf(AskTimeoutError);
    expect((bad.error as Error).message).to.include('timed out after 50 ms');
    expect((bad.error as Error).message, 'the type name is written safely, so the proper error is built').to.include('/app/worker');
    expect(later.settled).to.equal(false);

    await h.scheduler.advanceBy(50);
    expect(later.error).to.be.instanceOf(AskTimeoutError);
    expect((later.error as Error).message).to.include('/app/worker');
    await h.scheduler.advanceBy(900);
    expect(busy.error).to.be.instanceOf(AskTimeoutError);
    kill(h);
  });
});

describe('ask: many asks on one AbortSignal', () => {
  afterEach(killLeftovers);

  class Silent {
    @On(Number)
    handle(): Promise<never> {
      return new Promise<never>(() => undefined);
    }
  }

  /** Counts the calls of addEventListener and removeEventListener on `signal`. */
  function counting(signal: AbortSignal): { added: number; removed: number } {
    const counts = { added: 0, removed: 0 };
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      counts.added++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      counts.removed++;
      remove(...args);
    }) as typeof signal.removeEventListener;
    return counts;
  }

  it('adds one listener for all of them, and an abort rejects every pending one with signal.reason, in ask order', async () => {
    const h = await startWorker(Silent, {}, { askTimeoutMs: 100 });
    const controller = new AbortController();
    const counts = counting(controller.signal);
    const order: number[] = [];
    const replies = Array.from({ length: 50 }, (_, i) => {
      const reply = h.ref.ask(i, { signal: controller.signal });
      reply.catch(() => order.push(i));
      return track(reply);
    });
    expect(counts.added).to.equal(1);
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);

    const reason = new Error('caller gave up');
    controller.abort(reason);
    await settle();
    expect(order).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
    for (const reply of replies) expect(reply.error).to.equal(reason);
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);

    await h.scheduler.advanceBy(100);
    for (const reply of replies) expect(reply.error, 'an aborted ask never times out').to.equal(reason);
    kill(h);
  });

  it('leaves no listener once every ask has settled, and attaches again for a later ask', async () => {
    class Echo {
      @On(Number)
      handle(value: number): number {
        return value;
      }
    }
    const h = await startWorker(Echo, {}, { askTimeoutMs: 100 });
    const controller = new AbortController();
    const counts = counting(controller.signal);
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => h.ref.ask(i, { signal: controller.signal })));
    expect(replies[199]).to.equal(199);
    expect(counts).to.deep.equal({ added: 1, removed: 1 });
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);

    // Asked again later, the signal gets its listener back, and an abort still works.
    const silent = h.system.spawn(Silent);
    const reply = track(silent.ask(1, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
    controller.abort('stop');
    await settle();
    expect(reply.error).to.equal('stop');
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
    kill(h);
  });

  it('rejects only the asks still pending when it aborts; the settled ones keep their outcome', async () => {
    const h = await startWorker(Silent, {}, { askTimeoutMs: 1000 });
    const controller = new AbortController();
    const short = track(h.ref.ask(1, { signal: controller.signal, timeoutMs: 10 }));
    const long = track(h.ref.ask(2, { signal: controller.signal }));
    const both = track(h.ref.ask(3, { signal: controller.signal }));
    await h.scheduler.advanceBy(10);
    expect(short.error).to.be.instanceOf(AskTimeoutError);

    controller.abort('gave up');
    await settle();
    expect(long.error).to.equal('gave up');
    expect(both.error).to.equal('gave up');
    expect(short.error).to.be.instanceOf(AskTimeoutError);
    kill(h);
  });

  it('keeps the listeners of others on the signal, and lets its own go', async () => {
    const h = await startWorker(Silent, {}, { askTimeoutMs: 100 });
    const controller = new AbortController();
    let userCalls = 0;
    controller.signal.addEventListener('abort', () => userCalls++);
    const replies = [1, 2, 3].map((i) => track(h.ref.ask(i, { signal: controller.signal })));
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(2);
    await h.scheduler.advanceBy(100); // every ask times out
    expect(replies.every((r) => r.error instanceof AskTimeoutError)).to.equal(true);
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
    controller.abort();
    expect(userCalls).to.equal(1);
    kill(h);
  });

  it('rejects every ask even if one rejection callback throws, and reports that error as uncaught', async () => {
    const controller = new AbortController();
    const misbehaving = new Error('the rejection callback broke');
    const rejected: number[] = [];
    const asks = [0, 1, 2].map(
      (i) =>
        new PendingAsk(
          () => undefined,
          (reason) => {
            rejected.push(i);
            expect(reason).to.equal('why');
            if (i === 1) throw misbehaving;
          },
          undefined,
        ),
    );
    for (const ask of asks) ask.listen(controller.signal);
    const caught = await collectingUncaught(async () => {
      controller.abort('why');
    });
    expect(rejected).to.deep.equal([0, 1, 2]);
    expect(asks.every((a) => a.settled && a.signalAsks === undefined)).to.equal(true);
    expect(caught).to.deep.equal([misbehaving]);
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
  });

  it('rejects at once when listening to a signal that has already aborted', () => {
    const reasons: unknown[] = [];
    const ask = new PendingAsk(() => undefined, (reason) => reasons.push(reason), undefined);
    const signal = AbortSignal.abort('already');
    ask.listen(signal);
    expect(reasons).to.deep.equal(['already']);
    expect(getEventListeners(signal, 'abort')).to.have.length(0);
  });

  it('settles exactly once: an abort or a rejection after the reply changes nothing', () => {
    const controller = new AbortController();
    const outcomes: string[] = [];
    const ask = new PendingAsk(
      () => outcomes.push('resolved'),
      () => outcomes.push('rejected'),
      undefined,
    );
    ask.listen(controller.signal);
    ask.resolve('value');
    controller.abort();
    ask.reject('late');
    expect(outcomes).to.deep.equal(['resolved']);
    expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
  });
});
