import { AssertionError } from 'node:assert';
import { renderAll } from './matching';

/** Where the arrived messages of a failure are listed: "nothing arrived", or "it received instead: …". */
export function instead(arrived: readonly unknown[]): string {
  return arrived.length === 0 ? 'nothing arrived' : `it received instead: ${renderAll(arrived)}`;
}

/** What to do when nothing arrived in time. */
const NOTHING_HINT = ' Check that the message is sent to probe.ref, or give it more time with { within }.';

/** An `expect*` failure: what was expected, within how many virtual ms, and what came instead. */
export function expectationFailed(path: string, call: string, wanted: string, withinMs: number, arrived: readonly unknown[]): AssertionError {
  const hint = arrived.length === 0 ? NOTHING_HINT : '';
  return failure(`TestProbe ${path}: ${call} expected ${wanted} within ${withinMs} virtual ms, but ${instead(arrived)}.${hint}`);
}

/** `expectNoMsg` saw messages. */
export function unexpectedMessages(path: string, call: string, ms: number, arrived: readonly unknown[]): AssertionError {
  return failure(`TestProbe ${path}: ${call} expected no message for ${ms} virtual ms, but it received: ${renderAll(arrived)}.`);
}

/** An `expect*` on a probe whose kit was shut down. */
export function kitShutDown(path: string, call: string): AssertionError {
  return failure(`TestProbe ${path}: ${call} cannot wait for anything: its test system was shut down (kit.shutdown()). Make every expectation before the shutdown, or start a new kit.`);
}

function failure(message: string): AssertionError {
  return new AssertionError({ message });
}
