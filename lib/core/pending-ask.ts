import type { DeadlineLane } from './ask-deadlines';

/**
 * The reply slot of one `ask`. It settles exactly once; settling takes it off the deadline
 * list and removes its abort listener. It is also its own node in that list (`previous`,
 * `next`), so waiting for a timeout costs no timer and no extra allocation.
 */
export class PendingAsk {
  settled = false;
  timedOut = false;
  /** Scheduler time at which the ask times out. */
  deadline = Infinity;
  /** @internal Links of the deadline list this ask waits in. */
  previous: PendingAsk | undefined;
  /** @internal */
  next: PendingAsk | undefined;
  /** @internal The deadline lane this ask waits in, if any. */
  lane: DeadlineLane | undefined;
  private abort: (() => void) | undefined;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (error: unknown) => void,
    /** Builds the `AskTimeoutError`, only if the ask does time out. */
    readonly timeoutError: (() => Error) | undefined,
  ) {}

  /** Rejects the ask with `signal.reason` when the signal aborts. */
  listen(signal: AbortSignal): void {
    this.signal = signal;
    this.abort = () => this.reject(signal.reason);
    signal.addEventListener('abort', this.abort, { once: true });
  }

  resolve(value: unknown): void {
    if (this.settle()) this.onResolve(value);
  }

  reject(error: unknown): void {
    if (this.settle()) this.onReject(error);
  }

  /** Called by the deadline list when the deadline has passed. */
  timeOut(): void {
    if (this.settled) return;
    this.timedOut = true;
    this.reject(this.timeoutError?.());
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.lane?.remove(this);
    if (this.abort) this.signal!.removeEventListener('abort', this.abort);
    this.abort = undefined;
    this.signal = undefined;
    return true;
  }
}
