import type { ActorRef, AskOptions } from '../types';
import type { Cell } from './cell';
import { currentIncarnation } from './current';

/** The sender of a tell or ask made now: the actor whose handler is running, if any. */
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
    this.cell.tell(message, currentSender());
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    return this.cell.ask(message, currentSender(), options) as Promise<R>;
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
