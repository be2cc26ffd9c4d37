import type { Context } from './context';

/** Optional lifecycle hooks of an actor class; each may be async. */
export interface ActorLifecycle {
  /** Before the first message (and after a normal-exit restart). A throw is a failure to start. */
  beforeStart?(ctx: Context): void | Promise<void>;
  /** After the last message of a graceful stop (not after `kill`). */
  afterStop?(ctx: Context): void | Promise<void>;
  /** Called on the failing instance, with the message that failed. */
  beforeRestart?(ctx: Context, error: unknown, message: unknown): void | Promise<void>;
  /** Called on the new instance, instead of `beforeStart`. */
  afterRestart?(ctx: Context, error: unknown): void | Promise<void>;
}
