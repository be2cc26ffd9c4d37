import { ActorStoppedError } from '../errors';
import type { ActorRef, AskOptions } from '../types';
import type { Cell } from './cell';
import { currentIncarnation } from './current';

/**
 * The sender of a tell or ask made now: the actor whose handler is running, if any. What a
 * killed incarnation still sends is dropped by the refs (DESIGN: kill ignores it).
 */
export function currentSender(): ActorRef | undefined {
  return currentIncarnation()?.cell.ref;
}

/**
 * A ref to an actor of this node: its path, and a direct line to its mailbox. It stays
 * valid across restarts; after the actor stopped for good it is a dead-letter sink.
 */
export class LocalActorRef<M = unknown> implements ActorRef<M> {
  constructor(
    readonly path: string,
    /** @internal */
    readonly cell: Cell,
  ) {}

  tell(message: M): void {
    const from = currentIncarnation();
    if (from?.abandoned) return;
    this.cell.tell(message, from?.cell.ref);
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    const from = currentIncarnation();
    if (from?.abandoned) {
      return Promise.reject(new ActorStoppedError(`${from.cell.path} was killed; its ask to ${this.path} was not sent.`));
    }
    return this.cell.ask(message, from?.cell.ref, options) as Promise<R>;
  }

  stop(): Promise<void> {
    return this.cell.stopForGood();
  }

  kill(): void {
    this.cell.kill();
  }

  toString(): string {
    return `ActorRef(${this.path})`;
  }

  toJSON(): { path: string } {
    return { path: this.path };
  }
}
