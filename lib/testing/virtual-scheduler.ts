import { VirtualAction, VirtualTimeScheduler } from 'rxjs';

/** Lets every pending promise callback, and the mailbox drains they start, run. */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A virtual-time `SchedulerLike` for specs: pass it as `ActorSystem.start(Root, { scheduler })`
 * and move time by hand. Between two due actions it lets promises settle, so async handlers,
 * hooks and restarts interleave with timers as they would in real time, only instantly.
 *
 * @example
 * const scheduler = new VirtualScheduler();
 * const system = await ActorSystem.start(App, { scheduler });
 * const reply = system.root.ask('ping', { timeoutMs: 100 });
 * await scheduler.advanceBy(100); // the ask times out now
 */
export class VirtualScheduler extends VirtualTimeScheduler {
  constructor() {
    super(VirtualAction, Infinity);
  }

  /** Runs, in time order, every action due within the next `ms` of virtual time. */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.now() + ms);
  }

  /** Runs, in time order, every action due up to `time`, then sets the clock to `time`. */
  async advanceTo(time: number): Promise<void> {
    await settle();
    for (let next = this.actions[0]; next && (next.delay ?? 0) <= time; next = this.actions[0]) {
      this.maxFrames = next.delay ?? 0;
      this.flush();
      await settle();
    }
    this.maxFrames = Infinity;
    if (time > this.frame) this.frame = time;
    await settle();
  }

  /** Runs due actions until none is left, or until `limitMs` of virtual time has passed. */
  async runAll(limitMs = 3_600_000): Promise<void> {
    const end = this.now() + limitMs;
    while (this.actions.length > 0 && (this.actions[0].delay ?? 0) <= end) {
      await this.advanceTo(this.actions[0].delay ?? 0);
    }
  }

  /** Number of actions waiting to run (timers, timeouts, restarts). */
  get pending(): number {
    return this.actions.length;
  }
}
