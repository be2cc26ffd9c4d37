import { ConfigurationError } from '../errors';
import { memberName } from '../metadata/naming';
import { assertActorOptions } from '../metadata/options';
import { ownMetadata, updateMetadata } from '../metadata/store';
import type { ActorOptions } from '../types';
import { bothForms, type ActorClassDecorator } from './standard';

/**
 * Optional class decorator for a plain actor class. Needed for constructor injection:
 * TypeScript emits a constructor's parameter types only for a class with a class decorator.
 *
 * @example
 * \@Actor({ name: 'cache', mailbox: { capacity: 1000, overflow: 'drop-oldest' } })
 * class Cache { constructor(private readonly db: Database, ctx: Context) {} }
 */
export function Actor(options?: ActorOptions): ActorClassDecorator {
  return bothForms('@Actor()', (target) => {
    const where = memberName(target);
    assertActorOptions(where, options);
    const metadata = ownMetadata(target);
    if (metadata?.kind === 'supervisor') {
      throw new ConfigurationError(`${where} has both @Actor() and @Supervisor(). Use only @Supervisor(): a supervisor is an actor too.`);
    }
    if (metadata && metadata.children.length > 0) {
      throw new ConfigurationError(
        `${where} declares @Child on '${String(metadata.children[0].property)}' but is decorated with @Actor(). ` +
          `Only a supervisor has static children: replace @Actor() with @Supervisor().`,
      );
    }
    updateMetadata(target, (m) => {
      m.kind = 'actor';
      m.actorOptions = options ? { ...options } : {};
    });
  });
}
