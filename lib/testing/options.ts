import { ConfigurationError, describeValue, functionName } from '../errors';
import type { SystemOptions } from '../system';
import type { ActorClass } from '../types';

/**
 * Options of `startTestSystem`: those of `ActorSystem.start` (the kit brings its own
 * `VirtualScheduler`), plus `overrides`.
 *
 * @example
 * const kit = await startTestSystem(App, { overrides: [[PaymentGateway, FakeGateway]], logger: null });
 */
export interface TestSystemOptions extends Omit<SystemOptions, 'scheduler'> {
  /**
   * `[RealClass, FakeClass]` pairs: `FakeClass` is built wherever the tree declares
   * `RealClass` (at the root, as a `@Child`, in a group, and for `spawn`), under the path
   * the tree gives `RealClass`. Nest's `overrideProvider`, for actors.
   */
  overrides?: readonly (readonly [ActorClass, ActorClass])[];
}

/**
 * Options of the `expect*` methods of `TestProbe`.
 *
 * @example
 * await probe.expectMsg(Pong, { within: 500 }); // 500 virtual ms
 */
export interface ExpectOptions {
  /** Virtual ms to wait; the probe advances the kit's clock up to this. Default 3000. */
  within?: number;
}

/** `[class Mailer, 'x']` for a short array, else what `describeValue` says. Never throws. */
function describeEntry(entry: unknown): string {
  try {
    if (Array.isArray(entry) && entry.length <= 3) return `[${entry.map((item: unknown) => describeValue(item)).join(', ')}]`;
  } catch {
    // a hostile array: described as a value below
  }
  return describeValue(entry);
}

const nameOf = (fn: Function): string => functionName(fn) ?? '<anonymous class>';

/** `options.overrides` as a map from the real class to its fake; a `ConfigurationError` listing every bad entry. */
export function overridesMap(root: unknown, overrides: unknown): Map<Function, Function> {
  const where = `startTestSystem(${typeof root === 'function' ? nameOf(root) : '?'}) options.overrides`;
  const map = new Map<Function, Function>();
  if (overrides === undefined) return map;
  if (!Array.isArray(overrides)) {
    throw new ConfigurationError(`${where} must be an array of [RealClass, FakeClass] pairs, got ${describeValue(overrides)}. Write it as overrides: [[RealClass, FakeClass]].`);
  }
  const problems: string[] = [];
  const firstIndex = new Map<Function, number>();
  overrides.forEach((entry: unknown, index) => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'function' || typeof entry[1] !== 'function') {
      problems.push(`${where}[${index}] must be a pair of two classes, [RealClass, FakeClass], got ${describeEntry(entry)}.`);
      return;
    }
    const [real, fake] = entry as [Function, Function];
    const first = firstIndex.get(real);
    if (first !== undefined) {
      problems.push(
        `${where}[${index}] overrides ${nameOf(real)} again (it is already overridden at ${where}[${first}]), so it is unclear which fake to build. ` +
          `Remove one of the two: override each class once.`,
      );
      return;
    }
    firstIndex.set(real, index);
    map.set(real, fake);
  });
  if (problems.length > 0) throw new ConfigurationError(problems);
  return map;
}
