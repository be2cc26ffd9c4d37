import { expect } from 'chai';
import { AssertionError } from 'node:assert';
import { promises as fs } from 'node:fs';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { startTestSystem, type TestKit, type TestProbe } from '../../lib/testing';

class Ping {
  constructor(
    readonly n: number,
    readonly replyTo: ActorRef,
  ) {}
}
class Pong {
  constructor(readonly n: number) {}
}
class LoudPong extends Pong {}
class PongLater {
  constructor(
    readonly ms: number,
    readonly replyTo: ActorRef,
  ) {}
}
class AskIt {
  constructor(
    readonly question: string,
    readonly of: ActorRef,
  ) {}
}
class Quit {}
class PongAfterReading {
  constructor(readonly replyTo: ActorRef) {}
}

/** Answers pings, later or now, asks others on request, and stops on request. */
class Ponger {
  @On(Ping)
  ping(ping: Ping): void {
    ping.replyTo.tell(ping.n % 2 === 0 ? new Pong(ping.n) : new LoudPong(ping.n));
  }

  @On(PongLater)
  later(message: PongLater, ctx: Context): void {
    ctx.schedule(message.ms, new Ping(0, message.replyTo));
  }

  @On(AskIt)
  async askIt(message: AskIt): Promise<string> {
    return `answer: ${await message.of.ask<string>(message.question, { timeoutMs: 1_000 })}`;
  }

  @On(PongAfterReading)
  async pongAfterReading(message: PongAfterReading): Promise<void> {
    for (let i = 0; i < 5; i++) await fs.readFile(__filename, 'utf8');
    message.replyTo.tell(new Pong(5));
  }

  @On(Quit)
  quit(_quit: Quit, ctx: Context): void {
    ctx.stop();
  }
}

@Supervisor()
class App {
  @Child(Ponger, { restart: 'temporary' }) ponger!: ActorRef;
}

