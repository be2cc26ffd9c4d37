import type { Incarnation } from './incarnation';
import { runAsync, runSync } from './current';

type HookName = 'beforeStart' | 'afterStop' | 'beforeRestart' | 'afterRestart';

/**
 * Calls a lifecycle hook of the incarnation's instance, if it has one, as that actor (so its
 * tells carry the actor as sender). Resolves when an async hook settles; a throw rejects.
 */
export async function callHook(incarnation: Incarnation, hook: HookName, ...args: unknown[]): Promise<void> {
  const instance = incarnation.instance as Record<string, unknown> | undefined;
  const fn = instance?.[hook];
  if (typeof fn !== 'function') return;
  const call = () => fn.call(instance, incarnation.context, ...args) as unknown;
  await (isAsyncFunction(fn) ? runAsync(incarnation, call) : runSync(incarnation, call));
}

const AsyncFunction = (async () => undefined).constructor;

function isAsyncFunction(fn: Function): boolean {
  return fn instanceof AsyncFunction;
}

/** True for a promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
