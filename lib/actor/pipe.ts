import { Envelope } from '../core/envelope';
import { isThenable } from '../core/thenable';
import { describe } from '../metadata/naming';

/** The `map` of `ctx.pipeToSelf`: the message to tell self for the outcome of the promise. */
export type PipeMap = (value: unknown, error?: unknown) => unknown;

/**
 * The outcome of a `ctx.pipeToSelf` promise on its way to the actor. It belongs to the
 * incarnation that piped it (`timerOf`), so after a restart or a stop it is dropped, like a
 * timer's message. `map` runs when the letter is handled, in the actor, one message at a
 * time like a handler (Akka's `pipeToSelf` adapts in the actor too): a `map` that throws is
 * a failure of the actor, and the letter (the outcome) is dead-lettered `failed`.
 */
export class PipedLetter extends Envelope {
  constructor(
    outcome: unknown,
    private readonly rejected: boolean,
    private readonly map: PipeMap | undefined,
    incarnation: object,
  ) {
    super(outcome, undefined, undefined, incarnation);
  }

  /** The message to handle: what `map` makes of the outcome, or the value or error itself. */
  adapt(): unknown {
    const map = this.map;
    if (map === undefined) return this.message;
    return this.rejected ? map(undefined, this.message) : map(this.message);
  }
}

/** Throws the `TypeError` of a bad `ctx.pipeToSelf` argument, naming the actor's path. */
export function assertPipeArguments(path: string, promise: unknown, map: unknown): void {
  let thenable = false;
  try {
    thenable = isThenable(promise);
  } catch {
    // a `then` getter that throws: not a promise we can wait for
  }
  if (!thenable) {
    throw new TypeError(`ctx.pipeToSelf() at ${path} needs a promise (or another thenable) as its first argument, got ${describe(promise)}.`);
  }
  if (map !== undefined && typeof map !== 'function') {
    throw new TypeError(`ctx.pipeToSelf() at ${path}: map must be a function (value, error) => message, or left out, got ${describe(map)}.`);
  }
}

/**
 * Calls `fulfilled` or `rejected` once `promise` settles. Its `then` is read and called in a
 * job of its own, so a hostile thenable (a `then` that throws) is a rejection, never a throw.
 */
export function whenSettled(promise: unknown, fulfilled: (value: unknown) => void, rejected: (error: unknown) => void): void {
  new Promise((resolve) => resolve(promise)).then(fulfilled, rejected);
}
