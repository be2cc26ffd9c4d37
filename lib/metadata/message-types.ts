import { ConfigurationError, functionName } from '../errors';
import type { MessageType } from '../types';
import { describe, memberName, prototypeless } from './naming';
import { designParamTypes } from './store';

/** `typeof` names of the primitive wrappers that `@On` accepts. */
export const PRIMITIVE_TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [BigInt, 'bigint'],
  [Symbol, 'symbol'],
]);

/** Checks an explicit `@On(type)` argument. */
export function assertMessageType(target: object, method: string | symbol, type: unknown): MessageType {
  const where = memberName(target, method);
  if (typeof type !== 'function') {
    throw new ConfigurationError(
      `@On() on ${where} received ${describe(type)} as its message type. ` +
        `Pass a class (e.g. @On(OrderPlaced)) or String, Number, Boolean, BigInt or Symbol. ` +
        `An undefined type usually means a circular import: move the message class to its own module.`,
    );
  }
  const notAClass = prototypeless(type);
  if (notAClass !== undefined) {
    // A class matches through its prototype; a function without one can never match a message.
    throw new ConfigurationError(
      `@On() on ${where} received ${notAClass.what} as its message type, which has no prototype and so can never match a message. ` +
        `To fix it, pass the class itself, not a function returning it: @On(${notAClass.returns ?? 'MyMessage'}).`,
    );
  }
  return type as MessageType;
}

/** How an error message writes a message type: `Ping`, `String`, or a stand-in for an anonymous class. */
export function messageTypeName(type: MessageType): string {
  return functionName(type) ?? 'an anonymous class';
}

/** Infers `@On()`'s message type from the first parameter's `design:paramtypes`. */
export function inferMessageType(target: object, method: string | symbol): MessageType {
  const where = memberName(target, method);
  const params = designParamTypes(target, method);
  if (params === undefined) {
    throw new ConfigurationError(
      `@On() on ${where} cannot infer the message type: no design:paramtypes metadata was emitted. ` +
        `Enable "emitDecoratorMetadata" and "experimentalDecorators" in tsconfig.json, or pass the type explicitly: @On(MyMessage).`,
    );
  }
  const [first] = params;
  if (params.length === 0) {
    throw new ConfigurationError(
      `@On() on ${where} cannot infer the message type: the method has no parameter. ` +
        `Declare the message as the first parameter, or pass the type explicitly: @On(MyMessage).`,
    );
  }
  if (first === undefined) {
    throw new ConfigurationError(
      `@On() on ${where} cannot infer the message type: the first parameter's type is undefined at runtime, ` +
        `which usually means a circular import. Move the message class to its own module, or pass it explicitly: @On(MyMessage).`,
    );
  }
  if (first === Object || first === Function || typeof first !== 'function') {
    const designType = first === Object || first === Function ? (first as Function).name : describe(first);
    throw new ConfigurationError(
      `@On() on ${where} cannot infer the message type: the first parameter's design type is ${designType}. ` +
        `That happens for an interface, a union, a literal type, a function type, any, unknown, or a class imported with 'import type' ` +
        `(or elided under isolatedModules or verbatimModuleSyntax). To fix it, import the class as a value (not with 'import type'), or pass the type explicitly: @On(MyMessage).`,
    );
  }
  return first as MessageType;
}
