import type { Subscription } from 'rxjs';

/**
 * The reply slot of one `ask`. It settles exactly once; settling clears its timer and its
 * abort listener. A reply that arrives after a timeout is reported through `onLateReply`.
 */
export class PendingAsk {
  settled = false;
  timedOut = false;
  timer: Subscription | undefined;
  private abort: (() => void) | undefined;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (error: unknown) => void,
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

  timeOut(error: unknown): void {
    if (this.settled) return;
    this.timedOut = true;
    this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.timer?.unsubscribe();
    this.timer = undefined;
    if (this.abort) this.signal!.removeEventListener('abort', this.abort);
    this.abort = undefined;
    this.signal = undefined;
    return true;
  }
}
