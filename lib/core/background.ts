import { logSafely } from './log';
import type { Logger } from '../types';

/**
 * Runs internal lifecycle work that nobody awaits (a restart round, a retirement). Its
 * failures are the runtime's own bugs, not the actors': they are logged, never left as an
 * unhandled rejection that would bring the process down.
 */
export function inBackground(work: void | Promise<void>, logger: Logger, what: string): void {
  if (work instanceof Promise) {
    work.catch((error: unknown) => logSafely(logger, 'error', `rampart: ${what} failed unexpectedly`, error));
  }
}
