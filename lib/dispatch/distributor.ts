import type { Cell } from '../actor/cell';
import { NoRecipientError } from '../errors';
import type { ActorRef, AskOptions, Distributor } from '../types';

/**
 * A named distributor: every live actor whose `@Child` options name it. `tellOne` and `ask`
 * rotate through the recipients; `tellEveryone` and `askEveryone` reach them all.
 */
export class NamedDistributor<M = unknown> implements Distributor<M> {
  private next = 0;

  constructor(
    private readonly name: string,
    private readonly recipients: () => Cell[],
  ) {}

  tellOne(message: M): void {
    this.pick().tell(message);
  }

  tellEveryone(message: M): void {
    for (const ref of this.all()) ref.tell(message);
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    try {
      return this.pick().ask<R>(message, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  askEveryone<R = unknown>(message: M, options?: AskOptions): Promise<R[]> {
    try {
      return Promise.all(this.all().map((ref) => ref.ask<R>(message, options)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private all(): ActorRef<M>[] {
    const refs = this.recipients().map((cell) => cell.ref as ActorRef<M>);
    if (refs.length === 0) {
      throw new NoRecipientError(
        `The distributor '${this.name}' has no recipient. Declare one with @Child(Worker, { distributor: '${this.name}' }), ` +
          `and make sure it has started.`,
      );
    }
    return refs;
  }

  private pick(): ActorRef<M> {
    const refs = this.all();
    return refs[this.next++ % refs.length];
  }
}
