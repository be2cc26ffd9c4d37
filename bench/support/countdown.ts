/**
 * How a run knows that the work is done and was done exactly once: a `Countdown` counts
 * events (deliveries, replies, crashes) and settles `done` when the count reaches its target.
 * Every subject of every library reports into one, so they all end on the same condition.
 */

/** A promise with its resolve and reject functions, for callbacks that finish a run. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class Countdown {
  /** Events counted so far (it keeps counting past the target, so extras show up). */
  count = 0;
  private readonly finished = deferred<number>();

  constructor(readonly target: number) {}

  /** Resolves with the count when it reaches the target; rejects if `fail` is called first. */
  get done(): Promise<number> {
    return this.finished.promise;
  }

  /** Counts one event. A plain method on purpose: it sits on every library's hot path alike. */
  tick(): void {
    if (++this.count === this.target) this.finished.resolve(this.count);
  }

  /** Ends the run with an error (a creation or a request that failed). */
  fail = (error: unknown): void => {
    this.finished.reject(error);
  };
}
