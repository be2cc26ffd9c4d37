/**
 * Counts per key over a sliding window of wall-clock ticks and gives a rate per second.
 * `count` is the only work done per message: one map update. @internal
 */
export class RateMeter {
  private current = new Map<string, number>();
  private readonly history: { counts: Map<string, number>; ms: number }[] = [];
  private lastTick: number;

  constructor(
    private readonly windowTicks: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastTick = now();
  }

  count(key: string): void {
    this.current.set(key, (this.current.get(key) ?? 0) + 1);
  }

  /** Closes the current tick and returns the rate of every key seen in the window, per second. */
  tick(): Map<string, number> {
    const time = this.now();
    this.history.push({ counts: this.current, ms: Math.max(1, time - this.lastTick) });
    if (this.history.length > this.windowTicks) this.history.shift();
    this.current = new Map();
    this.lastTick = time;
    const totals = new Map<string, number>();
    let ms = 0;
    for (const slot of this.history) {
      ms += slot.ms;
      for (const [key, n] of slot.counts) totals.set(key, (totals.get(key) ?? 0) + n);
    }
    const rates = new Map<string, number>();
    for (const [key, n] of totals) rates.set(key, Math.round((n * 10000) / ms) / 10);
    return rates;
  }
}

/** Keeps the last `size` items, oldest first. @internal */
export class Recent<T> {
  private readonly items: T[] = [];

  constructor(private readonly size: number) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.size) this.items.shift();
  }

  list(): readonly T[] {
    return this.items.slice();
  }
}
