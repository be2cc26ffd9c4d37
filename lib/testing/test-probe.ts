import { describeValue } from '../errors';
import { Terminated } from '../index';
import type { ProbeHandle, ProbeLetter, SystemInternals } from '../system/test-hooks';
import type { ActorRef, MessageType } from '../types';
import { expectedMessage, expectedName, matches } from './matching';
import type { ExpectOptions } from './options';
import { DEFAULT_WITHIN, describeRef, typeOrPredicate, withinOf } from './probe-arguments';
import { expectationFailed, kitShutDown, predicateThrew, unexpectedMessages } from './probe-failures';
import type { VirtualScheduler } from './virtual-scheduler';
import { waitUntil } from './wait-for';

/** @internal What a probe needs from its kit: the clock, the system's activity, and whether it was shut down. */
export interface ProbeKit {
  readonly scheduler: VirtualScheduler;
  readonly internals: SystemInternals;
  readonly shutDown: boolean;
}

/**
 * A recording actor for tests (Akka's TestProbe), made by `kit.probe()`. Everything told or
 * asked to `probe.ref` is recorded in order; the `expect*` methods take it from there. Their
 * `within` is virtual time: while one waits, it advances the kit's clock, one due timer at a
 * time, up to `within` (default 3000), so a timer-driven message arrives; at the end of
 * `within` it fails with an `AssertionError` that lists what arrived instead. It waits for
 * a handler doing real I/O, but once nothing has progressed for `REAL_PATIENCE_MS` (500)
 * real ms it moves the clock on all the same: an `expect*` never hangs.
 *
 * @example
 * const probe = kit.probe<Pong>();
 * pinger.tell(new Ping(probe.ref));
 * const pong = await probe.expectMsg(Pong);
 * await probe.expectNoMsg(1_000);
 */
export class TestProbe<M = unknown> {
  /** Its ref: tells and asks to it are recorded. */
  readonly ref: ActorRef<M>;
  private sender: ActorRef | undefined = undefined;
  private readonly received: ProbeLetter[] = [];
  /** Asks that reached the probe and are not answered yet, oldest first. */
  private readonly asks: ((value: unknown) => void)[] = [];
  private readonly handle: ProbeHandle;

  private constructor(
    private readonly kit: ProbeKit,
    path: string,
  ) {
    this.handle = kit.internals.attachProbe(path, (letter) => {
      this.received.push(letter);
      if (letter.reply !== undefined) this.asks.push(letter.reply);
    });
    this.ref = this.handle.ref as ActorRef<M>;
  }

  /** @internal Made by `TestKit.probe`. */
  static attach<M>(kit: ProbeKit, path: string): TestProbe<M> {
    return new TestProbe<M>(kit, path);
  }

  /** The sender of the last message an `expect*` or `receiveN` took (`undefined` for a tell from outside any actor). */
  get lastSender(): ActorRef | undefined {
    return this.sender;
  }

  private get path(): string {
    return this.ref.path;
  }

  /**
   * The next message, which must be of `type` (instances through the prototype chain;
   * `String`, `Number`, `Boolean`, `BigInt` and `Symbol` by `typeof`, as `@On` matches) or
   * satisfy `predicate` (an arrow function: a function with a prototype, such as
   * `function (m) { … }`, is taken as a class). Fails if another message comes first, or if
   * none comes within `options.within` virtual ms. A predicate that throws fails with an
   * `AssertionError` naming the message and the error (its `cause`); the message stays
   * recorded.
   *
   * @example
   * const pong = await probe.expectMsg(Pong);
   * await probe.expectMsg((m: Reply) => m.ok, { within: 500 });
   */
  expectMsg<T extends M = M>(predicate: (message: M) => boolean, options?: ExpectOptions): Promise<T>;
  expectMsg<T extends M = M>(type: MessageType, options?: ExpectOptions): Promise<T>;
  expectMsg<T extends M = M>(type: MessageType | ((message: M) => boolean), options?: ExpectOptions): Promise<T>;
  async expectMsg<T extends M = M>(type: MessageType | ((message: M) => boolean), options?: ExpectOptions): Promise<T> {
    const expected = typeOrPredicate('expectMsg', type);
    const call = `expectMsg(${expectedName(expected)})`;
    const within = withinOf('expectMsg', options);
    if (!(await this.waitFor(call, 1, this.deadlineIn(within)))) throw expectationFailed(this.path, call, expectedMessage(expected), within, [], expected);
    const matched = this.test(call, (message) => matches(expected, message));
    const next = this.take();
    if (!matched) throw expectationFailed(this.path, call, expectedMessage(expected), within, [next], expected);
    return next as T;
  }

