import type { SchedulerLike, Subscription } from 'rxjs';
import type { GiveUpListener, ReplyTo } from '../core/process';
import { AskTimeoutError } from '../errors';
import type { Peer } from './peer';

/** Where the answers to a peer's asks go (the cluster node). */
export interface Answers {
  readonly node: string;
  readonly scheduler: SchedulerLike;
  answer(peer: Peer, id: number, ok: boolean, value: unknown): void;
}

/**
 * Where the reply to an ask from another node goes: back over the link it came on. The ask
 * letter says how many ms its asker had left, so `deadline` is that point on this node's
 * clock (transit time not counted: it errs late, never early). The asker's giving up is
 * not sent across; a handler that reads `ctx.signal` gets it aborted when that local
 * deadline passes (one timer, made only then).
 */
export class RemoteReply implements ReplyTo {
  settled = false;
  readonly timedOut = false;
  private timer: Subscription | undefined;

  constructor(
    private readonly node: Answers,
    private readonly peer: Peer,
    private readonly id: number,
    /** Scheduler time (here) at which the asker gives up; `Infinity` when the letter said nothing. */
    readonly deadline = Infinity,
  ) {}

  onGiveUp(listener: GiveUpListener): void {
    if (this.settled || !(this.deadline < Infinity)) return;
    const scheduler = this.node.scheduler;
    const left = this.deadline - scheduler.now();
    if (left <= 0) return listener.abort(this.timeoutError());
    this.timer?.unsubscribe();
    this.timer = scheduler.schedule(() => {
      this.timer = undefined;
      if (!this.settled) listener.abort(this.timeoutError());
    }, left);
  }

  resolve(value: unknown): void {
    if (this.settled) return;
    this.settle();
    this.node.answer(this.peer, this.id, true, value);
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settle();
    this.node.answer(this.peer, this.id, false, error);
  }

  private settle(): void {
    this.settled = true;
    if (this.timer !== undefined) {
      this.timer.unsubscribe();
      this.timer = undefined;
    }
  }

  private timeoutError(): AskTimeoutError {
    return new AskTimeoutError(`An ask from node '${this.peer.node}' timed out: its deadline passed on node '${this.node.node}'.`);
  }
}

/** Where the answer to a remote `stop()` goes: the caller's promise. */
export class StopReply implements ReplyTo {
  settled = false;
  readonly timedOut = false;

  constructor(
    private readonly done: () => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  resolve(): void {
    if (this.settled) return;
    this.settled = true;
    this.done();
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.failed(error);
  }
}
