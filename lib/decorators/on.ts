import { ConfigurationError } from '../errors';
import { assertMessageType, inferMessageType, messageTypeName } from '../metadata/message-types';
import { memberName } from '../metadata/naming';
import { ownMetadata, updateMetadata } from '../metadata/store';
import type { MessageType } from '../types';
import { bothMemberForms, type HandlerDecorator } from './standard';

/**
 * Registers the decorated method as the handler for `type`. A class matches its instances
 * through the prototype chain, and the most derived class wins; `String`, `Number`,
 * `Boolean`, `BigInt` and `Symbol` match primitives by `typeof`. Without `type`, it is
 * inferred from the first parameter's type, which must be a class imported as a value.
 * The return value (or resolved value) is the reply to an `ask`. Standard decorators (no
 * `experimentalDecorators`) emit no parameter types: there, name the type, `@On(Greeting)`.
 *
 * @example
 * class Counter {
 *   private count = 0;
 *   \@On() increment(msg: Increment) { this.count += msg.by; }
 *   \@On(String) command(cmd: string, ctx: Context) { return cmd === 'get' ? this.count : undefined; }
 * }
 */
export function On(type?: MessageType): HandlerDecorator {
  const explicit = arguments.length > 0;
  const legacy = (target: object, method: string | symbol, descriptor: PropertyDescriptor | undefined): void => {
    assertMethod('@On()', target, method, descriptor);
    const messageType = explicit ? assertMessageType(target, method, type) : inferMessageType(target, method);
    assertNoOtherHandler(target, method, messageType);
    updateMetadata(target.constructor, (m) => {
      m.handlers.push({ type: messageType, method });
    });
  };
  return bothMemberForms('@On()', legacy, (target, method, descriptor) => {
    if (!explicit) throw untypedUnderStandard(target, method);
    legacy(target, method, descriptor);
  }) as HandlerDecorator;
}

function untypedUnderStandard(target: object, method: string | symbol): ConfigurationError {
  return new ConfigurationError(
    `@On() on ${memberName(target, method)}: standard decorators (without "experimentalDecorators") emit no parameter types, ` +
      `so the message type cannot be inferred. Name the type: @On(Greeting), with the class of the method's first parameter.`,
  );
}

/** @internal Shared by `@On` and `@Otherwise`: they only decorate methods. */
export function assertMethod(decorator: string, target: object, method: string | symbol, descriptor: PropertyDescriptor | undefined): void {
  if (typeof target === 'function') {
    throw new ConfigurationError(
      `${decorator} on ${memberName(target, method)}: handlers must be instance methods, not static ones. Remove 'static'.`,
    );
  }
  if (typeof descriptor?.value !== 'function') {
    throw new ConfigurationError(
      `${decorator} on ${memberName(target, method)}: only methods can handle messages, and this member is not a method.`,
    );
  }
}

/**
 * One class has one handler per message type. Only this class's own handlers count: a
 * subclass that handles a type its base class handles overrides it (the most derived wins).
 */
function assertNoOtherHandler(target: object, method: string | symbol, messageType: MessageType): void {
  const existing = ownMetadata(target.constructor)?.handlers.find((h) => h.type === messageType);
  if (existing === undefined) return;
  const typeName = messageTypeName(messageType);
  const where = memberName(target, method);
  if (existing.method === method) {
    throw new ConfigurationError(`@On(${typeName}) on ${where}: the method already carries @On(${typeName}); it is there twice. Remove one of them.`);
  }
  throw new ConfigurationError(
    `@On(${typeName}) on ${where}: ${memberName(target, existing.method)} already handles ${typeName}, and a class has one handler per message type. ` +
      `Remove one of the two, or merge them into one method. (A subclass may handle a type its base class handles: its handler overrides the base's.)`,
  );
}
