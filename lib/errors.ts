/**
 * Base class of every error that rampart throws or rejects with. `code` is stable and
 * machine-readable; the message says what went wrong, where, and how to fix it.
 */
export class RampartError extends Error {
  /** Stable, machine-readable identifier of the error kind. */
  readonly code: string = 'RAMPART_ERROR';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad decorator use or bad option. Thrown at decoration time when one decorator call shows
 * the problem, otherwise gathered at `ActorSystem.start` into one error listing every problem.
 */
export class ConfigurationError extends RampartError {
  override readonly code = 'CONFIGURATION_ERROR';
  /** Each problem found, one sentence each (a single entry for a decoration-time error). */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(
      list.length === 1
        ? list[0]
        : `Invalid actor configuration (${list.length} problems):\n${list.map((p) => `  - ${p}`).join('\n')}`,
      options,
    );
    this.problems = list;
  }
}

/** A child failed to start during `ActorSystem.start`; `cause` is its error. */
export class StartError extends RampartError {
  override readonly code = 'START_FAILED';
  /** Path of the child that failed to start. */
  readonly path: string;

  constructor(message: string, options?: { cause?: unknown; path?: string }) {
    super(message, options);
    this.path = options?.path ?? '';
  }
}

/** An ask got no reply within its timeout. */
export class AskTimeoutError extends RampartError {
  override readonly code = 'ASK_TIMEOUT';
}

/** The target is stopped, or stopped before replying. */
export class ActorStoppedError extends RampartError {
  override readonly code = 'ACTOR_STOPPED';
}

/** An asked message matched no handler and the actor has no `@Otherwise`. */
export class UnhandledMessageError extends RampartError {
  override readonly code = 'UNHANDLED_MESSAGE';
}

/** A bounded mailbox is full (or dropped an asked message to make room). */
export class MailboxFullError extends RampartError {
  override readonly code = 'MAILBOX_FULL';
}

/** A distributor has no recipient. */
export class NoRecipientError extends RampartError {
  override readonly code = 'NO_RECIPIENT';
}

/** A supervisor gave up: its restart intensity was exceeded. */
export class EscalationError extends RampartError {
  override readonly code = 'ESCALATION';
}

/** Describes any thrown value for an error message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
