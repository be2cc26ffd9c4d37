import type { SchedulerAction, Subscription } from 'rxjs';
import { Envelope } from '../core/envelope';
import { isRef, type AnyRef } from '../core/ref';
import { ActorStoppedError, ConfigurationError } from '../errors';
import { describe } from '../metadata/naming';
import type { RefOf } from '../typed-refs';
import type { ActorClass, ActorRef, Cancellable, SpawnOptions } from '../types';
import type { Cell } from './cell';
import type { IncarnationState } from './incarnation-state';
import { assertTimerDelay, Context, NOT_SCHEDULED, type SystemOfContext } from './context';
import { assertPipeArguments, PipedLetter, whenSettled, type PipeMap } from './pipe';

/** What a context needs from its incarnation. */
export interface ContextHost extends IncarnationState {
  readonly cell: Cell;
  /** `ctx.signal` (see `Incarnation.signal`). */
  readonly signal: AbortSignal;
  addTimer(timer: Subscription): void;
  removeTimer(timer: Subscription): void;
}

/**
 * The context of one incarnation. Once that incarnation is retired (replaced by a restart,
 * killed, or its actor stopped for good), a kept context still answers its getters, but its
 * timers, spawns, stops and watches do nothing, as its sends do: nothing leaks from it.
 */
export class ActorContext<M = unknown> extends Context<M> {
  constructor(private readonly host: ContextHost) {
    super();
  }

  get self(): ActorRef<M> {
    return this.host.cell.ref as ActorRef<M>;
  }

  get parent(): ActorRef | undefined {
    return this.host.cell.parentRef;
  }

  get sender(): ActorRef | undefined {
    return this.host.current?.sender;
  }

  get path(): string {
    return this.host.cell.path;
  }

  get system(): SystemOfContext {
    return this.host.cell.runtime.system as SystemOfContext;
  }

  get restarts(): number {
    return this.host.cell.restarts;
  }

  get signal(): AbortSignal {
    return this.host.signal;
  }

  get deadline(): number | undefined {
    const host = this.host;
    const deadline = host.handling ? host.current?.ask?.deadline : undefined;
    return deadline !== undefined && deadline < Infinity ? deadline : undefined;
  }

  now(): number {
    return this.host.cell.runtime.scheduler.now();
  }

  pipeToSelf<T>(promise: PromiseLike<T>, map?: (value: T | undefined, error?: unknown) => M): void {
    assertPipeArguments(this.path, promise, map);
    const host = this.host;
    const cell = host.cell;
    const pipe = (outcome: unknown, rejected: boolean) => {
      if (host.retired) return; // the incarnation that piped it is over: dropped, as a timer's message
      cell.runtime.registry.sendOwn(cell.ref, new PipedLetter(outcome, rejected, map as PipeMap | undefined, host));
    };
    whenSettled(
      promise,
      (value) => pipe(value, false),
      (error: unknown) => pipe(error, true),
    );
  }

  spawn<A extends object>(actor: new (...args: any[]) => A, options?: SpawnOptions): RefOf<A>;
  spawn<T = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<T>;
  spawn<T = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<T> {
    if (this.host.retired) throw this.retiredError('spawn');
    return this.host.cell.spawn(actor, options) as ActorRef<T>;
  }

  stop(): void {
    this.host.cell.requestExit(this.host);
  }

  watch(ref: ActorRef): void {
    const target = refArgument(ref, 'watch', this.path);
    if (!this.host.retired) this.host.cell.watch(target);
  }

  unwatch(ref: ActorRef): void {
    const target = refArgument(ref, 'unwatch', this.path);
    if (!this.host.retired) this.host.cell.unwatch(target);
  }

  schedule(delayMs: number, message: M): Cancellable {
    return this.startTimer('schedule', delayMs, message, false);
  }

  every(intervalMs: number, message: M): Cancellable {
    return this.startTimer('every', intervalMs, message, true);
  }

  private startTimer(method: string, delayMs: number, message: M, repeat: boolean): Cancellable {
    assertTimerDelay(this.path, method, delayMs, repeat);
    const host = this.host;
    if (host.retired) return NOT_SCHEDULED;
    const cell = host.cell;
    const letter = new Envelope(message, undefined, undefined, host);
    const timer = cell.runtime.scheduler.schedule(function (this: SchedulerAction<unknown>) {
      if (host.retired) return; // a timer that outlived its incarnation ends here
      cell.runtime.registry.sendOwn(cell.ref, letter);
      if (repeat) this.schedule(undefined, delayMs);
      else host.removeTimer(timer);
    }, delayMs);
    host.addTimer(timer);
    return {
      cancel: () => {
        timer.unsubscribe();
        host.removeTimer(timer);
      },
    };
  }

  private retiredError(method: string): Error {
    return new ActorStoppedError(
      `ctx.${method}() at ${this.path}: this context belongs to an incarnation that was replaced or stopped. ` +
        `Use the ctx passed to the current handler or hook, not one kept from an earlier incarnation.`,
    );
  }
}

/**
 * The runtime's own ref for what `ref` names: a user's object (even a Proxy of a real ref)
 * is read once, here, and never kept.
 */
function refArgument(ref: unknown, method: string, path: string): AnyRef {
  if (isRef(ref)) {
    try {
      return ref.registry.resolve(ref).ref as AnyRef;
    } catch {
      // a Proxy that throws when read: not a ref after all
    }
  }
  throw new ConfigurationError(`ctx.${method}() at ${path} needs an ActorRef obtained from rampart, got ${describe(ref)}.`);
}
