/**
 * Restart intensity as a sliding window: more than `maxRestarts` restarts within `withinMs`
 * make the supervisor give up. `maxRestarts: 0` gives up at the first failure and
 * `maxRestarts: Infinity` never does.
 */
export class RestartIntensity {
  private readonly times: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly withinMs: number,
  ) {}

  /** True for `maxRestarts: Infinity`: nothing to record. */
  get unlimited(): boolean {
    return this.maxRestarts === Infinity;
  }

  /** Records a restart at `now`; false when that restart exceeds the intensity. */
  record(now: number): boolean {
    if (this.maxRestarts === Infinity) return true;
    const times = this.times;
    while (times.length > 0 && now - times[0] >= this.withinMs) times.shift();
    times.push(now);
    return times.length <= this.maxRestarts;
  }
}
