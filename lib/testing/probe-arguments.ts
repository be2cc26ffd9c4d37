import { describeValue, safeGet } from '../errors';
import type { ExpectOptions } from './options';

/** The default `within` of every `expect*`, and the default `ms` of `expectNoMsg`, in virtual ms. */
export const DEFAULT_WITHIN = 3000;

/** The class or predicate of an `expect*`; a `TypeError` naming the method for anything else. */
export function typeOrPredicate(method: string, value: unknown): Function {
  if (typeof value === 'function') return value;
  throw new TypeError(`TestProbe.${method}: expected a message class (Pong, String, …) or a predicate arrow function, got ${describeValue(value)}.`);
}

/** `options.within` (default 3000); a `RangeError` naming the method when it is no finite number >= 0. */
export function withinOf(method: string, options: ExpectOptions | undefined): number {
  const within = (options === undefined ? undefined : safeGet(options, 'within')) ?? DEFAULT_WITHIN;
  if (typeof within !== 'number' || !(within >= 0) || !Number.isFinite(within)) {
    throw new RangeError(`TestProbe.${method}: options.within must be a finite number of virtual ms >= 0, got ${describeValue(within)}.`);
  }
  return within;
}

/** A ref's path for a failure message, or a safe rendering of what is no ref. */
export function describeRef(ref: unknown): string {
  const path = safeGet(ref, 'path');
  return typeof path === 'string' ? path : describeValue(ref);
}
