import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sender } from '../core/process';
import { runSoonChecked } from '../core/turn';

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

/**
 * Makes `incarnation` the running actor and returns the one before, for `leave`: the
 * synchronous handler call itself stays in the caller's frame (an `Error` a handler makes
 * captures one frame fewer of rampart's).
 */
export function enter(incarnation: Running): Running | undefined {
  const previous = running;
  running = incarnation;
  return previous;
}

export function leave(previous: Running | undefined): void {
  running = previous;
}

/** A handler method, as the handler table holds it. */
type HandlerFn = (this: object, message: unknown, ctx: unknown) => unknown;

/**
 * Calls a synchronous handler as `incarnation`. A function of its own, so that its callers
 * (the hot paths of both threads) capture nothing and stay small enough for V8 to inline.
 */
export function callAs(incarnation: Running, fn: HandlerFn, message: unknown): unknown {
  const previous = running;
  running = incarnation;
  try {
    return fn.call(incarnation.instance!, message, incarnation.context);
  } finally {
    running = previous;
  }
}

/** Starts an `async` handler as `incarnation` (its awaits keep it as the running actor). */
export function startAsync(incarnation: Running, fn: HandlerFn, message: unknown): unknown {
  return runAsync(incarnation, () => fn.call(incarnation.instance!, message, incarnation.context));
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
 * Runs `task` soon (a microtask while this event-loop turn's budget lasts, else the next
 * turn), without inheriting the caller's actor context. `task` checks `turnSpent()` itself
 * when it starts (see `runSoonChecked`).
 */
export function queueDetached(task: () => void): void {
  if (storage?.getStore() !== undefined) storage.exit(() => runSoonChecked(task));
  else runSoonChecked(task);
}
