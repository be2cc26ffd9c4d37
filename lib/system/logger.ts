import { logSafely } from '../core/log';
import { describeError, describeFailure, describeValue, isError } from '../errors';
import type { Logger } from '../types';

const NOOP = (): void => undefined;

/**
 * One string per event: the message, then each error in `meta` with its stack indented below
 * (an error the message already describes adds only its stack). Other meta values are
 * appended in short form. Never throws.
 */
export function consoleLine(message: string, meta: readonly unknown[]): string {
  let line = message;
  for (const item of meta) {
    if (!isError(item)) line += ` ${describeValue(item)}`;
    else if (line.includes(describeError(item))) line += describeFailure(item).slice(describeError(item).length);
    else line += `: ${describeFailure(item)}`;
  }
  return line;
}

/**
 * The default logger: warnings and errors to the console, one string per event (the stack
 * indented below the line), nothing for debug and info.
 */
export const consoleWarnings: Logger = {
  debug: NOOP,
  info: NOOP,
  warn: (message, ...meta) => console.warn(consoleLine(message, meta)),
  error: (message, ...meta) => console.error(consoleLine(message, meta)),
};

/** `logger: null`: everything is dropped. */
export const silentLogger: Logger = { debug: NOOP, info: NOOP, warn: NOOP, error: NOOP };

/** The logger for `SystemOptions.logger`: the console by default, silence for `null`. */
export function chooseLogger(option: Logger | null | undefined): Logger {
  if (option === null) return silentLogger;
  return option ?? consoleWarnings;
}

/** True when `logger[level]` is known to drop everything, so its line need not be built. */
export function drops(logger: Logger, level: keyof Logger): boolean {
  return logger[level] === NOOP;
}

export { logSafely };

// ───────────── the lines of failures, escalations and termination ─────────────
// Each is one string: a line that says what happened and where, then the error's message,
// stack and causes indented below it. Passing the text as the only argument keeps it one
// event on a plain `console` too (extra arguments would be printed after it, unindented).

/** An actor failed, handling a message or while (re)starting. */
export function failureLine(path: string, error: unknown, handling: { type: string } | undefined): string {
  const what = handling === undefined ? 'failed while starting (constructor, beforeStart or afterRestart)' : `failed handling ${handling.type}`;
  return `rampart: ${path} ${what}: ${describeFailure(error)}`;
}

/** A supervisor gave up and escalates to its own supervisor (or, for the root, to the system). */
export function escalationLine(path: string, error: unknown): string {
  return `rampart: ${path} escalates: ${describeFailure(error)}`;
}

/** The root gave up, so the system terminates. */
export function terminationLine(rootPath: string, error: unknown): string {
  return (
    `rampart: the actor system terminates because its root ${rootPath} gave up; system.whenTerminated rejects with ` +
    `${describeError(error)}`
  );
}
