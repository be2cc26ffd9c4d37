import type { Backoff } from './supervision/backoff';

/** A class the runtime can instantiate as an actor or a supervisor. */
export type ActorClass<T extends object = object> = new (...args: any[]) => T;

/**
 * What `@On(type)` matches. A class matches instances through the prototype chain;
 * `String`, `Number`, `Boolean`, `BigInt` and `Symbol` match primitives by `typeof`.
 */
export type MessageType =
  | (abstract new (...args: any[]) => unknown)
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | BigIntConstructor
  | SymbolConstructor;

/** How a supervisor restarts its children when one fails. */
export type SupervisionStrategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/**
 * When a child is restarted: `permanent` always, `transient` only after a failure
 * (not after a normal stop), `temporary` never.
 */
export type RestartPolicy = 'permanent' | 'transient' | 'temporary';

/** How a `GroupRef` picks the member for a `tell` or an `ask`. */
export type DispatchStrategy =
  | 'round-robin'
  | 'random'
  | 'least-loaded'
  | ((message: any, members: readonly ActorRef[]) => ActorRef);

/** What a bounded mailbox does with a message that does not fit. */
export type OverflowPolicy = 'drop-newest' | 'drop-oldest' | 'reject';

/** A bounded mailbox. Dropped messages become dead letters with reason `overflow`. */
export interface MailboxOptions {
  /** Maximum number of queued messages (the one being handled does not count). */
  capacity: number;
  /** What happens to a message that arrives when the mailbox is full. */
  overflow: OverflowPolicy;
}

/** Bastion's resizer parameters. The group stays within `[min, max]` members. */
export interface ResizeOptions {
  /** The fewest members the resizer leaves. */
  min: number;
  /** The most members the resizer makes. */
  max: number;
  /** While the members' average mailbox size exceeds this, the group grows. */
  mailboxThreshold: number;
  /** Growing adds `ceil(size * upscaleRate)` members. */
  upscaleRate: number;
  /** When every member is idle, shrinking removes `ceil(size * downscaleRate)` members, the highest indices first. */
  downscaleRate: number;
  /** How often, in scheduler time, the resizer checks the group. Default 1000. */
  intervalMs?: number;
}

/** Options of `@Actor`. */
export interface ActorOptions {
  /** Default path segment when the class is spawned without a name. */
  name?: string;
  /** Bounded mailbox. Default: unbounded. */
  mailbox?: MailboxOptions;
  /**
   * The module that exports this class (`__filename`, or `import.meta.url` in ESM), so that a
   * worker thread can load it. Needed for `thread: true`.
   */
  module?: string;
  /**
   * Constructor parameter types, in order, for toolchains that emit no `design:paramtypes`
   * (standard decorators, tsx, esbuild, swc, Vitest, Bun). Overrides the emitted metadata.
   *
   * @example
   * \@Actor({ inject: [Context, Database] })
   * class Cache { constructor(ctx: Context, db: Database) {} }
   */
  inject?: readonly (abstract new (...args: any[]) => unknown)[];
}

/** Options of `@Supervisor`. */
export interface SupervisorOptions {
  /** Default `'one-for-one'`. */
  strategy?: SupervisionStrategy;
  /** More than this many restarts within `withinMs` make the supervisor give up. Default 3. */
  maxRestarts?: number;
  /** Length of the sliding intensity window, in ms. Default 5000. */
  withinMs?: number;
}

/** Options of `@Child`. */
export interface ChildOptions {
  /** Path segment of the child. Default: the property name. */
  name?: string;
  /** Number of identical members (>= 1); makes the child a group. */
  redundancy?: number;
  /** Default `'permanent'`. */
  restart?: RestartPolicy;
  /** Bastion's `Tries(n)`: after this many restarts the child stops for good. Default: unlimited. */
  tries?: number;
  /** Delay before each restart. Default `Backoff.immediate()`. */
  backoff?: Backoff;
  /** Bound on a graceful stop (`afterStop` included), in ms. Default 5000. */
  shutdownTimeoutMs?: number;
  /** Group routing. Default `'round-robin'`. */
  dispatch?: DispatchStrategy;
  /** Bounded mailbox. Default: unbounded. */
  mailbox?: MailboxOptions;
  /** Group resizer. */
  resize?: ResizeOptions;
  /** Name of the distributor that the group's members join. */
  distributor?: string;
  /** Runs the child (each member of a group) on a worker thread. The class needs `@Actor({ module })`. */
  thread?: boolean;
  /** With `thread` and `redundancy`: how many worker threads share the members. Default: the number of cores, at most `redundancy`. */
  threads?: number;
}

