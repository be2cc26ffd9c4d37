import { ConfigurationError } from '../errors';
import { memberName } from '../metadata/naming';
import { ownMetadata, updateMetadata } from '../metadata/store';
import { assertMethod } from './on';
import { bothMemberForms, type HandlerDecorator } from './standard';

/**
 * Registers the default handler: it receives every message that no `@On` matches.
 * Without it, such a message is a dead letter (`unhandled`) and an `ask` of it rejects
 * with `UnhandledMessageError`.
 */
export function Otherwise(): HandlerDecorator {
  const legacy = (target: object, method: string | symbol, descriptor: PropertyDescriptor | undefined): void => {
    assertMethod('@Otherwise()', target, method, descriptor);
    const existing = ownMetadata(target.constructor)?.otherwise;
    if (existing !== undefined && existing !== method) {
      throw new ConfigurationError(
        `@Otherwise() on ${memberName(target, method)}: ${memberName(target, existing)} is already the default handler. ` +
          `A class has at most one @Otherwise(); remove one of them.`,
      );
    }
    updateMetadata(target.constructor, (m) => {
      m.otherwise = method;
    });
  };
  return bothMemberForms('@Otherwise()', legacy) as HandlerDecorator;
}
