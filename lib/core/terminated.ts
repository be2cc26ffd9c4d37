import type { ActorRef } from '../types';

/** Delivered to a watcher (`ctx.watch(ref)`) when the watched actor stops for good. */
export class Terminated {
  constructor(
    /** The actor that stopped. */
    readonly ref: ActorRef,
    /** `'node-down'` when its node went down (or was never up); `'stopped'` otherwise. */
    readonly reason: 'stopped' | 'node-down' = 'stopped',
  ) {}
}
