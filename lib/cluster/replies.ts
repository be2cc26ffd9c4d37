import type { ReplyTo } from '../core/process';
import type { Peer } from './peer';

/** Where the answers to a peer's asks go (the cluster node). */
export interface Answers {
  answer(peer: Peer, id: number, ok: boolean, value: unknown): void;
}

/** Where the reply to an ask from another node goes: back over the link it came on. */
export class RemoteReply implements ReplyTo {
  settled = false;
  readonly timedOut = false;

  constructor(
    private readonly node: Answers,
    private readonly peer: Peer,
    private readonly id: number,
  ) {}

  resolve(value: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.node.answer(this.peer, this.id, true, value);
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.node.answer(this.peer, this.id, false, error);
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
