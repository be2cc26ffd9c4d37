import type { PendingAsk } from './pending-ask';

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
      this.signal.removeEventListener('abort', this.onAbort);
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
        ask.reject(reason);
      } catch (error) {
        reportUncaught(error);
      }
      if (ask.signalAsks === this) this.remove(ask);
    }
  }
}

/**
 * Reports an error that has no caller to go to (a settle callback threw) as an uncaught
 * exception on a fresh stack, as Node does for an EventTarget listener that throws, instead
 * of throwing it into the loop that is settling other asks.
 */
export function reportUncaught(error: unknown): void {
  process.nextTick(() => {
    throw error;
  });
}
