import type { AskOptions, ActorRef, GroupRef } from './types';

/** The lifecycle hooks of `ActorLifecycle`: never handlers, whatever their parameters. */
type LifecycleHookName = 'beforeStart' | 'afterStop' | 'beforeRestart' | 'afterRestart';

type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * A `Context` seen structurally (this module sits below `actor/`): a first parameter of this
 * shape is a hook's or a helper's, not a message.
 */
interface ContextShape {
  readonly self: unknown;
  readonly restarts: number;
  pipeToSelf(...args: any[]): void;
}

/**
 * `[first parameter]` of a method; `[unknown]` for a method without parameters (an
 * `@On(Tick) tick()` may handle any type, and types cannot see the decorator); `[]` for a
 * member that is no method.
 */
type FirstParameter<F> = F extends (...args: infer P) => unknown ? (P extends [] ? [unknown] : P extends [infer X, ...unknown[]] ? [X] : [unknown]) : [];

/**
 * The message type a member handles: `unknown` for a catch-all (`unknown` or `any` first
 * parameter), `never` for a member that is no handler.
 */
type HandledBy<A, K extends keyof A> = K extends LifecycleHookName
  ? never
  : FirstParameter<A[K]> extends [infer X]
    ? IsAny<X> extends true
      ? unknown
      : unknown extends X
        ? unknown
        : [X] extends [ContextShape]
          ? never
          : X
    : never;

/** Names of `A`'s handler members. */
type HandlerName<A> = { [K in keyof A]-?: [HandledBy<A, K>] extends [never] ? never : K }[keyof A];

/**
 * The messages an instance of `A` accepts: the union of its handlers' first parameters;
 * `unknown` when it has a catch-all handler, or no handler at all (an untyped class).
 */
export type MessageOf<A> = [HandlerName<A>] extends [never]
  ? unknown
  : { [K in HandlerName<A>]: HandledBy<A, K> }[HandlerName<A>];

type ReplyOfMember<F> = F extends (...args: any[]) => infer R ? Awaited<R> : never;

/** Handlers whose parameter is exactly `T`, else those that accept `T`, else the catch-alls. */
type MatchingHandlers<A, T> = ExactHandlers<A, T> extends infer E
  ? [E] extends [never]
    ? AcceptingHandlers<A, T> extends infer W
      ? [W] extends [never]
        ? CatchAllHandlers<A>
        : W
      : never
    : E
  : never;
type ExactHandlers<A, T> = { [K in HandlerName<A>]: [T] extends [HandledBy<A, K>] ? ([HandledBy<A, K>] extends [T] ? K : never) : never }[HandlerName<A>];
type AcceptingHandlers<A, T> = { [K in HandlerName<A>]: [T] extends [HandledBy<A, K>] ? K : never }[HandlerName<A>];
type CatchAllHandlers<A> = { [K in HandlerName<A>]: unknown extends HandledBy<A, K> ? K : never }[HandlerName<A>];

/**
 * What an `ask` of `T` resolves with: the (awaited) return type of the handler for `T`,
 * distributed over a union of messages; `unknown` when no handler is known.
 */
export type ReplyOf<A, T> = T extends unknown
  ? [MatchingHandlers<A, T>] extends [never]
    ? unknown
    : ReplyOfMember<A[MatchingHandlers<A, T> & keyof A]>
  : never;

/** An `ActorRef` typed by the actor class `A`. See `RefOf`. */
export interface TypedActorRef<A extends object> extends ActorRef<MessageOf<A>> {
  /** Resolves with the reply of the handler for `message`'s type. */
  ask<T extends MessageOf<A>>(message: T, options?: AskOptions): Promise<ReplyOf<A, T>>;
  /** With an explicit reply type, as on an untyped `ActorRef`. */
  ask<R = unknown>(message: MessageOf<A>, options?: AskOptions): Promise<R>;
}

