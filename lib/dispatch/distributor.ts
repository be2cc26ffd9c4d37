import { toEach } from '../core/fan-out';
import type { ProcessRegistry } from '../core/registry';
import { NoRecipientError, describeValue } from '../errors';
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
    toEach(this.all(), (ref) => ref.tell(message));
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    checkTimeout(options);
    try {
      return this.pick().ask<R>(message, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  askEveryone<R = unknown>(message: M, options?: AskOptions): Promise<R[]> {
    checkTimeout(options);
    try {
      return Promise.all(this.all().map((ref) => ref.ask<R>(message, options)));
    } catch (error) {
      return Promise.reject(error);
    }
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

/** A timeout <= 0 or NaN is a programming error: `RangeError` at the call, as for any ask. */
function checkTimeout(options: AskOptions | undefined): void {
  const timeoutMs = options?.timeoutMs;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
    throw new RangeError(`distributor ask: timeoutMs must be a number > 0, got ${describeValue(timeoutMs)}.`);
  }
}
