import { toEach } from '../core/fan-out';
import type { ProcessRegistry } from '../core/registry';
import { NoRecipientError } from '../errors';
import type { AskOptions, Distributor } from '../types';
import type { AnyRef } from '../core/ref';

/**
 * A named distributor: every member whose `@Child` options name it and that has not
 * stopped for good. `tellOne` and `ask` rotate through the recipients; `tellEveryone` and
 * `askEveryone` reach them all. A member waiting out a backoff keeps its share queued.
 */
export class NamedDistributor<M = unknown> implements Distributor<M> {
  private next = 0;

  constructor(
    private readonly name: string,
    private readonly registry: ProcessRegistry,
  ) {}

  tellOne(message: M): void {
    this.pick().tell(message);
  }

  tellEveryone(message: M): void {
    const refs = this.all();
    this.registry.assertCrosses(refs, message);
    toEach(refs, (ref) => ref.tell(message));
  }

  // No recipient rejects; a bad timeout throws `RangeError` at the call, from the ask itself.
  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    let ref: AnyRef;
    try {
      ref = this.pick();
    } catch (error) {
      return Promise.reject(error);
    }
    return ref.ask<R>(message, options);
  }

  askEveryone<R = unknown>(message: M, options?: AskOptions): Promise<R[]> {
    let refs: AnyRef[];
    try {
      refs = this.all();
    } catch (error) {
      return Promise.reject(error);
    }
    this.registry.assertCrosses(refs, message); // a message that cannot cross throws at the call, as for one ask
    return Promise.all(refs.map((ref) => ref.ask<R>(message, options)));
  }

  private all(): AnyRef[] {
    const refs = this.registry.recipients(this.name);
    if (refs.length === 0) {
      throw new NoRecipientError(
        `The distributor '${this.name}' has no recipient. Declare one with @Child(Worker, { distributor: '${this.name}' }), ` +
          `and make sure it has started.`,
      );
    }
    return refs;
  }

  private pick(): AnyRef {
    const refs = this.all();
    return refs[this.next++ % refs.length];
  }
}