  /**
   * Nothing arrives within `ms` of virtual time (default 3000): the clock advances by `ms`.
   *
   * @example
   * await probe.expectNoMsg(500);
   */
  async expectNoMsg(ms: number = DEFAULT_WITHIN): Promise<void> {
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`TestProbe.expectNoMsg: ms must be a finite number of virtual ms >= 0, got ${describeValue(ms)}.`);
    }
    const call = `expectNoMsg(${ms})`;
    if (await this.waitFor(call, 1, this.deadlineIn(ms))) throw unexpectedMessages(this.path, call, ms, this.takeAll());
  }

  /**
   * The next `n` messages, in order, all within `options.within` virtual ms.
   *
   * @example
   * const [first, second] = await probe.receiveN(2);
   */
  async receiveN(n: number, options?: ExpectOptions): Promise<M[]> {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new RangeError(`TestProbe.receiveN: n must be a whole number >= 1, got ${describeValue(n)}.`);
    }
    const call = `receiveN(${n})`;
    const within = withinOf('receiveN', options);
    if (!(await this.waitFor(call, n, this.deadlineIn(within)))) throw expectationFailed(this.path, call, `${n} messages`, within, this.takeAll());
    return Array.from({ length: n }, () => this.take() as M);
  }

  /**
   * Skips messages until one satisfies `predicate`, and returns it; fails with the skipped
   * ones when none does within `options.within` virtual ms. A predicate that throws fails
   * with an `AssertionError` naming the message and the error; that message stays recorded.
   *
   * @example
   * const done = await probe.fishForMessage((m) => m instanceof Progress && m.percent === 100);
   */
  async fishForMessage<T extends M = M>(predicate: (message: M) => boolean, options?: ExpectOptions): Promise<T> {
    if (typeof predicate !== 'function') {
      throw new TypeError(`TestProbe.fishForMessage: expected a predicate function, (message) => boolean, got ${describeValue(predicate)}.`);
    }
    const call = `fishForMessage(${expectedName(predicate)})`;
    const within = withinOf('fishForMessage', options);
    const deadline = this.deadlineIn(within);
    const skipped: unknown[] = [];
    for (;;) {
      if (!(await this.waitFor(call, 1, deadline))) {
        throw expectationFailed(this.path, call, `a message satisfying ${expectedName(predicate)}`, within, skipped);
      }
      const matched = this.test(call, (message) => Boolean(predicate(message as M)));
      const next = this.take();
      if (matched) return next as T;
      skipped.push(next);
    }
  }

  /**
   * `ref` stops for good within `options.within` virtual ms: the probe watches it, and its
   * next message must be the `Terminated` for `ref` (at once if `ref` has stopped already).
   *
   * @example
   * worker.tell(new Quit());
   * await probe.expectTerminated(worker);
   */
  async expectTerminated(ref: ActorRef, options?: ExpectOptions): Promise<void> {
    const within = withinOf('expectTerminated', options);
    if (this.kit.shutDown) throw kitShutDown(this.path, `expectTerminated(${describeRef(ref)})`);
    if (!this.handle.watch(ref)) {
      throw new TypeError(`TestProbe.expectTerminated: expected an ActorRef or GroupRef made by rampart, got ${describeValue(ref)}.`);
    }
    const call = `expectTerminated(${ref.path})`;
    const wanted = `Terminated for ${ref.path}`;
    if (!(await this.waitFor(call, 1, this.deadlineIn(within)))) throw expectationFailed(this.path, call, wanted, within, []);
    const next = this.take();
    if (!(next instanceof Terminated && next.ref.address === ref.address)) throw expectationFailed(this.path, call, wanted, within, [next]);
  }

  /**
   * Answers the last ask that reached the probe and is not answered yet (the one before it
   * is next). Throws when no ask is waiting.
   *
   * @example
   * const answer = service.ask(new Lookup('k')); // the service asks the probe, its backend
   * await probe.expectMsg(Fetch);
   * probe.reply(new Found('v'));
   */
  reply(value: unknown): void {
    const answer = this.asks.pop();
    if (answer === undefined) {
      throw new Error(`TestProbe ${this.path}: reply() found no ask to answer: no ask has reached the probe, or every one was answered already. Ask probe.ref (ref.ask(message)) before replying.`);
    }
    answer(value);
  }

  /** Waits until `count` messages are recorded, up to the virtual time `deadline`; false at the deadline without them. */
  private async waitFor(call: string, count: number, deadline: number): Promise<boolean> {
    if (this.kit.shutDown) throw kitShutDown(this.path, call);
    const arrived = await waitUntil(this.kit, () => this.received.length >= count, deadline);
    if (arrived === 'shut down') throw kitShutDown(this.path, call);
    return arrived;
  }

  /**
   * `check` of the first recorded message. A predicate that throws is an `AssertionError`
   * naming the message and the predicate's error; the message stays recorded.
   */
  private test(call: string, check: (message: unknown) => boolean): boolean {
    const message = this.received[0].message;
    try {
      return check(message);
    } catch (error) {
      throw predicateThrew(this.path, call, message, error);
    }
  }

  private deadlineIn(ms: number): number {
    return this.kit.scheduler.now() + ms;
  }

  private take(): unknown {
    const letter = this.received.shift()!;
    this.sender = letter.sender as ActorRef | undefined;
    return letter.message;
  }

  private takeAll(): unknown[] {
    const messages: unknown[] = [];
    while (this.received.length > 0) messages.push(this.take());
    return messages;
  }
}
