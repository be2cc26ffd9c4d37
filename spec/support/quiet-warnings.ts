/**
 * Many specs declare throwaway actor classes with no handler, on purpose. The default logger
 * warns about each such class once; that warning has its own spec (with a logger that
 * records it), so here it is kept out of the test report. Every other warning still prints.
 */
const warn = console.warn.bind(console);
console.warn = (message?: unknown, ...rest: unknown[]) => {
  if (typeof message === 'string' && message.startsWith('rampart: ') && message.includes('has no @On handler and no @Otherwise')) return;
  warn(message, ...rest);
};
