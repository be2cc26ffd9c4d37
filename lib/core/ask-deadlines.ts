import type { SchedulerLike, Subscription } from 'rxjs';
import type { PendingAsk } from './pending-ask';

/** Asks that share one timeout: their deadlines arrive in the order they were made. */
export class DeadlineLane {
  head: PendingAsk | undefined;
  tail: PendingAsk | undefined;

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
 * Asks are kept in one lane per timeout value, where deadlines only grow, so each lane is a
 * FIFO: an ask is appended, unlinked in O(1) when it settles, and timed out from the head.
 * The one action is armed for the earliest head, at its exact deadline, so virtual time sees
 * every timeout exactly when it is due.
 */
export class AskDeadlines {
  private readonly lanes = new Map<number, DeadlineLane>();
  private timer: Subscription | undefined;
  private armedFor = Infinity;
  private disposed = false;

  constructor(private readonly scheduler: SchedulerLike) {}

  /** Times `ask` out after `timeoutMs` unless it settles first. */
  add(ask: PendingAsk, timeoutMs: number): void {
    if (this.disposed) return;
    const deadline = this.scheduler.now() + timeoutMs;
    let lane = this.lanes.get(timeoutMs);
    if (lane === undefined) this.lanes.set(timeoutMs, (lane = new DeadlineLane()));
    ask.deadline = deadline;
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
  }

  private arm(deadline: number): void {
    this.timer?.unsubscribe();
    this.armedFor = deadline;
    this.timer = this.scheduler.schedule(() => this.expire(), Math.max(0, deadline - this.scheduler.now()));
  }

  private expire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.scheduler.now();
    let next = Infinity;
    for (const [timeoutMs, lane] of this.lanes) {
      for (let ask = lane.head; ask !== undefined && ask.deadline <= now; ask = lane.head) ask.timeOut();
      if (lane.head === undefined) this.lanes.delete(timeoutMs);
      else next = Math.min(next, lane.head.deadline);
    }
    if (next < Infinity) this.arm(next);
  }
}
