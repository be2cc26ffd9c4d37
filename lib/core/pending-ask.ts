import { AskTimeoutError } from '../errors';
import { SignalAsks } from './abort-listeners';
import type { DeadlineLane } from './ask-deadlines';

/**
 * The reply slot of one `ask`. It settles exactly once; settling takes it off its deadline
 * lane and off the asks of its abort signal, both in O(1). It is its own node in both lists
 * (`previous`/`next`, `signalPrevious`/`signalNext`), so waiting for a timeout or an abort
 * costs no timer, no listener of its own and no extra allocation.
 */
export class PendingAsk {
  settled = false;
  timedOut = false;
  /** Scheduler time at which the ask times out. */
  deadline = Infinity;
  /** @internal Order of the ask among those of its system: breaks ties between equal deadlines. */
  order = 0;
  /** @internal Links of the deadline lane this ask waits in. */
  previous: PendingAsk | undefined;
  /** @internal */
  next: PendingAsk | undefined;
  /** @internal The deadline lane this ask waits in, if any. */
  lane: DeadlineLane | undefined;
  /** @internal Links among the asks of the same abort signal. */
  signalPrevious: PendingAsk | undefined;
  /** @internal */
  signalNext: PendingAsk | undefined;
  /** @internal The asks of the abort signal this ask listens to, if any. */
  signalAsks: SignalAsks | undefined;

  constructor(
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (error: unknown) => void,
    /** Builds the `AskTimeoutError`, only if the ask does time out. */
    readonly timeoutError: (() => Error) | undefined,
  ) {}

  /**
   * Rejects the ask with `signal.reason` when the signal aborts; at once if it already has.
   * All the asks of one signal share one listener (see `SignalAsks`).
   */
  listen(signal: AbortSignal): void {
    if (this.settled) return;
    if (signal.aborted) this.reject(signal.reason);
    else SignalAsks.join(signal, this);
  }

  resolve(value: unknown): void {
    if (this.settle()) this.onResolve(value);
  }

  reject(error: unknown): void {
    if (this.settle()) this.onReject(error);
  }

  /**
   * Called by the deadline lanes when the deadline has passed. If building the proper
   * `AskTimeoutError` throws (the message's type could not be named, say), the ask still
   * rejects, with a plainer `AskTimeoutError` whose `cause` is what was thrown.
   */
  timeOut(): void {
    if (this.settled) return;
    this.timedOut = true;
    let error: unknown;
    try {
      error = this.timeoutError !== undefined ? this.timeoutError() : fallbackTimeoutError(this.lane?.timeoutMs);
    } catch (cause) {
      error = fallbackTimeoutError(this.lane?.timeoutMs, { cause });
    }
    this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.lane?.remove(this);
    this.signalAsks?.remove(this);
    return true;
  }
}

/** The `AskTimeoutError` of an ask whose own could not be built. Touches nothing of the ask's. */
function fallbackTimeoutError(timeoutMs: number | undefined, failure?: { cause: unknown }): AskTimeoutError {
  const after = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms`;
  const why =
    failure === undefined
      ? ''
      : ' Its usual error, which names the target and the message, could not be built: building it threw (see cause).';
  return new AskTimeoutError(`An ask timed out${after}.${why}`, failure);
}
