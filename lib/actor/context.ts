import type { SchedulerAction } from 'rxjs';
import { ConfigurationError } from '../errors';
import type { ActorSystem } from '../system/actor-system';
import type { ActorClass, ActorRef, Cancellable, SpawnOptions } from '../types';
import { Envelope } from './envelope';
import type { Incarnation } from './incarnation';
import { LocalActorRef } from './local-ref';
import { spawnChild } from './spawn';

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
  abstract readonly system: ActorSystem;
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

const NOT_SCHEDULED: Cancellable = { cancel: () => undefined };

/** The context of one incarnation. */
export class ActorContext<M = unknown> extends Context<M> {
  constructor(private readonly incarnation: Incarnation) {
    super();
  }

  get self(): ActorRef<M> {
    return this.incarnation.cell.ref as ActorRef<M>;
  }

  get parent(): ActorRef | undefined {
    return this.incarnation.cell.parentRef;
  }

  get sender(): ActorRef | undefined {
    return this.incarnation.current?.sender;
  }

  get path(): string {
    return this.incarnation.cell.path;
  }

  get system(): ActorSystem {
    return this.incarnation.cell.runtime.system as ActorSystem;
  }

  get restarts(): number {
    return this.incarnation.cell.restarts;
  }

  spawn<T = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<T> {
    return spawnChild(this.incarnation.cell, actor, options).ref as ActorRef<T>;
  }

  stop(): void {
    this.incarnation.cell.requestExit(this.incarnation);
  }

  watch(ref: ActorRef): void {
    this.incarnation.cell.watch(localCellOf(ref, 'watch'));
  }

  unwatch(ref: ActorRef): void {
    this.incarnation.cell.unwatch(localCellOf(ref, 'unwatch'));
  }

  schedule(delayMs: number, message: M): Cancellable {
    return this.startTimer('schedule', delayMs, message, false);
  }

  every(intervalMs: number, message: M): Cancellable {
    return this.startTimer('every', intervalMs, message, true);
  }

  private startTimer(method: string, delayMs: number, message: M, repeat: boolean): Cancellable {
    if (typeof delayMs !== 'number' || !(delayMs >= 0) || !Number.isFinite(delayMs) || (repeat && delayMs === 0)) {
      throw new RangeError(
        `ctx.${method}() at ${this.path}: the delay must be a finite number of ms ${repeat ? '> 0' : '>= 0'}, got ${String(delayMs)}.`,
      );
    }
    const incarnation = this.incarnation;
    if (incarnation.abandoned || incarnation.cell.status === 'dead') return NOT_SCHEDULED;
    const cell = incarnation.cell;
    const timer = cell.runtime.scheduler.schedule(function (this: SchedulerAction<unknown>) {
      cell.post(new Envelope(message, undefined, undefined, incarnation));
      if (repeat) this.schedule(undefined, delayMs);
      else incarnation.removeTimer(timer);
    }, delayMs);
    incarnation.addTimer(timer);
    return {
      cancel: () => {
        timer.unsubscribe();
        incarnation.removeTimer(timer);
      },
    };
  }
}

function localCellOf(ref: ActorRef, method: string) {
  if (ref instanceof LocalActorRef) return ref.cell;
  throw new ConfigurationError(`ctx.${method}() needs an ActorRef obtained from rampart, got ${String(ref)}.`);
}
