import type { SchedulerLike, Subscription } from 'rxjs';
import { reportUncaught } from './uncaught';
import { MinHeap } from './min-heap';
import type { Lane, PendingAsk } from './pending-ask';

/** Asks that share one timeout: their deadlines arrive in the order they were made. */
export class DeadlineLane implements Lane {
  head: PendingAsk | undefined;
  tail: PendingAsk | undefined;

  constructor(readonly timeoutMs: number) {}

  append(ask: PendingAsk): void {
    ask.lane = this;
    ask.previous = this.tail;
    if (this.tail !== undefined) this.tail.next = ask;
    else this.head = ask;
    this.tail = ask;
  }

  /** Unlinks a settled ask, in O(1). */
  remove(ask: PendingAsk): void {
    if (ask.previous !== undefined) ask.previous.next = ask.next;
    else this.head = ask.next;
    if (ask.next !== undefined) ask.next.previous = ask.previous;
    else this.tail = ask.previous;
    ask.previous = ask.next = ask.lane = undefined;
  }
}

/**
 * The ask timeouts of one system, on one scheduler action instead of a timer per ask.
 *
 * Asks are kept in one lane per timeout value, where deadlines only grow, so each lane is a
 * FIFO: an ask is appended in O(1), unlinked in O(1) when it settles, and timed out from the
 * head. The lanes sit in a binary min-heap keyed by (deadline, order) of their head, so the
 * earliest deadline of all is at the top, whatever the number of distinct timeouts: a
 * timeout costs O(log L) for L lanes, and asks that share one timeout pay O(1) each.
 *
 * The heap is lazy: a settled ask only leaves its lane, and its lane keeps the key it had.
 * That key is then a lower bound of the lane's real one (a lane's keys only grow), so
 * nothing is ever timed out late; when a stale key reaches the top, the lane is re-keyed (or
 * dropped, if empty) before anything times out. So timeouts fire exactly when due, in
 * deadline order, equal deadlines in ask order; settled asks never time out.
 *
 * The one action is armed for the top key, at its exact time, so virtual time sees every
 * timeout exactly when it is due; before it re-arms, it drops the empty lanes and re-keys
 * the stale ones at the top, so it is armed for the deadline of an ask that was unsettled
 * then. After the last ask settles it may stay armed until that time; then it finds nothing
 * due, drops the empty lanes, and does not re-arm.
 */
export class AskDeadlines {
  private readonly lanes = new Map<number, DeadlineLane>();
  /** Every lane of `lanes`, and only those, keyed by a lower bound of its head's (deadline, order). */
  private readonly heap = new MinHeap<DeadlineLane>();
  private timer: Subscription | undefined;
  /** Time the action is armed for; -Infinity while `expire` runs (it re-arms at its end). */
  private armedFor = Infinity;
  private disposed = false;
  private asks = 0;

  constructor(private readonly scheduler: SchedulerLike) {}

  /** Whether its one action is scheduled now (at most one action of the scheduler is its own). */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** Times `ask` out after `timeoutMs` unless it settles first. */
  add(ask: PendingAsk, timeoutMs: number): void {
    if (this.disposed || ask.settled) return;
    const deadline = this.scheduler.now() + timeoutMs;
    if (!(deadline < Infinity)) return; // never due (the registry adds finite timeouts only)
    ask.deadline = deadline;
    ask.order = this.asks++;
    let lane = this.lanes.get(timeoutMs);
    if (lane === undefined) {
      this.lanes.set(timeoutMs, (lane = new DeadlineLane(timeoutMs)));
      this.heap.push(lane, deadline, ask.order);
    }
    // An existing lane's key is that of an earlier ask of the same timeout: no later than this one.
    lane.append(ask);
    if (deadline < this.armedFor) this.arm(deadline);
  }

  /**
   * The system terminated: every actor is stopped, so no ask is left to time out. Dropping
   * the armed action lets the process exit at once instead of at the last deadline.
   */
  dispose(): void {
    this.disposed = true;
    this.timer?.unsubscribe();
    this.timer = undefined;
    this.lanes.clear();
    this.heap.clear();
  }

  private arm(deadline: number): void {
    this.timer?.unsubscribe();
    this.armedFor = deadline;
    this.timer = this.scheduler.schedule(() => this.expire(), Math.max(0, deadline - this.scheduler.now()));
  }

  /**
   * Times out every ask that is due, earliest first, then re-arms for the next deadline.
   * Each time-out is guarded: if one throws (its rejection callback misbehaved), that ask
   * is off its lane all the same, the others still time out, the action still re-arms, and
   * the error is reported as uncaught on a fresh stack, not thrown into the scheduler (an
   * RxJS scheduler that catches an action's error drops its other queued actions).
   */
  private expire(): void {
    this.timer = undefined;
    this.armedFor = -Infinity; // an ask added by a rejection callback does not arm: we re-arm below
    const { heap, lanes } = this;
    const now = this.scheduler.now();
    // Until the top lane is exact and not due: drop empty lanes and re-key stale ones on the
    // way, even those not due yet, so that the action is armed for a real deadline.
    while (!this.disposed && heap.size > 0) {
      const lane = heap.peek()!;
      const ask = lane.head;
      if (ask === undefined) {
        // Every ask of the lane settled: drop it (a later ask of that timeout makes a new one).
        heap.pop();
        lanes.delete(lane.timeoutMs);
        continue;
      }
      if (heap.topTie !== ask.order) {
        // A stale key (the head it was set for has settled): re-key, then look at the top again.
        heap.replaceTop(ask.deadline, ask.order);
        continue;
      }
      if (ask.deadline > now) break;
      // The top key is exact, and due: this is the earliest unsettled deadline of all.
      try {
        ask.timeOut();
      } catch (error) {
        reportUncaught(error);
      }
      if (ask.lane === lane) lane.remove(ask); // settled or not, it is done with
      // A lane pushed by a rejection callback cannot come before this one (its key is later),
      // and dispose() empties the heap: re-key this lane only while it is still the top.
      if (heap.peek() !== lane) continue;
      const next = lane.head;
      if (next !== undefined) heap.replaceTop(next.deadline, next.order);
      else {
        heap.pop();
        lanes.delete(lane.timeoutMs);
      }
    }
    this.armedFor = Infinity;
    if (!this.disposed && heap.size > 0) this.arm(heap.topKey);
  }
}
