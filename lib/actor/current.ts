import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sender } from '../core/process';
import { runSoon } from '../core/turn';

/** An incarnation, as far as running its code goes: the sender it stands for, its instance and its context. */
export interface Running extends Sender {
  readonly instance: object | undefined;
  readonly context: unknown;
}

/**
 * Which actor's code is running, so that a tell or an ask made by a handler carries that
 * actor as its sender. A plain variable covers synchronous handlers for free; an
 * AsyncLocalStorage, created on the first async handler, carries it across awaits.
 */
let running: Running | undefined;
let storage: AsyncLocalStorage<Running> | undefined;

/** The incarnation whose handler is running now, if any. */
export function currentSender(): Running | undefined {
  return running ?? storage?.getStore();
}

/** Calls a synchronous handler as `incarnation`. */
export function runSync<T>(incarnation: Running, fn: () => T): T {
  const previous = running;
  running = incarnation;
  try {
    return fn();
  } finally {
    running = previous;
  }
}

/** Calls a synchronous handler `fn(message, ctx)` on the incarnation's instance, as that actor. */
export function callAs(incarnation: Running, fn: Function, message: unknown): unknown {
  const previous = running;
  running = incarnation;
  try {
    return fn.call(incarnation.instance, message, incarnation.context);
  } finally {
    running = previous;
  }
}

/** Calls an async handler as `incarnation`, for all of its continuations too. */
export function runAsync<T>(incarnation: Running, fn: () => T): T {
  storage ??= new AsyncLocalStorage<Running>();
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
