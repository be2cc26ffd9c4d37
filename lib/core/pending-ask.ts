import { AskTimeoutError } from '../errors';
import type { GiveUpListener } from './process';
import { reportUncaught } from './uncaught';

/** The deadline lane an ask waits in (see `ask-deadlines.ts`), as the ask sees it. */
export interface Lane {
  readonly timeoutMs: number;
  remove(ask: PendingAsk): void;
}

/**
 * The reply slot of one `ask`. It settles exactly once; settling takes it off its deadline
 * lane and off the asks of its abort signal, both in O(1). It is its own node in both lists
 * (`previous`/`next`, `signalPrevious`/`signalNext`), so waiting for a timeout or an abort
 * costs no timer, no listener of its own and no extra allocation.
 */
export class PendingAsk {
  settled = false;
  timedOut = false;
  /** The asker gave up (timeout or its signal), with `giveUpReason`, the error it got. */
  gaveUp = false;
  giveUpReason: unknown = undefined;
  /** Scheduler time at which the ask times out. */
  deadline = Infinity;
  /** @internal Order of the ask among those of its system: breaks ties between equal deadlines. */
  order = 0;
  // Every field is set at construction, so that every pending ask has one shape (an ask
  // lives for microseconds; a stable shape matters more than a few bytes).
  /** @internal Links of the deadline lane this ask waits in. */
  previous: PendingAsk | undefined = undefined;
  /** @internal */
  next: PendingAsk | undefined = undefined;
  /** @internal The deadline lane this ask waits in, if any. */
  lane: Lane | undefined = undefined;
  /** @internal Links among the asks of the same abort signal. */
  signalPrevious: PendingAsk | undefined = undefined;
  /** @internal */
  signalNext: PendingAsk | undefined = undefined;
  /** @internal The asks of the abort signal this ask listens to, if any. */
  signalAsks: SignalAsks | undefined = undefined;
  /** @internal Told when the asker gives up: set only when a handler reads `ctx.signal`. */
  giveUpListener: GiveUpListener | undefined = undefined;

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
    if (signal.aborted) this.giveUp(signal.reason);
    else SignalAsks.join(signal, this);
  }

  /** See `ReplyTo.onGiveUp`. */
  onGiveUp(listener: GiveUpListener): void {
    if (this.gaveUp) listener.abort(this.giveUpReason);
    else if (!this.settled) this.giveUpListener = listener;
  }

  /** The asker gives up with `reason` (its timeout or its signal's reason): rejects, then tells the listener. */
  giveUp(reason: unknown): void {
    if (this.settled) return;
    this.gaveUp = true;
    this.giveUpReason = reason;
    const listener = this.giveUpListener;
    this.reject(reason);
    if (listener === undefined) return;
    try {
      listener.abort(reason);
    } catch (error) {
      reportUncaught(error);
    }
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
    this.giveUp(error);
  }

  /** Settles without a word: nothing was sent, and the caller got the error at the call. */
  abandon(): void {
    this.settle();
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.giveUpListener = undefined;
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

/** The asks that listen to each signal. Weak: a signal nobody holds takes its entry along. */
const bySignal = new WeakMap<AbortSignal, SignalAsks>();

/**
 * The pending asks of one AbortSignal, in ask order, behind ONE 'abort' listener. An
 * EventTarget keeps its listeners in a list that it scans to add (checking for duplicates) and
 * to remove one, so a listener per ask made n asks on one signal cost O(n²). Here an ask joins
 * and leaves in O(1) (it is its own node: `signalPrevious`, `signalNext`); the listener is
 * added when the first ask joins and removed when the last one leaves, so a settled ask leaves
 * nothing behind, and a signal with no pending ask has no listener of ours.
 */
export class SignalAsks {
  head: PendingAsk | undefined;
  tail: PendingAsk | undefined;
  private readonly onAbort = (): void => this.abortAll();

  private constructor(private readonly signal: AbortSignal) {}

  /** Adds `ask` to the asks of `signal`, after those already waiting. */
  static join(signal: AbortSignal, ask: PendingAsk): void {
    let asks = bySignal.get(signal);
    if (asks === undefined) {
      asks = new SignalAsks(signal);
      bySignal.set(signal, asks);
      signal.addEventListener('abort', asks.onAbort, { once: true });
    }
    asks.append(ask);
  }

  /** Unlinks a settled ask, in O(1); the last one to leave takes the listener away. */
  remove(ask: PendingAsk): void {
    if (ask.signalPrevious !== undefined) ask.signalPrevious.signalNext = ask.signalNext;
    else this.head = ask.signalNext;
    if (ask.signalNext !== undefined) ask.signalNext.signalPrevious = ask.signalPrevious;
    else this.tail = ask.signalPrevious;
    ask.signalPrevious = ask.signalNext = ask.signalAsks = undefined;
    if (this.head === undefined) {
      bySignal.delete(this.signal);
      try {
        this.signal.removeEventListener('abort', this.onAbort);
      } catch (error) {
        reportUncaught(error); // a hostile signal: the ask settles all the same
      }
    }
  }

  private append(ask: PendingAsk): void {
    ask.signalAsks = this;
    ask.signalPrevious = this.tail;
    if (this.tail !== undefined) this.tail.signalNext = ask;
    else this.head = ask;
    this.tail = ask;
  }

  /**
   * Rejects every pending ask with `signal.reason`, in ask order. One ask whose rejection
   * throws does not spare the others (as with one listener each); its error is reported as
   * uncaught, the way an EventTarget reports a listener that throws.
   */
  private abortAll(): void {
    const reason = this.signal.reason;
    for (let ask = this.head; ask !== undefined; ask = this.head) {
      try {
        ask.giveUp(reason);
      } catch (error) {
        reportUncaught(error);
      }
      if (ask.signalAsks === this) this.remove(ask);
    }
  }
}