/** A `GroupRef` typed by the actor class `A` of its members. See `GroupRefOf`. */
export interface TypedGroupRef<A extends object> extends GroupRef<MessageOf<A>> {
  /** Asks one member; resolves with the reply of the handler for `message`'s type. */
  ask<T extends MessageOf<A>>(message: T, options?: AskOptions): Promise<ReplyOf<A, T>>;
  /** With an explicit reply type, as on an untyped `GroupRef`. */
  ask<R = unknown>(message: MessageOf<A>, options?: AskOptions): Promise<R>;
  /** Current members, each typed by `A`. */
  readonly members: readonly RefOf<A>[];
}

/**
 * The ref of an actor class, typed by the messages it handles: `tell` accepts exactly those
 * types, and `ask(m)` resolves with the reply type of the handler for `m`'s type.
 *
 * Decorators leave no trace in types, so the handlers are read from the class's methods by
 * this rule: every public method counts, except the lifecycle hooks (`beforeStart`,
 * `afterStop`, `beforeRestart`, `afterRestart`) and methods whose first parameter is a
 * `Context`; its first parameter is the message type, its (awaited) return type the reply.
 * A method whose first parameter is `unknown` or `any` (an `@Otherwise()` catch-all), or
 * that takes no parameter (`@On(Tick) tick()`), may receive anything, so it widens the
 * accepted type to `unknown`; so does a class with no public method. Private handlers are
 * invisible to the type. Message classes of the same shape are the same type: give each a
 * brand (`declare private readonly kind: 'Ping'`) to keep them apart.
 *
 * `RefOf<A>` is an `ActorRef` and fits wherever one is expected; `ask<R>(m)` with an
 * explicit `R` still works as on an untyped ref.
 *
 * @example
 * class Greeter {
 *   \@On() greet(name: string): string { return `hello ${name}`; }
 * }
 * const greeter: RefOf<Greeter> = system.spawn(Greeter);
 * const reply: string = await greeter.ask('world');
 * greeter.tell(42); // does not compile: Greeter handles no number
 */
export type RefOf<A extends object> = TypedActorRef<A>;

/** The ref of a group of `A` (a `@Child(A, { redundancy })`). */
export type GroupRefOf<A extends object> = TypedGroupRef<A>;

/** Whether the ref the runtime sets for a child of class `A` fits a property of type `P`. */
type ChildRefFits<A extends object, P> = [RefOf<A>] extends [P] ? true : [GroupRefOf<A>] extends [P] ? true : false;

/**
 * `unknown` when the property `K` of `T` can hold a ref of `A` (or is not a public
 * property, which types cannot see); otherwise a type no key fits, so the decorator call
 * fails to compile, naming the mismatch.
 */
type ChildPropertyCheck<T, K, A extends object> = K extends keyof T
  ? ChildRefFits<A, T[K]> extends true
    ? unknown
    : { readonly 'the property type does not fit the child class: use RefOf<A>, GroupRefOf<A>, ActorRef or GroupRef': A }
  : unknown;

/**
 * What `@Child(A)` returns: a property decorator that checks, where the property is public,
 * that `RefOf<A>` (or `GroupRefOf<A>` for a group) fits its declared type. It serves both
 * decorator modes: legacy `(target, property)` and standard `(undefined, context)`.
 */
export type ChildDecorator<A extends object> = (<T extends object, K extends string | symbol>(
  target: T,
  property: K & ChildPropertyCheck<T, K, A>,
) => void) &
  (<T, V>(value: undefined, context: ClassFieldDecoratorContext<T, V> & ChildFieldCheck<V, A>) => void);

/** The standard-decorator form of `ChildPropertyCheck`: the field's type `V` must hold a ref of `A`. */
type ChildFieldCheck<V, A extends object> = ChildRefFits<A, V> extends true
  ? unknown
  : { readonly 'the property type does not fit the child class: use RefOf<A>, GroupRefOf<A>, ActorRef or GroupRef': A };
