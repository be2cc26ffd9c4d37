import type { SchedulerLike, Subscription } from 'rxjs';
import type { GiveUpListener, ReplyTo } from '../core/process';
import { reportUncaught } from '../core/uncaught';
import { AskTimeoutError } from '../errors';
import type { Answering, Peer } from './peer';

/** Where the answers to a peer's asks go (the cluster node). */
export interface Answers {
  readonly node: string;
  readonly scheduler: SchedulerLike;
  answer(peer: Peer, id: number, ok: boolean, value: unknown): void;
}

/**
 * Where the reply to an ask from another node goes: back over the link it came on. The ask
 * letter says how many ms its asker had left, so `deadline` is that point on this node's
 * clock (transit time not counted: it errs late, never early). When the asker gives up
 * sooner (its own signal aborted, or its timeout passed there first), its node sends a
 * give-up letter, which reaches `giveUp` here. A handler that reads `ctx.signal` gets it
 * aborted by whichever comes first; one timer, made only then. Until it is answered the
 * reply is in `peer.answering`, where the give-up letter finds it.
 */
export class RemoteReply implements ReplyTo, Answering {
  settled = false;
  readonly timedOut = false;
  private timer: Subscription | undefined = undefined;
  private listener: GiveUpListener | undefined = undefined;
  /** The asker gave up (its give-up letter came, perhaps before a handler read `ctx.signal`), with this reason. */
  private gaveUp = false;
  private giveUpReason: unknown = undefined;

  constructor(
    private readonly node: Answers,
    private readonly peer: Peer,
    private readonly id: number,
    /** Scheduler time (here) at which the asker gives up; `Infinity` when the letter said nothing. */
    readonly deadline = Infinity,
  ) {
    peer.answering.set(id, this);
  }

  onGiveUp(listener: GiveUpListener): void {
    if (this.settled) return;
    if (this.gaveUp) return listener.abort(this.giveUpReason);
    this.listener = listener;
    if (!(this.deadline < Infinity)) return;
    const scheduler = this.node.scheduler;
    const left = this.deadline - scheduler.now();
    if (left <= 0) return this.giveUp(this.timeoutError());
    this.timer?.unsubscribe();
    this.timer = scheduler.schedule(() => {
      this.timer = undefined;
      this.giveUp(this.timeoutError());
    }, left);
  }

  /** The asker gave up (its give-up letter, or the local deadline): the listener, if any, aborts with `reason`. */
  giveUp(reason: unknown): void {
    if (this.settled || this.gaveUp) return;
    this.gaveUp = true;
    this.giveUpReason = reason;
    this.clearTimer();
    const listener = this.listener;
    this.listener = undefined;
    if (listener === undefined) return;
    try {
      listener.abort(reason);
    } catch (error) {
      reportUncaught(error);
    }
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
    this.listener = undefined;
    this.clearTimer();
    if (this.peer.answering.get(this.id) === this) this.peer.answering.delete(this.id);
  }

  private clearTimer(): void {
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
