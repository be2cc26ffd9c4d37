/**
 * W5: ten thousand messages, each of which makes the actor's handler throw, so a supervised
 * actor restarts ten thousand times (immediate restart, unlimited intensity). The run ends
 * when the last restart is done.
 *
 * `lost` counts the failing messages that vanished without a trace: not reported to a
 * supervisor, a crash hook, a dead-letter stream, an error observer or a log. rampart must
 * publish each failing message as a dead letter `failed`, so its `lost` must be 0.
 */
export const FAILURES = 10_000;

/** Peers' runs wait this long at most for the last failure to be reported. */
export const FAILURE_TIMEOUT_MS = 50_000;
