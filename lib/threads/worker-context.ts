import { assertTimerDelay, Context, NOT_SCHEDULED, type SystemOfContext } from '../actor/context';
import type { PipeMap } from '../actor/pipe';
import { encode } from '../cluster/codec';
import { isRef, type Ref } from '../core/ref';
import { ConfigurationError } from '../errors';
import { describe } from '../metadata/naming';
import type { RefOf } from '../typed-refs';
import type { ActorClass, ActorRef, Cancellable } from '../types';
import { CANCEL, EXIT, TIMER, WATCH, type Item } from './protocol';
import type { WorkerRoutes } from './worker-routes';

/** What a worker context needs of its incarnation. */
export interface WorkerContextHost {
  readonly id: number;
  readonly path: string;
  readonly self: Ref;
  readonly parentRef: Ref | undefined;
  readonly sender: ActorRef | undefined;
  readonly restarts: number;
  readonly retired: boolean;
  /** True while a handler runs (awaits included): `ctx.stop()` then exits after it. */
  readonly handling: boolean;
  exitRequested: boolean;
  readonly routes: WorkerRoutes;
  /** `ctx.signal`, `ctx.deadline` and `ctx.now()`, as the main thread sent them with the letter. */
  readonly signal: AbortSignal;
  readonly deadline: number | undefined;
  readonly now: number;
  send(item: Item): void;
  pipe(promise: unknown, map: PipeMap | undefined): void;
}

/**
 * The context of an actor on a worker thread. Its timers, watches and exits are kept by the
 * main thread, where the actor's cell and its supervisor live (so a restart cancels them
 * there); this context sends them across. Like the main thread's, a retired context does
 * nothing.
 */
export class WorkerContext<M = unknown> extends Context<M> {
  private lastTimer = 0;

  constructor(private readonly host: WorkerContextHost) {
    super();
  }

  get self(): ActorRef<M> {
    return this.host.self as ActorRef<M>;
  }

  get parent(): ActorRef | undefined {
    return this.host.parentRef;
  }

  get sender(): ActorRef | undefined {
    return this.host.sender;
  }

  get path(): string {
    return this.host.path;
  }

  get restarts(): number {
    return this.host.restarts;
  }

  get system(): SystemOfContext {
    throw new ConfigurationError(
      `ctx.system at ${this.path}: an actor on a worker thread has no ActorSystem of its own. Send it the refs it needs in messages, or keep the code that needs the system on the main thread.`,
    );
  }

  spawn<A extends object>(actor: new (...args: any[]) => A): RefOf<A>;
  spawn<T = unknown>(actor: ActorClass): ActorRef<T>;
  spawn<T = unknown>(actor: ActorClass): ActorRef<T> {
    throw new ConfigurationError(
      `ctx.spawn(${describe(actor)}) at ${this.path}: an actor on a worker thread cannot spawn children. Spawn them from its supervisor on the main thread (system.spawn or a @Child), with { thread: true } if they should run on a thread too.`,
    );
  }

  get signal(): AbortSignal {
    return this.host.signal;
  }

  get deadline(): number | undefined {
    return this.host.handling ? this.host.deadline : undefined;
  }

  /** The main thread's `scheduler.now()` when the current letter (in a hook: the start or the hook) was sent here. */
  now(): number {
    return this.host.now;
  }

  pipeToSelf<T>(promise: PromiseLike<T>, map?: (value: T | undefined, error?: unknown) => M): void {
    this.host.pipe(promise, map as PipeMap | undefined);
  }

  stop(): void {
    const host = this.host;
    if (host.retired) return;
    if (host.handling) host.exitRequested = true;
    else host.send([EXIT, host.id]);
  }

  watch(ref: ActorRef): void {
    this.watching(ref, 'watch', 1);
  }

  unwatch(ref: ActorRef): void {
    this.watching(ref, 'unwatch', 0);
  }

  private watching(ref: ActorRef, method: string, on: 0 | 1): void {
    if (!isRef(ref)) throw new ConfigurationError(`ctx.${method}() at ${this.path} needs an ActorRef obtained from rampart, got ${describe(ref)}.`);
    if (!this.host.retired) this.host.send([WATCH, this.host.id, ref.address, on]);
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
    const wire = encode(message, 'message', host.routes, true);
    const id = ++this.lastTimer;
    host.send([TIMER, host.id, id, delayMs, repeat ? 1 : 0, wire]);
    return { cancel: () => host.send([CANCEL, host.id, id]) };
  }
}
