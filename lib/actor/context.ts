import { describe } from '../metadata/naming';
import type { RefOf } from '../typed-refs';
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
  /**
   * Starts a dynamic child supervised by this actor (one-for-one), stopped when it restarts.
   * Its ref is typed by the class (`RefOf<A>`); with an explicit message type
   * (`ctx.spawn<Job>(Worker)`) it is an untyped `ActorRef<Job>`.
   */
  abstract spawn<A extends object>(actor: new (...args: any[]) => A, options?: SpawnOptions): RefOf<A>;
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
  /**
   * Aborted when the asker of the current message gives up, and when the actor is killed.
   * Its `reason` is the `AskTimeoutError` the asker got when its timeout passed, the
   * asker's own `signal.reason` when that aborted, or an `ActorStoppedError`. An ask whose
   * asker gave up while it was still queued starts with an aborted signal. For a tell it is
   * aborted only when the incarnation ends (a kill, or a stop or restart after it). Read
   * outside a handler (in a hook, or later by work a hook started), it is the incarnation's
   * signal: aborted with an `ActorStoppedError` when the incarnation ends (killed, restarted
   * or stopped). Nothing is made until it is read. On a worker thread the main thread, which
   * knows the asker, sends the abort across.
   *
   * @example
   * \@On(Render)
   * async render(job: Render, ctx: Context) {
   *   if (ctx.signal.aborted) return undefined; // the asker is gone: skip the work
   *   return (await fetch(job.url, { signal: ctx.signal })).text();
   * }
   */
  abstract readonly signal: AbortSignal;
  /**
   * Scheduler time (`ctx.now()`'s clock) at which the current ask times out; `undefined`
   * for a tell, in a hook, or for an ask with no finite timeout. On a worker thread it is the
   * main thread's scheduler time, as `ctx.now()` there.
   *
   * @example
   * const budgetMs = ctx.deadline === undefined ? Infinity : ctx.deadline - ctx.now();
   */
  abstract readonly deadline: number | undefined;
  /**
   * `scheduler.now()`: the runtime's clock (virtual in tests), the clock of `ctx.deadline`,
   * of timers and of event times. On a worker thread, which cannot read the main thread's
   * scheduler, it is the main thread's `scheduler.now()` when the current letter (or, in a
   * hook, the incarnation's start or its last letter) was sent to the worker.
   */
  abstract now(): number;
  /**
   * Tells `map(value)` to self when `promise` fulfils, `map(undefined, error)` when it rejects
   * (without `map`: the value or the error itself). The handler returns at once, so the
   * mailbox is not blocked while the work runs (Akka's `pipeToSelf`). `map` runs when the
   * result is handled, as this actor, one message at a time: a `map` that throws is a failure
   * of the actor, like a handler's throw. Like a timer, the result belongs to the
   * incarnation: after a restart or a stop it is dropped. Throws `TypeError` when `promise`
   * is not a thenable or `map` is not a function.
   *
   * @example
   * \@On(Load)
   * load(msg: Load, ctx: Context<Loaded | LoadFailed>) {
   *   ctx.pipeToSelf(db.find(msg.id), (row, error) => (error ? new LoadFailed(error) : new Loaded(row)));
   * }
   */
  abstract pipeToSelf<T>(promise: PromiseLike<T>, map?: (value: T | undefined, error?: unknown) => M): void;
}
