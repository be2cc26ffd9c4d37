import { ActorStoppedError, MailboxFullError, UnhandledMessageError, constructorName, typeName } from '../errors';
import type { DeadLetterReason } from '../types';

const WRAPPERS: Readonly<Record<string, string>> = {
  string: 'String',
  number: 'Number',
  boolean: 'Boolean',
  bigint: 'BigInt',
  symbol: 'Symbol',
};

/**
 * What to write in `@On(…)` to handle `message`, as valid code: `Number` for a number (not
 * `number`), the class name for an object. `undefined` when no `@On` can match it (`null`,
 * `undefined`, a null-prototype object, an instance of an anonymous class).
 */
export function onTypeFor(message: unknown): string | undefined {
  const wrapper = WRAPPERS[typeof message];
  if (wrapper !== undefined) return wrapper;
  if (message === null || message === undefined) return undefined;
  const name = constructorName(message as object);
  return typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
}

/** The fix for an unhandled message, as code the user can paste: `Add @On(Number) to a method of Worker, …`. */
export function unhandledHint(message: unknown, className = "the actor's class"): string {
  const type = onTypeFor(message);
  return type === undefined
    ? `No @On can match ${typeName(message)}: add an @Otherwise() method to ${className} to handle it.`
    : `Add @On(${type}) to a method of ${className}, or an @Otherwise() method.`;
}

/** The error an ask rejects with when its message becomes a dead letter for `reason`. */
export function askErrorFor(reason: DeadLetterReason, message: unknown, className: string, path: string): Error {
  switch (reason) {
    case 'unhandled':
      return new UnhandledMessageError(
        `${className} at ${path} has no @On handler for ${typeName(message)} and no @Otherwise(). ${unhandledHint(message, className)}`,
      );
    case 'overflow':
      return new MailboxFullError(`The mailbox of ${path} is full; the asked message was dropped as a dead letter 'overflow'.`);
    default:
      return new ActorStoppedError(`${path} is stopped; the message (${typeName(message)}) was not handled.`);
  }
}
