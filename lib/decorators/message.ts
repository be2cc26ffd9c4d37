import { ConfigurationError } from '../errors';
import { registerWireName } from '../metadata/message-registry';
import { describe, memberName } from '../metadata/naming';
import { updateMetadata } from '../metadata/store';
import { bothForms, type ActorClassDecorator } from './standard';

/**
 * Gives a message class a stable wire name, so that its instances can cross nodes and are
 * rebuilt as instances of their class. Wire names are unique across the application.
 *
 * @example
 * \@Message('orders.placed')
 * class OrderPlaced { constructor(readonly id: string) {} }
 */
export function Message(name: string): ActorClassDecorator {
  return bothForms('@Message()', (target) => {
    if (typeof name !== 'string' || name.trim().length === 0) {
      throw new ConfigurationError(`@Message() on ${memberName(target)} needs a non-empty wire name, got ${describe(name)}.`);
    }
    registerWireName(name, target);
    updateMetadata(target, (m) => {
      m.messageName = name;
    });
  });
}
