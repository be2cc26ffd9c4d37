import type { Logger } from '../types';

/** The default logger: warnings and errors to the console, nothing else. */
export const consoleWarnings: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, ...meta) => console.warn(message, ...meta),
  error: (message, ...meta) => console.error(message, ...meta),
};
