/**
 * xstate 5's request/response pattern. xstate 5 has no `ask` (v4's `respond()` is gone):
 * the request event carries the requester's actor ref, and the receiving machine answers
 * with `sendTo(({ event }) => event.replyTo, …)`. Code outside any machine that wants to
 * await the reply needs an actor to be that `replyTo`: here a callback actor
 * (`fromCallback`) whose `receive` hands each reply to the request that is waiting for it.
 */
import { createActor, fromCallback, type AnyActorRef } from 'xstate';

/** Every reply event in this suite: `{ type: 'reply', value }`. */
export interface Reply<T> {
  readonly type: 'reply';
  readonly value: T;
}

export class Requester<T> {
  /** Pass it as the request's `replyTo`. */
  readonly ref: AnyActorRef;
  private pending: ((value: T) => void) | undefined;

  constructor() {
    const logic = fromCallback<Reply<T>>(({ receive }) => {
      receive((reply) => {
        const resolve = this.pending;
        this.pending = undefined;
        resolve?.(reply.value);
      });
    });
    this.ref = createActor(logic).start();
  }

  /** Calls `send(replyTo)` and resolves with the next reply: one request at a time. */
  request(send: (replyTo: AnyActorRef) => void): Promise<T> {
    if (this.pending) throw new Error('Requester: one request at a time');
    return new Promise<T>((resolve) => {
      this.pending = resolve;
      send(this.ref);
    });
  }

  stop(): void {
    this.ref.stop();
  }
}