/** The AssertionError that `promise` rejects with; fails when it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<AssertionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AssertionError);
    return error as AssertionError;
  }
  throw new Error('expected a failure, but it resolved');
}

describe('TestProbe', () => {
  let kit: TestKit;
  let probe: TestProbe;
  let ponger: ActorRef;
  beforeEach(async () => {
    kit = await startTestSystem(App, { logger: null });
    probe = kit.probe();
    ponger = kit.system.lookupActor('/app/ponger')!;
  });
  afterEach(() => kit.shutdown());

  describe('ref', () => {
    it('is an ActorRef under the root whose tells and asks are recorded in order', async () => {
      expect(probe.ref.path).to.equal('/app/probe');
      expect(probe.ref.address).to.equal('rampart://local/app/probe');
      probe.ref.tell('one');
      void probe.ref.ask('two').catch(() => undefined);
      expect(await probe.receiveN(2)).to.deep.equal(['one', 'two']);
    });
  });

  describe('expectMsg', () => {
    it('resolves with the next message of the class, instances of subclasses included', async () => {
      ponger.tell(new Ping(2, probe.ref));
      ponger.tell(new Ping(3, probe.ref));
      expect(await probe.expectMsg(Pong)).to.deep.equal(new Pong(2));
      const loud = await probe.expectMsg<LoudPong>(Pong);
      expect(loud).to.be.instanceOf(LoudPong);
      expect(kit.scheduler.now()).to.equal(0);
    });

    it('matches String, Number, Boolean, BigInt and Symbol by typeof, as @On does', async () => {
      const values: unknown[] = ['text', 42, true, 10n, Symbol('s')];
      for (const value of values) probe.ref.tell(value);
      for (const type of [String, Number, Boolean, BigInt, Symbol]) await probe.expectMsg(type);
    });

    it('takes a predicate arrow function', async () => {
      ponger.tell(new Ping(4, probe.ref));
      expect(await probe.expectMsg((m) => m instanceof Pong && m.n === 4)).to.deep.equal(new Pong(4));
    });

    it('advances virtual time up to within, so a timer-driven message arrives, and no further', async () => {
      ponger.tell(new PongLater(1_200, probe.ref));
      await probe.expectMsg(Pong, { within: 2_000 });
      expect(kit.scheduler.now()).to.equal(1_200);
    });

    it('fails at the end of within, saying nothing arrived', async () => {
      ponger.tell(new PongLater(5_000, probe.ref));
      const error = await failureOf(probe.expectMsg(Pong));
      expect(error.message).to.equal(
        'TestProbe /app/probe: expectMsg(Pong) expected a message of type Pong within 3000 virtual ms, but nothing arrived. ' +
          'Check that the message is sent to probe.ref, or give it more time with { within }.',
      );
      expect(kit.scheduler.now()).to.equal(3_000);
    });

    it('fails when another message comes first, listing it', async () => {
      probe.ref.tell({ id: 7, name: 'seven' });
      const error = await failureOf(probe.expectMsg(Pong, { within: 500 }));
      expect(error.message).to.equal(
        "TestProbe /app/probe: expectMsg(Pong) expected a message of type Pong within 500 virtual ms, but it received instead: { id: 7, name: 'seven' }.",
      );
    });

    it('names primitives by typeof and predicates by their source', async () => {
      probe.ref.tell(new Pong(1));
      expect((await failureOf(probe.expectMsg(String, { within: 0 }))).message).to.equal(
        'TestProbe /app/probe: expectMsg(String) expected a message of type string within 0 virtual ms, but it received instead: Pong { n: 1 }.',
      );
      probe.ref.tell('hi');
      expect((await failureOf(probe.expectMsg((m) => m === 'bye', { within: 0 }))).message).to.equal(
        "TestProbe /app/probe: expectMsg((m) => m === 'bye') expected a message satisfying (m) => m === 'bye' within 0 virtual ms, but it received instead: string 'hi'.",
      );
    });

    it('waits for a handler doing real I/O, which takes no virtual time', async () => {
      ponger.tell(new PongAfterReading(probe.ref));
      expect(await probe.expectMsg(Pong, { within: 0 })).to.deep.equal(new Pong(5));
    });

    it('fails with an AssertionError naming the message and the error when the predicate throws, and keeps the message', async () => {
      probe.ref.tell({ kind: 'other' });
      const error = await failureOf(probe.expectMsg((m) => (m as { payload: { ok: boolean } }).payload.ok));
      expect(error.message).to.equal(
        "TestProbe /app/probe: expectMsg((m) => m.payload.ok) could not test the message { kind: 'other' }: its predicate threw TypeError: Cannot read properties of undefined (reading 'ok'). Make the predicate return false for messages it does not expect (check the type first: (m) => m instanceof Reply && m.ok).",
      );
      expect((error as Error & { cause?: unknown }).cause).to.be.instanceOf(TypeError);
      expect(await probe.expectMsg(Object)).to.deep.equal({ kind: 'other' });
    });

    it('takes a function with a prototype as a class, and says to pass an arrow function for a predicate', async () => {
      probe.ref.tell('hi');
      const error = await failureOf(probe.expectMsg(function (this: unknown) { return true; } as never, { within: 0 }));
      expect(error.message).to.equal(
        "TestProbe /app/probe: expectMsg(<anonymous class>) expected a message of type <anonymous class> within 0 virtual ms, but it received instead: string 'hi'. A function with a prototype (a function expression, not an arrow function) is taken as a class and matched with instanceof: pass an arrow function, (m) => …, for a predicate.",
      );
    });

    it('rejects what is neither a class nor a predicate, and a bad within', async () => {
      let error: unknown;
      await probe.expectMsg(42 as never).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.equal('TestProbe.expectMsg: expected a message class (Pong, String, …) or a predicate arrow function, got 42.');
      await probe.expectMsg(Pong, { within: -1 }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.equal('TestProbe.expectMsg: options.within must be a finite number of virtual ms >= 0, got -1.');
    });
  });

  describe('expectNoMsg', () => {
    it('advances the clock by ms when nothing arrives (default 3000)', async () => {
      await probe.expectNoMsg(700);
      expect(kit.scheduler.now()).to.equal(700);
      await probe.expectNoMsg();
      expect(kit.scheduler.now()).to.equal(3_700);
    });

    it('fails with what arrived, as soon as it arrives', async () => {
      ponger.tell(new PongLater(300, probe.ref));
      const error = await failureOf(probe.expectNoMsg(1_000));
      expect(error.message).to.equal('TestProbe /app/probe: expectNoMsg(1000) expected no message for 1000 virtual ms, but it received: Pong { n: 0 }.');
      expect(kit.scheduler.now()).to.equal(300);
    });

    it('rejects a bad ms', async () => {
      let error: unknown;
      await probe.expectNoMsg(Number.NaN).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.equal('TestProbe.expectNoMsg: ms must be a finite number of virtual ms >= 0, got NaN.');
    });
  });

  describe('receiveN', () => {
    it('resolves with the next n messages in order', async () => {
      for (const n of [2, 4, 6]) ponger.tell(new Ping(n, probe.ref));
      expect(await probe.receiveN(3)).to.deep.equal([new Pong(2), new Pong(4), new Pong(6)]);
    });

    it('fails with the ones that came when fewer arrive', async () => {
      ponger.tell(new Ping(2, probe.ref));
      const error = await failureOf(probe.receiveN(2, { within: 100 }));
      expect(error.message).to.equal('TestProbe /app/probe: receiveN(2) expected 2 messages within 100 virtual ms, but it received instead: Pong { n: 2 }.');
    });

    it('rejects an n that is not a whole number >= 1', async () => {
      let error: unknown;
      await probe.receiveN(0).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.equal('TestProbe.receiveN: n must be a whole number >= 1, got 0.');
    });
  });

  describe('fishForMessage', () => {
    it('skips messages until one satisfies the predicate', async () => {
      for (const n of [2, 4, 6]) ponger.tell(new Ping(n, probe.ref));
      expect(await probe.fishForMessage((m) => (m as Pong).n === 4)).to.deep.equal(new Pong(4));
      expect(await probe.expectMsg(Pong)).to.deep.equal(new Pong(6));
    });

    it('fails with the skipped messages when none satisfies it within the time', async () => {
      ponger.tell(new Ping(2, probe.ref));
      const error = await failureOf(probe.fishForMessage((m) => (m as Pong).n === 9, { within: 50 }));
      expect(error.message).to.equal(
        'TestProbe /app/probe: fishForMessage((m) => m.n === 9) expected a message satisfying (m) => m.n === 9 within 50 virtual ms, but it received instead: Pong { n: 2 }.',
      );
    });

    it('fails with an AssertionError naming the message when the predicate throws, and keeps that message', async () => {
      ponger.tell(new Ping(2, probe.ref));
      const error = await failureOf(probe.fishForMessage((m) => (m as unknown as { a: { b: boolean } }).a.b));
      expect(error.message).to.match(/^TestProbe \/app\/probe: fishForMessage\(\(m\) => m\.a\.b\) could not test the message Pong \{ n: 2 \}: its predicate threw TypeError: /);
      expect(await probe.expectMsg(Pong)).to.deep.equal(new Pong(2));
    });

    it('rejects a predicate that is no function', async () => {
      let error: unknown;
      await probe.fishForMessage('x' as never).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.equal("TestProbe.fishForMessage: expected a predicate function, (message) => boolean, got 'x'.");
    });
  });

  describe('expectTerminated', () => {
    it('watches the ref and resolves when it stops for good', async () => {
      ponger.tell(new Quit());
      await probe.expectTerminated(ponger);
    });

    it('resolves at once for a ref that stopped already', async () => {
      await ponger.stop();
      await probe.expectTerminated(ponger, { within: 0 });
    });

    it('fails when the ref keeps running', async () => {
      const error = await failureOf(probe.expectTerminated(ponger, { within: 1_000 }));
      expect(error.message).to.equal(
        'TestProbe /app/probe: expectTerminated(/app/ponger) expected Terminated for /app/ponger within 1000 virtual ms, but nothing arrived. ' +
          'Check that the message is sent to probe.ref, or give it more time with { within }.',
      );
    });

    it('fails when another message comes first', async () => {
      probe.ref.tell('not yet');
      const error = await failureOf(probe.expectTerminated(ponger, { within: 0 }));
      expect(error.message).to.equal(
        "TestProbe /app/probe: expectTerminated(/app/ponger) expected Terminated for /app/ponger within 0 virtual ms, but it received instead: string 'not yet'.",
      );
    });

    it('takes only the Terminated of that ref, not another one', async () => {
      const other = kit.probe();
      probe.ref.tell(new Terminated(other.ref));
      const error = await failureOf(probe.expectTerminated(ponger, { within: 0 }));
      expect(error.message).to.contain('expected Terminated for /app/ponger within 0 virtual ms, but it received instead: Terminated {');
    });

    it('rejects what is not a rampart ref', async () => {
      let error: unknown;
      await probe.expectTerminated({ path: '/app/x' } as never).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.equal('TestProbe.expectTerminated: expected an ActorRef or GroupRef made by rampart, got an object.');
    });
  });

  describe('reply and lastSender', () => {
    it('reply answers the last ask that reached the probe, without blocking what comes next', async () => {
      const answer = ponger.ask<string>(new AskIt('what?', probe.ref));
      expect(await probe.expectMsg(String)).to.equal('what?');
      expect(probe.lastSender?.path).to.equal('/app/ponger');
      probe.ref.tell('still recorded');
      probe.reply(42);
      expect(await answer).to.equal('answer: 42');
      await probe.expectMsg(String);
      expect(probe.lastSender).to.equal(undefined);
    });

    it('answers the asks newest first, each once', async () => {
      const first = probe.ref.ask('first');
      const second = probe.ref.ask('second');
      await kit.idle();
      probe.reply('to the second');
      probe.reply('to the first');
      expect(await Promise.all([first, second])).to.deep.equal(['to the first', 'to the second']);
    });

    it('throws a clear error when no ask is waiting', () => {
      expect(() => probe.reply('x')).to.throw(
        Error,
        'TestProbe /app/probe: reply() found no ask to answer: no ask has reached the probe, or every one was answered already. Ask probe.ref (ref.ask(message)) before replying.',
      );
    });

    it('an ask the probe never answers times out on virtual time', async () => {
      const answer = ponger.ask<string>(new AskIt('silence', probe.ref)).catch((e: unknown) => e);
      await probe.expectMsg(String);
      await kit.advance(1_000);
      expect(((await answer) as Error).name).to.equal('AskTimeoutError');
    });
  });

  describe('after the shutdown', () => {
    it('every expect* fails clearly', async () => {
      await kit.shutdown();
      const shutDown = (call: string) =>
        `TestProbe /app/probe: ${call} cannot wait for anything: its test system was shut down (kit.shutdown()). Make every expectation before the shutdown, or start a new kit.`;
      expect((await failureOf(probe.expectMsg(Pong))).message).to.equal(shutDown('expectMsg(Pong)'));
      expect((await failureOf(probe.expectNoMsg(10))).message).to.equal(shutDown('expectNoMsg(10)'));
      expect((await failureOf(probe.receiveN(1))).message).to.equal(shutDown('receiveN(1)'));
      expect((await failureOf(probe.fishForMessage(() => true))).message).to.equal(shutDown('fishForMessage(() => true)'));
      expect((await failureOf(probe.expectTerminated(ponger))).message).to.equal(shutDown('expectTerminated(/app/ponger)'));
    });
  });
});
