import { ConfigurationError } from '../errors';
import { memberName } from '../metadata/naming';
import { deferDecoration, settleDecorations, type DecorationBag } from '../metadata/store';

/** The part of a standard decorator's `context` that rampart reads. */
export interface StandardContext {
  readonly kind: string;
  readonly name: string | symbol | undefined;
  readonly static?: boolean;
  readonly private?: boolean;
  readonly metadata?: DecorationBag;
}

/**
 * Tells the two decorator forms apart by their arguments: a standard decorator is called
 * with `(value, context)` where `context.kind` names what it decorates; a legacy one with
 * `(target, key, descriptor?)`, whose second argument is a key or absent.
 */
function standardContext(args: readonly unknown[]): StandardContext | undefined {
  if (args.length !== 2) return undefined;
  const context = args[1];
  return typeof context === 'object' && context !== null && typeof (context as { kind?: unknown }).kind === 'string'
    ? (context as StandardContext)
    : undefined;
}

/** The decoration bag of a standard decorator, or a clear error for a toolchain that passes none. */
function bagOf(decorator: string, context: StandardContext): DecorationBag {
  if (typeof context.metadata === 'object' && context.metadata !== null) return context.metadata;
  throw new ConfigurationError(
    `${decorator} on ${String(context.name)}: the toolchain passed no context.metadata to the standard decorator. ` +
      `Use TypeScript 5.2 or later (or a toolchain that implements decorator metadata), or enable "experimentalDecorators".`,
  );
}

/** What a member decorator does, given what the legacy form receives. */
export type MemberDecoration = (target: object, key: string | symbol, descriptor: PropertyDescriptor | undefined) => void;

/**
 * A member decorator for both forms: `legacy` at once under the legacy form; under the
 * standard one, `standard` (by default the same) once the class is known (see below).
 */
export function bothMemberForms(decorator: string, legacy: MemberDecoration, standard: MemberDecoration = legacy): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const context = standardContext(args);
    if (context === undefined) return legacy(...(args as Parameters<MemberDecoration>));
    deferMember(decorator, context, standard);
  };
}

/**
 * Defers a standard member decorator until the class is known, then runs `legacy` on the
 * same target and key the legacy form receives (prototype, or class for a static member),
 * so both forms make the same records and throw the same errors.
 */
function deferMember(decorator: string, context: StandardContext, legacy: MemberDecoration): void {
  const bag = bagOf(decorator, context);
  const key = context.name as string | symbol;
  deferDecoration(bag, (actorClass) => {
    const target = context.static === true ? actorClass : (actorClass.prototype as object);
    if (context.private === true) {
      throw new ConfigurationError(
        `${decorator} on ${memberName(target, key)}: a #private member cannot be reached by the runtime. Make it a normal (or TypeScript 'private') member.`,
      );
    }
    legacy(target, key, Object.getOwnPropertyDescriptor(target, key));
  });
}

/**
 * What `@On` and `@Otherwise` return: a method decorator for both decorator modes (legacy
 * `experimentalDecorators`, and standard ECMAScript decorators).
 */
export type HandlerDecorator = MethodDecorator & StandardMethodDecorator;

/**
 * The standard ECMAScript form of a method decorator.
 *
 * @typeParam This - the class whose method is decorated
 * @typeParam Value - the decorated method
 */
export type StandardMethodDecorator = <This, Value extends (this: This, ...args: any[]) => any>(
  value: Value,
  context: ClassMethodDecoratorContext<This, Value>,
) => void;

/**
 * What `@Actor`, `@Supervisor` and `@Message` return: a class decorator for both decorator
 * modes (legacy `experimentalDecorators`, and standard ECMAScript decorators).
 */
export type ActorClassDecorator = ClassDecorator &
  (<Class extends abstract new (...args: any[]) => unknown>(value: Class, context: ClassDecoratorContext<Class>) => void);

/**
 * A class decorator for both forms. Under the standard form the class's member decorators
 * ran first and left their work in `context.metadata`: it runs now, before `legacy`.
 */
export function bothForms(decorator: string, legacy: (target: Function) => void): ActorClassDecorator {
  return ((...args: unknown[]) => {
    const target = args[0] as Function;
    const context = standardContext(args);
    if (context !== undefined) settleDecorations(target, bagOf(decorator, context));
    legacy(target);
  }) as ActorClassDecorator;
}
