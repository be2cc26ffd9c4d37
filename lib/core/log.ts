import type { Logger } from '../types';

/** Logs through the user's logger; a logger that throws must not break the runtime's own loops. */
export function logSafely(logger: Logger, level: keyof Logger, text: string, ...meta: unknown[]): void {
  try {
    logger[level](text, ...meta);
  } catch {
    // The logger is the user's; its failure must not become the actor's.
  }
}
