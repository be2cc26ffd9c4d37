import { describe } from '../metadata/naming';
import type { ActorClass, ActorRef, Cancellable, SpawnOptions } from '../types';

/** What `schedule` and `every` return for a context that no longer runs. */
export const NOT_SCHEDULED: Cancellable = Object.freeze({ cancel: () => undefined });

/** Throws the `RangeError` of a timer delay that is not a finite number of ms (`> 0` for `every`). */
export function assertTimerDelay(path: string, method: string, delayMs: unknown, repeat: boolean): asserts delayMs is number {
  if (typeof delayMs !== 'number' || !(delayMs >= 0) || !Number.isFinite(delayMs) || (repeat && delayMs === 0)) {
    throw new RangeError(`ctx.${method}() at ${path}: the delay must be a finite number of ms ${repeat ? '> 0' : '>= 0'}, got ${describe(delayMs)}.`);
  }
}

/**
 * Filled in by `system/` through module augmentation (`system: ActorSystem`), so that
 * `ctx.system` has the system's own type while this module imports nothing above it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ContextTypes {}

/** The type of `ctx.system`: the `ActorSystem`, once `system/` is part of the program. */
export type SystemOfContext = ContextTypes extends { system: infer S } ? S : object;

/**
 * The actor's view of the runtime: the second argument of every handler and hook, and
 * injectable into constructors by its type.
 *
 * @example
 * \@Actor()
 * class Ticker {
 *   constructor(private readonly ctx: Context) {}
 *   beforeStart() { this.ctx.every(1000, new Tick()); }
 * }
 */
export abstract class Context<M = unknown> {
  /** This actor's ref. */
  abstract readonly self: ActorRef<M>;
  /** The supervisor's ref; `undefined` for the root. */
  abstract readonly parent: ActorRef | undefined;
  /** The asker or telling actor of the current message, if any. */
  abstract readonly sender: ActorRef | undefined;
  /** This actor's path, e.g. `/app/workers/0`. */
  abstract readonly path: string;
  /** The system this actor runs in. */
  abstract readonly system: SystemOfContext;
  /** How often this actor has restarted. */
  abstract readonly restarts: number;
  /** Starts a dynamic child supervised by this actor (one-for-one), stopped when it restarts. */
  abstract spawn<T = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<T>;
  /** Normal exit after the current message. */
  abstract stop(): void;
  /** A `Terminated` message arrives when `ref` stops for good. */
  abstract watch(ref: ActorRef): void;
  /** Stops watching `ref`: no `Terminated` for it any more. */
  abstract unwatch(ref: ActorRef): void;
  /** Sends `message` to self after `delayMs`. Cancelled by a restart or a stop. */
  abstract schedule(delayMs: number, message: M): Cancellable;
  /** Sends `message` to self every `intervalMs`. Cancelled by a restart or a stop. */
  abstract every(intervalMs: number, message: M): Cancellable;
}