/** Options of `system.spawn` and `ctx.spawn`: a single actor, so no group options. */
export type SpawnOptions = Omit<ChildOptions, 'redundancy' | 'dispatch' | 'resize' | 'distributor' | 'threads'>;

/** Options of an `ask`. */
export interface AskOptions {
  /** Default: the system's `askTimeoutMs`. Must be > 0 (else `RangeError` at the call). */
  timeoutMs?: number;
  /** Aborting rejects the ask with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * Address of one actor's mailbox. It stays valid across restarts and accepts messages as
 * soon as it exists.
 */
export interface ActorRef<M = unknown> {
  /** e.g. `/app/workers/0`. */
  readonly path: string;
  /** `rampart://<node>/<path>`; the node is `local` without a cluster. Refs are equal when their addresses are. */
  readonly address: string;
  /** Fire and forget. To a stopped actor: a dead letter with reason `stopped`. */
  tell(message: M): void;
  /**
   * Resolves with the handler's (resolved) return value. Rejects with the handler's error,
   * `AskTimeoutError`, `UnhandledMessageError` or `ActorStoppedError`.
   */
  ask<R = unknown>(message: M, options?: AskOptions): Promise<R>;
  /** Graceful: queued messages are handled first, then `afterStop`. */
  stop(): Promise<void>;
  /** Immediate: queued messages become dead letters with reason `stopped`. */
  kill(): void;
}

/** Address of a group (`redundancy`); `tell` and `ask` go to one member by `dispatch`. */
export interface GroupRef<M = unknown> {
  /** The group's path, e.g. `/app/workers`. */
  readonly path: string;
  /** `rampart://<node>/<path>`. */
  readonly address: string;
  /** Sends the message to one member, chosen by the group's `dispatch`. */
  tell(message: M): void;
  /** Asks one member, chosen by the group's `dispatch`; resolves with its reply. */
  ask<R = unknown>(message: M, options?: AskOptions): Promise<R>;
  /** Delivers the message to every member once. */
  broadcast(message: M): void;
  /** Current members, at `<path>/0` … `<path>/n-1`. */
  readonly members: readonly ActorRef<M>[];
  /** The current number of members. */
  readonly size: number;
  /** Grows or shrinks the group to `n` members; resolves when done. */
  resize(n: number): Promise<void>;
}

/** A named set of recipients (group members that declared `distributor: name`). */
export interface Distributor<M = unknown> {
  /** Sends the message to one recipient of the distributor. */
  tellOne(message: M): void;
  /** Sends the message to every recipient once. */
  tellEveryone(message: M): void;
  /** Asks one recipient; resolves with its reply. */
  ask<R = unknown>(message: M, options?: AskOptions): Promise<R>;
  /** Asks every recipient; resolves with all their replies. */
  askEveryone<R = unknown>(message: M, options?: AskOptions): Promise<R[]>;
}

/** A timer started by `ctx.schedule` or `ctx.every`. */
export interface Cancellable {
  /** Stops the timer; its pending message is not sent. Calling it again does nothing. */
  cancel(): void;
}

/** `[token, instance]`: a constructor parameter typed `token` receives `instance`. */
export type Provider<T = unknown> = readonly [token: abstract new (...args: any[]) => T, instance: T];

/** Logger accepted by `SystemOptions.logger`; `console` fits. */
export interface Logger {
  /** Detail for debugging. */
  debug(message: string, ...meta: unknown[]): void;
  /** Normal operation worth noting. */
  info(message: string, ...meta: unknown[]): void;
  /** Something unusual the system survived. */
  warn(message: string, ...meta: unknown[]): void;
  /** A failure (an uncaught error outside any actor, a transport that broke). */
  error(message: string, ...meta: unknown[]): void;
}

/** Kind of a `SystemEvent`. */
export type SystemEventType =
  | 'started'
  | 'stopped'
  | 'failed'
  | 'restarted'
  | 'escalated'
  | 'dead-letter'
  | 'resized'
  | 'node-up'
  | 'node-down'
  | 'frame-rejected';

/**
 * A lifecycle event on `system.events$`: a union discriminated on `type`, every member
 * with the same fields, so `event.type === 'failed'` narrows and `event.error` reads on any.
 *
 * @example
 * system.events$.subscribe((event) => {
 *   if (event.type === 'node-down') console.log(event.node, event.reason);
 * });
 */
export type SystemEvent = { [T in SystemEventType]: SystemEventOf<T> }[SystemEventType];

/** The `SystemEvent` of one kind `T`. */
export interface SystemEventOf<T extends SystemEventType> {
  /** The kind of event. */
  readonly type: T;
  /** Path of the actor the event is about. */
  readonly path: string;
  /** `scheduler.now()` when the event happened. */
  readonly time: number;
  /** The error, on events caused by one (e.g. `failed`, `escalated`). */
  readonly error?: unknown;
  /** The message involved: the one that failed, the dead letter, or `{ from, to }` on `resized`. */
  readonly message?: unknown;
  /**
   * e.g. `'gave-up'` on `stopped` after `tries` ran out, the dead-letter reason, or
   * `'upscale'` / `'downscale'` / `'manual'` on `resized` (whose `message` is `{ from, to }`),
   * `'left'` or `'unreachable'` on `node-down`, or why a frame was rejected.
   */
  readonly reason?: string;
  /** The node of `node-up`, `node-down` and `frame-rejected` (the sender, when known). Their `path` is `'/'`. */
  readonly node?: string;
}

/** Why a message was not handled. */
export type DeadLetterReason = 'failed' | 'unhandled' | 'stopped' | 'overflow' | 'timeout' | 'unreachable' | 'rejected';

/** A message that was not handled, on `system.deadLetters$`. */
export interface DeadLetter {
  /** The message (for `timeout`: the late reply). */
  readonly message: unknown;
  /** Why it was not handled. */
  readonly reason: DeadLetterReason;
  /** Path of the intended recipient (for `timeout`: of the actor that replied late). */
  readonly path: string;
  /** `scheduler.now()` when it was dead-lettered. */
  readonly time: number;
}

/** A snapshot of one node of the supervision tree. */
export interface TreeNode {
  /** The node's path, e.g. `/app/workers/0`. */
  readonly path: string;
  /** What the node is. */
  readonly kind: 'supervisor' | 'actor' | 'group';
  /** How many times this node has been restarted by its supervisor. */
  readonly restarts: number;
  /** Queued messages, not counting the one being handled. */
  readonly mailboxSize: number;
  /** A supervisor's children, or a group's members. */
  readonly children: readonly TreeNode[];
  /** The worker thread (its `threadId`) an actor placed with `thread: true` runs on; absent on the main thread. */
  readonly thread?: number;
}

/** Options of `system.inspect()`. */
export interface InspectOptions {
  /**
   * Fraction of message events kept, in [0, 1]. Default 1. The thinning is deterministic:
   * of every `n` deliveries a subscriber sees, it gets `ceil(n * sample)` (0.5 is exactly
   * every other one, the first included). Lifecycle and node events are always kept.
   */
  sample?: number;
}

/**
 * One delivery of a told or asked message, as `system.inspect()` reports it (a reply is
 * not a delivery). Timer messages and death watch's `Terminated` are deliveries too,
 * without a sender.
 */
export interface MessageInspection {
  /** Always `'message'`: tells a delivery from a `SystemEvent` on `system.inspect()`. */
  readonly type: 'message';
  /** The sender's address (`rampart://local/app/a`), if any. */
  readonly from?: string;
  /** The recipient's address (for a dead letter: of the intended recipient, e.g. a group). */
  readonly to: string;
  /** The message's class name, or its `typeof` for a primitive (as error messages name it). */
  readonly messageType: string;
  /** True for an `ask`. */
  readonly ask: boolean;
  /**
   * `handled`: the handler returned (or its promise resolved); `failed`: it threw (or its
   * promise rejected); `dead-letter`: no handler ran (unhandled, stopped, overflow, …).
   */
  readonly outcome: 'handled' | 'failed' | 'dead-letter';
  /**
   * The handler's wall time in ms (`performance.now()`), until its promise settled for an
   * async handler; for an actor on a worker thread, from when the letter was handed to the
   * worker until its answer came back. 0 for a dead letter.
   */
  readonly durationMs: number;
  /** `scheduler.now()` at the outcome. */
  readonly time: number;
}

/**
 * What `system.inspect()` emits: deliveries, and every `SystemEvent`. Discriminated on
 * `type`: `'message'` narrows to `MessageInspection`, any other to that `SystemEvent`.
 */
export type InspectionEvent = MessageInspection | SystemEvent;
