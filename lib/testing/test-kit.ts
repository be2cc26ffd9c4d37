import { ConfigurationError, describeValue } from '../errors';
import { ActorSystem } from '../system';
import { TEST_HOOKS, internalsOf, type SystemInternals, type TestHooks } from '../system/test-hooks';
import type { ActorClass, DeadLetter, SystemEvent } from '../types';
import { untilIdle } from './idle';
import { overridesMap, type TestSystemOptions } from './options';
import { shutDownWhileAdvancing } from './shutdown';
import { TestProbe } from './test-probe';
import { VirtualScheduler } from './virtual-scheduler';

/**
 * A system on virtual time, with the tools to drive it; made by `startTestSystem`.
 *
 * @example
 * const kit = await startTestSystem(App);
 * kit.system.lookupActor('/app/counter')!.tell(new Increment());
 * await kit.idle();
 * await kit.advance(1_000);
 * await kit.shutdown();
 */
export interface TestKit {
  /** The running system. */
  readonly system: ActorSystem;
  /** Its clock: nothing moves it but `advance`, `shutdown` and a probe's `expect*`. */
  readonly scheduler: VirtualScheduler;
  /** Advances virtual time by `ms`: runs the due timers in time order, settling promise work between them. */
  advance(ms: number): Promise<void>;
  /**
   * Resolves when no actor has a message queued or in flight and no zero-delay action is
   * pending (it runs the actions due now). It never advances virtual time, and does not
   * wait for a handler that waits on virtual time: that one cannot progress until `advance`.
   * It waits for a handler on real I/O (an ask's own timeout is no timer it waits on), and
   * for one awaiting a promise the test settles.
   */
  idle(): Promise<void>;
  /** A new probe at `/<root>/<name>` (default names: `probe`, `probe-2`, …). */
  probe<M = unknown>(name?: string): TestProbe<M>;
  /** Every event since the start, the `started` events of the static tree included. */
  readonly events: readonly SystemEvent[];
  /** Every dead letter since the start. */
  readonly deadLetters: readonly DeadLetter[];
  /**
   * Shuts the system down while advancing virtual time, so bounded stops
   * (`shutdownTimeoutMs`) complete. The clock moves only once nothing has progressed for a
   * few turns and, while a handler is in flight, for 500 real ms: a handler doing real I/O
   * finishes gracefully.
   */
  shutdown(): Promise<void>;
}

/**
 * Starts `root` on a fresh `VirtualScheduler` and returns its `TestKit`. `options` are
 * those of `ActorSystem.start` (without `scheduler`), plus `overrides`: `[RealClass,
 * FakeClass]` pairs, each fake built wherever the tree declares the real class. Independent
 * of any test runner: it works under mocha, Vitest, Jest and `node:test`.
 *
 * @example
 * const kit = await startTestSystem(App, { overrides: [[Mailer, FakeMailer]] });
 * const probe = kit.probe<Sent>();
 * kit.system.lookupActor('/app/signup')!.tell(new SignUp('ada@example.com', probe.ref));
 * await probe.expectMsg(Sent);
 * await kit.shutdown();
 */
export async function startTestSystem(root: ActorClass, options: TestSystemOptions = {}): Promise<TestKit> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`startTestSystem: options must be an object, got ${describeValue(options)}.`);
  }
  const { overrides, ...systemOptions } = options;
  if ('scheduler' in systemOptions) {
    throw new ConfigurationError('startTestSystem: options.scheduler is not allowed: the kit runs the system on its own VirtualScheduler (kit.scheduler). Remove the option.');
  }
  const scheduler = new VirtualScheduler();
  const events: SystemEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  const hooks: TestHooks = {
    overrides: overridesMap(root, overrides),
    record: { event: (event) => events.push(event), deadLetter: (deadLetter) => deadLetters.push(deadLetter) },
  };
  const system = await ActorSystem.start(root, Object.assign({ ...systemOptions, scheduler }, { [TEST_HOOKS]: hooks }));
  return new Kit(system, scheduler, events, deadLetters);
}

class Kit implements TestKit {
  private readonly internals: SystemInternals;
  private readonly probeNames = new Map<string, number>();
  private over = false;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly system: ActorSystem,
    readonly scheduler: VirtualScheduler,
    readonly events: readonly SystemEvent[],
    readonly deadLetters: readonly DeadLetter[],
  ) {
    this.internals = internalsOf(system);
  }

  advance(ms: number): Promise<void> {
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`TestKit.advance: ms must be a finite number of virtual ms >= 0, got ${describeValue(ms)}.`);
    }
    return this.scheduler.advanceBy(ms);
  }

  idle(): Promise<void> {
    return untilIdle(() => this.internals.activity(), this.scheduler, () => this.over);
  }

  probe<M = unknown>(name?: string): TestProbe<M> {
    if (this.over || this.stopping !== undefined) {
      throw new ConfigurationError('TestKit.probe(): the test system was shut down; make probes before kit.shutdown().');
    }
    if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z0-9_.~-]+$/.test(name))) {
      throw new ConfigurationError(`TestKit.probe(): the name must be one path segment of letters, digits, '-', '_', '.' or '~', got ${describeValue(name)}.`);
    }
    const kit = this;
    return TestProbe.attach<M>(
      {
        scheduler: this.scheduler,
        internals: this.internals,
        get shutDown() {
          return kit.over;
        },
      },
      `${this.system.root.path}/${name ?? this.nextProbeName()}`,
    );
  }

  shutdown(): Promise<void> {
    return (this.stopping ??= shutDownWhileAdvancing(this.system, this.scheduler, () => this.internals.activity()).finally(() => {
      this.over = true;
    }));
  }

  private nextProbeName(): string {
    for (;;) {
      const n = (this.probeNames.get('probe') ?? 0) + 1;
      this.probeNames.set('probe', n);
      const name = n === 1 ? 'probe' : `probe-${n}`;
      if (!this.internals.taken(`${this.system.root.path}/${name}`)) return name;
    }
  }
}
