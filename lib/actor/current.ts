import { AsyncLocalStorage } from 'node:async_hooks';
import { runSoon } from '../core/turn';
import type { Incarnation } from './incarnation';

/**
 * Which actor's code is running, so that a tell or an ask made by a handler carries that
 * actor as its sender. A plain variable covers synchronous handlers for free; an
 * AsyncLocalStorage, created on the first async handler, carries it across awaits.
 */
let running: Incarnation | undefined;
let storage: AsyncLocalStorage<Incarnation> | undefined;

/** The incarnation whose handler is running now, if any. */
export function currentIncarnation(): Incarnation | undefined {
  return running ?? storage?.getStore();
}

/** Calls a synchronous handler as `incarnation`. */
export function runSync<T>(incarnation: Incarnation, fn: () => T): T {
  const previous = running;
  running = incarnation;
  try {
    return fn();
  } finally {
    running = previous;
  }
}

/** Calls a synchronous handler `fn(message, ctx)` on the incarnation's instance, as that actor. */
export function callAs(incarnation: Incarnation, fn: Function, message: unknown): unknown {
  const previous = running;
  running = incarnation;
  try {
    return fn.call(incarnation.instance, message, incarnation.context);
  } finally {
    running = previous;
  }
}

/** Calls an async handler as `incarnation`, for all of its continuations too. */
export function runAsync<T>(incarnation: Incarnation, fn: () => T): T {
  storage ??= new AsyncLocalStorage<Incarnation>();
  const previous = running;
  running = undefined;
  try {
    return storage.run(incarnation, fn);
  } finally {
    running = previous;
  }
}

/**
 * Runs `task` soon (`runSoon`: a microtask while this event-loop turn's budget lasts, else
 * the next turn), without inheriting the caller's actor context.
 */
export function queueDetached(task: () => void): void {
  if (storage?.getStore() !== undefined) storage.exit(() => runSoon(task));
  else runSoon(task);
}
