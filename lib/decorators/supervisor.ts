import { ConfigurationError } from '../errors';
import { memberName } from '../metadata/naming';
import { assertSupervisorOptions } from '../metadata/options';
import { ownMetadata, updateMetadata } from '../metadata/store';
import type { SupervisorOptions } from '../types';
import { bothForms, type ActorClassDecorator } from './standard';

/**
 * Makes the class a supervisor of its `@Child` properties. It may also have `@On` handlers.
 *
 * @example
 * \@Supervisor({ strategy: 'one-for-one', maxRestarts: 3, withinMs: 5000 })
 * class App {
 *   \@Child(Cache) cache!: ActorRef;
 *   \@Child(Api) api!: ActorRef;
 * }
 */
export function Supervisor(options?: SupervisorOptions): ActorClassDecorator {
  return bothForms('@Supervisor()', (target) => {
    const where = memberName(target);
    assertSupervisorOptions(where, options);
    if (ownMetadata(target)?.kind === 'actor') {
      throw new ConfigurationError(`${where} has both @Actor() and @Supervisor(). Use only @Supervisor(): a supervisor is an actor too.`);
    }
    updateMetadata(target, (m) => {
      m.kind = 'supervisor';
      m.supervisorOptions = options ? { ...options } : {};
    });
  });
}
