import type { Cell } from '../actor/cell';
import { currentSender } from '../actor/local-ref';
import { ActorStoppedError } from '../errors';
import type { ActorRef, AskOptions, GroupRef } from '../types';

/** What a group ref needs from its group. */
export interface RoutedGroup {
  readonly path: string;
  /** The members not stopped for good, in index order (restarting ones included). */
  live(): readonly Cell[];
  route(message: unknown): Cell | undefined;
  resize(size: number): Promise<void>;
  deadLetter(message: unknown): void;
}

/**
 * The address of a group: `tell` and `ask` go to one member by the group's `dispatch`,
 * `broadcast` to every member once. A member that is restarting still gets its share,
 * which queues; a member stopped for good leaves the rotation.
 */
export class LocalGroupRef<M = unknown> implements GroupRef<M> {
  constructor(private readonly group: RoutedGroup) {}

  get path(): string {
    return this.group.path;
  }

  tell(message: M): void {
    const member = this.group.route(message);
    if (member === undefined) this.group.deadLetter(message);
    else member.tell(message, currentSender());
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    let member: Cell | undefined;
    try {
      member = this.group.route(message);
    } catch (error) {
      return Promise.reject(error);
    }
    if (member !== undefined) return member.ref.ask<R>(message, options);
    this.group.deadLetter(message);
    return Promise.reject(new ActorStoppedError(`The group ${this.path} has no member left; the message was not handled.`));
  }

  broadcast(message: M): void {
    const sender = currentSender();
    for (const member of this.group.live()) member.tell(message, sender);
  }

  get members(): readonly ActorRef<M>[] {
    return this.group.live().map((member) => member.ref as ActorRef<M>);
  }

  get size(): number {
    return this.group.live().length;
  }

  resize(n: number): Promise<void> {
    return this.group.resize(n);
  }

  toString(): string {
    return `GroupRef(${this.path})`;
  }

  toJSON(): { path: string } {
    return { path: this.path };
  }
}
