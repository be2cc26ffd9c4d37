import { describeError } from '../errors';
import type { Cell } from './cell';
import type { Incarnation } from './incarnation';
import { runAsync, runSync } from './current';

type HookName = 'beforeStart' | 'afterStop' | 'beforeRestart' | 'afterRestart';

/**
 * Calls a lifecycle hook of the incarnation's instance, if it has one, as that actor (so its
 * tells carry the actor as sender). Returns what the hook returns (a promise for an async
 * hook), so that a synchronous hook, or none, costs no promise. A synchronous throw throws.
 */
export function invokeHook(incarnation: Incarnation, hook: HookName, ...args: unknown[]): unknown {
  const instance = incarnation.instance as Record<string, unknown> | undefined;
  const fn = instance?.[hook];
  if (typeof fn !== 'function') return undefined;
  const call = () => fn.call(instance, incarnation.context, ...args) as unknown;
  return isAsyncFunction(fn) ? runAsync(incarnation, call) : runSync(incarnation, call);
}

/** Runs `next` now when `result` is not a promise, else once it resolves. */
export function andThen<T>(result: unknown, next: () => T | Promise<T>): T | Promise<T> {
  return isThenable(result) ? Promise.resolve(result).then(next) : next();
}

const AsyncFunction = (async () => undefined).constructor;

function isAsyncFunction(fn: Function): boolean {
  return fn instanceof AsyncFunction;
}

/** True for a promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs a stop or restart hook; a throw or rejection is logged, never propagated. */
export function guardedHook(cell: Cell, incarnation: Incarnation, hook: 'afterStop' | 'beforeRestart', ...args: unknown[]): void | Promise<void> {
  const warn = (error: unknown) =>
    cell.runtime.logger.warn(`rampart: ${hook} of ${cell.path} threw; continuing. ${describeError(error)}`, error);
  try {
    const result = invokeHook(incarnation, hook, ...args);
    if (isThenable(result)) return Promise.resolve(result).then(() => undefined, warn);
  } catch (error) {
    warn(error);
  }
}
