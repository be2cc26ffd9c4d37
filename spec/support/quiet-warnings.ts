/**
 * Keeps the test report readable. Two kinds of rampart lines are expected in this suite, and
 * each has its own spec with a logger that records it:
 * - many specs declare throwaway actor classes with no handler, on purpose, and the default
 *   logger warns about each such class once;
 * - many specs make actors fail, escalate and give up on purpose, and the default logger
 *   prints every failure, escalation and termination at error level (DESIGN: "Failures are
 *   visible"); some make stop hooks throw or hang, or events$ subscribers throw, and those
 *   are logged too.
 * Those lines are dropped here. Everything else still prints, including rampart's own
 * "... failed unexpectedly" lines, which mean a bug in the runtime. Run with
 * RAMPART_SPEC_LOGS=1 to see every line.
 *
 * Why here and not in the spec harness: a third of the specs start systems with
 * `ActorSystem.start` directly (as users do), so a logger passed by the harness would leave
 * them printing; and keeping the default console logger in play means every spec that fails
 * an actor also exercises the default logger's formatting.
 */
const showAll = process.env.RAMPART_SPEC_LOGS === '1';

const expectedWarning = (message: string) =>
  message.includes('has no @On handler and no @Otherwise') ||
  / did not settle within \d+ ms; going on without it\.$/.test(message) ||
  /^rampart: (afterStop|beforeRestart) of \S+ threw; continuing\./.test(message);
const expectedError = (message: string) =>
  / (failed handling |failed while starting |escalates: )|^rampart: the actor system terminates because its root |^rampart: a subscriber of (events|deadLetters)\$ threw; /.test(message) &&
  !message.includes('failed unexpectedly');

function quiet(original: (...args: unknown[]) => void, expected: (message: string) => boolean) {
  return (message?: unknown, ...rest: unknown[]) => {
    if (!showAll && typeof message === 'string' && message.startsWith('rampart: ') && expected(message)) return;
    original(message, ...rest);
  };
}

console.warn = quiet(console.warn.bind(console), expectedWarning);
console.error = quiet(console.error.bind(console), expectedError);
