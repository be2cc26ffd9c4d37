import type { AnyRef } from '../core/ref';
import type { ActorRef } from '../types';

/**
 * One actor's death-watch bookkeeping, made when it first watches or is watched: who
 * watches it, and whom it watches, both keyed by address (refs are values).
 */
export class DeathWatch {
  /** Refs to tell `Terminated` when this actor stops for good. */
  readonly watchers = new Map<string, ActorRef>();
  /** Refs this actor watches: a `Terminated` of one of them is delivered once, then forgotten. */
  readonly watching = new Map<string, AnyRef>();

  get empty(): boolean {
    return this.watchers.size === 0 && this.watching.size === 0;
  }
}
