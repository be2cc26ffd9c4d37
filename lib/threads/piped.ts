/**
 * What the main thread queues for a `ctx.pipeToSelf` outcome of an actor on a worker: only
 * its number. The outcome itself, and the `map`, stay in the worker (they need not cross),
 * which makes the message when the letter comes back (see `WorkerPipes`). A dead letter of
 * it (dropped by a stop, or unhandled) shows this marker.
 */
export class PipedResult {
  constructor(
    /** The outcome's number, in its incarnation on the worker. */
    readonly id: number,
  ) {}

  toString(): string {
    return `ctx.pipeToSelf() result #${this.id}`;
  }
}
