import { ConfigurationError } from '../errors';
import { describe, memberName, prototypeless } from '../metadata/naming';
import { assertChildOptions } from '../metadata/options';
import { updateMetadata } from '../metadata/store';
import type { ChildDecorator } from '../typed-refs';
import type { ActorClass, ChildOptions } from '../types';
import { bothMemberForms } from './standard';

/**
 * Declares a child of the enclosing `@Supervisor` class. Children start in declaration
 * order and stop in reverse order. The runtime sets the property to the child's `ActorRef`
 * (or `GroupRef` with `redundancy`) right after it constructs the supervisor.
 *
 * The property may be typed `RefOf<Worker>` (or `GroupRefOf<Worker>`), and is then checked
 * against the class: `@Child(Worker) w!: RefOf<Other>` does not compile. An untyped
 * `ActorRef` / `GroupRef` fits any class; an `ActorRef<M>` must be related to what `Worker` handles.
 *
 * @example
 * \@Child(Worker, { restart: 'transient', shutdownTimeoutMs: 1000 }) worker!: RefOf<Worker>;
 */
export function Child<C extends ActorClass>(actor: C, options?: ChildOptions): ChildDecorator<InstanceType<C>> {
  const legacy = (target: object, property: string | symbol): void => {
    const where = memberName(target, property);
    if (typeof target === 'function') {
      throw new ConfigurationError(`@Child() on ${where}: children are instance properties, not static ones. Remove 'static'.`);
    }
    if (typeof actor !== 'function') {
      throw new ConfigurationError(
        `@Child() on ${where} received ${describe(actor)} instead of an actor class. ` +
          `An undefined class usually means a circular import: move the child class to its own module.`,
      );
    }
    const notAClass = prototypeless(actor);
    if (notAClass !== undefined) {
      const name = notAClass.returns ?? 'Worker';
      throw new ConfigurationError(
        `@Child() on ${where} received ${notAClass.what} instead of an actor class; it has no prototype, so it cannot be constructed as one. ` +
          `Pass the class itself: @Child(${name}); a lazy () => ${name} is not supported. If it was meant to break a circular import, ` +
          `move the child class to its own module instead.`,
      );
    }
    assertChildOptions(where, options);
    updateMetadata(target.constructor, (m) => {
      m.children = m.children.filter((c) => c.property !== property);
      m.children.push({ property, actor, options: { ...options } });
    });
  };
  return bothMemberForms('@Child()', legacy) as ChildDecorator<InstanceType<C>>;
}
