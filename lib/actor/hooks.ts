import { logSafely } from '../core/log';
import { describeError } from '../errors';
import type { Cell } from './cell';
import type { IncarnationState } from './incarnation-state';
import { runAsync, runSync } from './current';
import { isThenable } from '../core/thenable';

type HookName = 'beforeStart' | 'afterStop' | 'beforeRestart' | 'afterRestart';

const AsyncFunction = (async () => undefined).constructor;

/**
 * Calls a lifecycle hook of the incarnation's instance, if it has one, as that actor (so its
 * tells carry the actor as sender). Returns what the hook returns (a promise for an async
 * hook), so that a synchronous hook, or none, costs no promise. A synchronous throw throws.
 */
export function invokeHook(incarnation: IncarnationState, hook: HookName, ...args: unknown[]): unknown {
  const instance = incarnation.instance as Record<string, unknown> | undefined;
  const fn = instance?.[hook];
  if (typeof fn !== 'function') return undefined;
  const call = () => fn.call(instance, incarnation.context, ...args) as unknown;
  return fn instanceof AsyncFunction ? runAsync(incarnation, call) : runSync(incarnation, call);
}

/** Runs `next` now when `result` is not a promise, else once it resolves. */
export function andThen<T>(result: unknown, next: () => T | Promise<T>): T | Promise<T> {
  return isThenable(result) ? Promise.resolve(result).then(next) : next();
}

/**
 * Runs a stop or restart hook; a throw or rejection is logged, never propagated. Returns a
 * promise only for an async hook (one that never settles is bounded by the caller).
 */
export function guardedHook(cell: Cell, incarnation: IncarnationState, hook: 'afterStop' | 'beforeRestart', ...args: unknown[]): void | Promise<void> {
  const warn = (error: unknown) =>
    logSafely(cell.runtime.logger, 'warn', `rampart: ${hook} of ${cell.path} threw; continuing. ${describeError(error)}`, error);
  try {
    const result = invokeHook(incarnation, hook, ...args);
    if (isThenable(result)) return new Promise((resolve) => resolve(result)).then(() => undefined, warn);
  } catch (error) {
    warn(error);
  }
}
