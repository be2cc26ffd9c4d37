/**
 * Long delays on the default scheduler. Node clamps a timer above 2^31-1 ms to 1 ms (with a
 * TimeoutOverflowWarning), so the scheduler waits such a delay in steps. The steps are checked
 * on fake timers injected through `createDefaultScheduler`, so nothing waits 2^31 ms.
 */
import { expect } from 'chai';
import type { SchedulerAction } from 'rxjs';
import { ActorSystem, Backoff, Child, On, Supervisor, type ActorRef, type Context, type SystemEvent } from '../../lib';
import { settle } from '../../lib/testing';
import { createDefaultScheduler, defaultScheduler, MAX_TIMER_STEP_MS, type Timers } from '../../lib/system/default-scheduler';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
/** A delay just past what one Node timer can wait. */
const LONG = 2 ** 31 + 5;

/** Timers on a clock moved by hand; records every delay asked for. */
class FakeTimers implements Timers {
  now = 0;
  readonly requested: number[] = [];
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  private lastId = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    this.requested.push(ms);
    const id = ++this.lastId;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get armed(): number {
    return this.pending.size;
  }

  /** Moves the clock by `ms`, running the due timers in time order, settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.pending) if (entry[1].at <= target && (next === undefined || entry[1].at < next[1].at)) next = entry;
      if (next === undefined) break;
      this.pending.delete(next[0]);
      this.now = next[1].at;
      next[1].callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

function fakeScheduler() {
  const timers = new FakeTimers();
  return { timers, scheduler: createDefaultScheduler(timers, () => timers.now) };
}

describe('the default scheduler: long delays', () => {
  it(`waits a delay of 2^31+5 ms in steps of at most 2^31-1 ms, and runs the action once, after the whole span`, async () => {
    const { timers, scheduler } = fakeScheduler();
    let runs = 0;
    scheduler.schedule(() => runs++, LONG);

    await timers.advance(MAX_TIMER_STEP_MS);
    expect(runs, 'after the first step').to.equal(0);
    expect(timers.armed, 'the next step is armed').to.equal(1);
    await timers.advance(5);
    expect(runs, '1 ms before the end').to.equal(0);
    await timers.advance(1);
    expect(runs, 'at the end').to.equal(1);
    await timers.advance(10 * MAX_TIMER_STEP_MS);
    expect(runs, 'only once').to.equal(1);
    expect(timers.requested).to.deep.equal([MAX_TIMER_STEP_MS, 6]);
    expect(timers.armed).to.equal(0);
  });

  it('waits a delay of several steps (2^33 ms) without any step over 2^31-1 ms', async () => {
    const { timers, scheduler } = fakeScheduler();
    let ranAt: number | undefined;
    scheduler.schedule(() => (ranAt = timers.now), 2 ** 33);

    await timers.advance(2 ** 33 - 1);
    expect(ranAt).to.equal(undefined);
    await timers.advance(1);
    expect(ranAt).to.equal(2 ** 33);
    expect(Math.max(...timers.requested)).to.be.at.most(MAX_TIMER_STEP_MS);
    expect(timers.requested.reduce((a, b) => a + b, 0)).to.equal(2 ** 33);
  });

  it('cancels the current step when the action is unsubscribed, in the first step or a later one', async () => {
    const { timers, scheduler } = fakeScheduler();
    let runs = 0;
    const early = scheduler.schedule(() => runs++, LONG);
    const late = scheduler.schedule(() => runs++, LONG);
    early.unsubscribe();
    expect(timers.armed, 'the first step of the early one is cleared').to.equal(1);

    await timers.advance(MAX_TIMER_STEP_MS);
    expect(timers.armed, 'the late one waits its second step').to.equal(1);
    late.unsubscribe();
    expect(timers.armed, 'its second step is cleared').to.equal(0);
    await timers.advance(10 * MAX_TIMER_STEP_MS);
    expect(runs).to.equal(0);
  });

  it('reschedules a periodic action (this.schedule(state, delay) in its work) with the same long delay', async () => {
    const { timers, scheduler } = fakeScheduler();
    const seen: Array<[number, number]> = [];
    const action = scheduler.schedule(function (this: SchedulerAction<number>, n = 0) {
      seen.push([n, timers.now]);
      this.schedule(n + 1, LONG);
    }, LONG, 0);

    await timers.advance(3 * LONG - 1);
    expect(seen).to.deep.equal([
      [0, LONG],
      [1, 2 * LONG],
    ]);
    await timers.advance(1);
    expect(seen.at(-1)).to.deep.equal([2, 3 * LONG]);
    action.unsubscribe();
    expect(timers.armed).to.equal(0);
    await timers.advance(10 * LONG);
    expect(seen).to.have.length(3);
    expect(Math.max(...timers.requested)).to.be.at.most(MAX_TIMER_STEP_MS);
  });

  it('never runs an action with delay Infinity, and arms no timer for it', async () => {
    const { timers, scheduler } = fakeScheduler();
    let runs = 0;
    const action = scheduler.schedule(() => runs++, Infinity);
    await settle();
    await timers.advance(100 * MAX_TIMER_STEP_MS);
    expect(runs).to.equal(0);
    expect(timers.requested).to.deep.equal([]);
    action.unsubscribe();
  });

  it('keeps short delays on one timer of exactly that delay, and zero delays off the timers', async () => {
    const { timers, scheduler } = fakeScheduler();
    const log: string[] = [];
    scheduler.schedule(() => log.push('10 ms'), 10);
    scheduler.schedule(() => log.push('max'), MAX_TIMER_STEP_MS);
    scheduler.schedule(() => log.push('now'), 0);
    await settle();
    expect(log).to.deep.equal(['now']);
    expect(timers.requested).to.deep.equal([10, MAX_TIMER_STEP_MS]);
    await timers.advance(MAX_TIMER_STEP_MS);
    expect(log).to.deep.equal(['now', '10 ms', 'max']);
  });

  it('emits no TimeoutOverflowWarning for long delays on the real timers, and does not run them early', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    let runs = 0;
    const actions = [LONG, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER].map((ms) => defaultScheduler.schedule(() => runs++, ms));
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await settle();
    } finally {
      for (const action of actions) action.unsubscribe();
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).to.not.include('TimeoutOverflowWarning');
    expect(runs, 'no long action ran after 20 ms').to.equal(0);
  });

  describe('through an actor system on the default scheduler (fake timers)', () => {
    class Wake {}
    class Sleep {
      constructor(readonly every: boolean) {}
    }
    let system: ActorSystem | undefined;
    afterEach(() => {
      system?.kill();
      system = undefined;
    });

    it('delivers ctx.schedule(2^31+5) after the whole delay, and ctx.every(2^31+5) once per period', async () => {
      const { timers, scheduler } = fakeScheduler();
      const woken: number[] = [];
      class Sleeper {
        @On(Sleep) sleep(sleep: Sleep, ctx: Context): void {
          if (sleep.every) ctx.every(LONG, new Wake());
          else ctx.schedule(LONG, new Wake());
        }
        @On(Wake) wake(): void {
          woken.push(timers.now);
        }
      }
      @Supervisor()
      class App {}
      system = await ActorSystem.start(App, { scheduler, logger: quiet });
      const once = system.spawn(Sleeper, { name: 'once' });
      const periodic = system.spawn(Sleeper, { name: 'periodic' });
      once.tell(new Sleep(false));
      periodic.tell(new Sleep(true));
      await settle();

      await timers.advance(MAX_TIMER_STEP_MS);
      expect(woken, 'nothing after 2^31-1 ms').to.deep.equal([]);
      await timers.advance(6);
      expect(woken, 'both after the whole delay').to.deep.equal([LONG, LONG]);
      await timers.advance(2 * LONG);
      expect(woken, 'the periodic one twice more').to.deep.equal([LONG, LONG, 2 * LONG, 3 * LONG]);
      expect(Math.max(...timers.requested)).to.be.at.most(MAX_TIMER_STEP_MS);
    });

    it('waits out a backoff step of 2^31+5 ms before the restart', async () => {
      const { timers, scheduler } = fakeScheduler();
      class Fragile {
        @On(String) crash(): void {
          throw new Error('crash');
        }
      }
      @Supervisor({ maxRestarts: Infinity })
      class App {
        @Child(Fragile, { backoff: Backoff.linear({ stepMs: LONG, maxMs: LONG }) }) fragile!: ActorRef<string>;
      }
      system = await ActorSystem.start(App, { scheduler, logger: quiet });
      const restarts: SystemEvent[] = [];
      system.events$.subscribe((event) => event.type === 'restarted' && restarts.push(event));
      (system.lookup('/app/fragile') as ActorRef<string>).tell('crash');
      await settle();

      await timers.advance(MAX_TIMER_STEP_MS);
      expect(restarts, 'no restart after 2^31-1 ms').to.have.length(0);
      await timers.advance(6);
      expect(restarts, 'restarted after the whole step').to.have.length(1);
    });

    it('gives a handler that never settles its whole shutdownTimeoutMs of 2^31+5 ms', async () => {
      const { timers, scheduler } = fakeScheduler();
      class Stuck {
        @On(String) async hang(): Promise<void> {
          await new Promise(() => undefined);
        }
      }
      @Supervisor()
      class App {
        @Child(Stuck, { shutdownTimeoutMs: LONG }) stuck!: ActorRef<string>;
      }
      system = await ActorSystem.start(App, { scheduler, logger: quiet });
      (system.lookup('/app/stuck') as ActorRef<string>).tell('hang');
      await settle();
      let done = false;
      void system.shutdown().then(() => (done = true));
      await settle();

      await timers.advance(MAX_TIMER_STEP_MS);
      expect(done, 'still waiting after 2^31-1 ms').to.equal(false);
      await timers.advance(6);
      expect(done, 'stopped after the whole timeout').to.equal(true);
      system = undefined;
    });
  });
});
