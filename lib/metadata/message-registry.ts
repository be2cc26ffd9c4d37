import { ConfigurationError } from '../errors';
import { memberName } from './naming';

const byWireName = new Map<string, Function>();
const byClass = new Map<Function, string>();

/**
 * Registers a `@Message` wire name. A second, different class under the same name is a
 * `ConfigurationError` right away: the clash is visible in that one decorator call.
 */
export function registerWireName(name: string, messageClass: Function): void {
  const existing = byWireName.get(name);
  if (existing !== undefined && existing !== messageClass) {
    throw new ConfigurationError(
      `@Message('${name}') on ${memberName(messageClass)}: the wire name '${name}' is already used by ${memberName(existing)}. ` +
        `Wire names must be unique across the application: give one of the classes another name.`,
    );
  }
  byWireName.set(name, messageClass);
  byClass.set(messageClass, name);
}

/** The class registered under a wire name, if any. */
export function messageClassFor(name: string): Function | undefined {
  return byWireName.get(name);
}

/** The wire name of a class that carries `@Message` itself (not one inherited from a base class). */
export function wireNameOf(messageClass: Function): string | undefined {
  return byClass.get(messageClass);
}
