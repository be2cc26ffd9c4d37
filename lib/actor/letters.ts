import { ActorStoppedError, MailboxFullError, UnhandledMessageError } from '../errors';
import type { DeadLetterReason } from '../types';

/** A short name of a message's type for error messages. */
export function typeName(message: unknown): string {
  if (message === null) return 'null';
  if (typeof message === 'object' || typeof message === 'function') {
    const ctor = (Object.getPrototypeOf(message) as { constructor?: Function } | null)?.constructor;
    return ctor?.name ? ctor.name : 'Object';
  }
  return typeof message;
}

/** The error an ask rejects with when its message becomes a dead letter for `reason`. */
export function askErrorFor(reason: DeadLetterReason, message: unknown, className: string, path: string): Error {
  switch (reason) {
    case 'unhandled':
      return new UnhandledMessageError(
        `${className} at ${path} has no @On handler for ${typeName(message)} and no @Otherwise(). ` +
          `Add @On(${typeName(message)}) to a method of ${className}, or an @Otherwise() method.`,
      );
    case 'overflow':
      return new MailboxFullError(`The mailbox of ${path} is full; the asked message was dropped as a dead letter 'overflow'.`);
    default:
      return new ActorStoppedError(`${path} is stopped; the message (${typeName(message)}) was not handled.`);
  }
}
