import { AssertionError } from 'node:assert';
import { describeError } from '../errors';
import { isClass, render, renderAll } from './matching';

/** Where the arrived messages of a failure are listed: "nothing arrived", or "it received instead: …". */
export function instead(arrived: readonly unknown[]): string {
  return arrived.length === 0 ? 'nothing arrived' : `it received instead: ${renderAll(arrived)}`;
}

/** What to do when nothing arrived in time. */
const NOTHING_HINT = ' Check that the message is sent to probe.ref, or give it more time with { within }.';

/** An `expect*` failure: what was expected, within how many virtual ms, and what came instead. */
export function expectationFailed(path: string, call: string, wanted: string, withinMs: number, arrived: readonly unknown[], expected?: Function): AssertionError {
  const hint = (arrived.length === 0 ? NOTHING_HINT : '') + (expected !== undefined && isPlainFunction(expected) ? PLAIN_FUNCTION_HINT : '');
  return failure(`TestProbe ${path}: ${call} expected ${wanted} within ${withinMs} virtual ms, but ${instead(arrived)}.${hint}`);
}

/** Why a `function (m) { … }` predicate matched nothing. */
const PLAIN_FUNCTION_HINT = ' A function with a prototype (a function expression, not an arrow function) is taken as a class and matched with instanceof: pass an arrow function, (m) => …, for a predicate.';

/** `function (m) { … }` or `function named(m) { … }`, which `expect*` takes as a class: neither a `class` nor a built-in. */
function isPlainFunction(expected: Function): boolean {
  if (!isClass(expected)) return false;
  try {
    return /^(async\s+)?function\b/.test(Function.prototype.toString.call(expected)) && !/\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(expected));
  } catch {
    return false; // a Proxy around a function: no source to read
  }
}

/** `expectNoMsg` saw messages. */
export function unexpectedMessages(path: string, call: string, ms: number, arrived: readonly unknown[]): AssertionError {
  return failure(`TestProbe ${path}: ${call} expected no message for ${ms} virtual ms, but it received: ${renderAll(arrived)}.`);
}

/** The predicate of an `expect*` threw on `message`: the message stays first in the probe's queue. */
export function predicateThrew(path: string, call: string, message: unknown, error: unknown): AssertionError {
  const failed = failure(`TestProbe ${path}: ${call} could not test the message ${render(message)}: its predicate threw ${describeError(error)}. Make the predicate return false for messages it does not expect (check the type first: (m) => m instanceof Reply && m.ok).`);
  Object.defineProperty(failed, 'cause', { value: error, configurable: true, writable: true });
  return failed;
}

/** An `expect*` on a probe whose kit was shut down. */
export function kitShutDown(path: string, call: string): AssertionError {
  return failure(`TestProbe ${path}: ${call} cannot wait for anything: its test system was shut down (kit.shutdown()). Make every expectation before the shutdown, or start a new kit.`);
}

function failure(message: string): AssertionError {
  return new AssertionError({ message });
}
