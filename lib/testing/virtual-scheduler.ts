import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { nextActionTime, settle } from './virtual-time';

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
    for (let next = nextActionTime(this); next !== undefined && next <= time; next = nextActionTime(this)) {
      this.maxFrames = next;
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
    for (let next = nextActionTime(this); next !== undefined && next <= end; next = nextActionTime(this)) await this.advanceTo(next);
  }

  /** Number of actions waiting to run (timers, timeouts, restarts). */
  get pending(): number {
    return this.actions.length;
  }
}
