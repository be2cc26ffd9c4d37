import type { ActorRef } from '../types';

/** Delivered to a watcher (`ctx.watch(ref)`) when the watched actor stops for good. */
export class Terminated {
  constructor(
    /** The actor that stopped. */
    readonly ref: ActorRef,
  ) {}
}
