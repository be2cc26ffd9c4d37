/**
 * Base class of every error that rampart throws or rejects with. `code` is stable and
 * machine-readable; the message says what went wrong, where, and how to fix it.
 */
export class RampartError extends Error {
  /** Stable, machine-readable identifier of the error kind. */
  readonly code: string = 'RAMPART_ERROR';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // rampart's own classes carry their name on the prototype (see below); a user's subclass gets its class name.
    if (!Object.prototype.hasOwnProperty.call(new.target.prototype, 'name')) this.name = new.target.name;
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

/** The system cannot join its cluster: no first connection, or the node name is taken. */
export class ClusterError extends RampartError {
  override readonly code = 'CLUSTER';
}

/** A message cannot cross the wire; the message names the offending place. Nothing was sent. */
export class SerializationError extends RampartError {
  override readonly code = 'SERIALIZATION';
}

/**
 * The worker thread an actor ran on died (an uncaught error, `process.exit`, a resource
 * limit): the failure of every actor on it, and the rejection of the asks that were in it.
 */
export class WorkerDiedError extends RampartError {
  override readonly code = 'WORKER_DIED';
  /** The `threadId` of the worker that died. */
  readonly threadId: number;

  constructor(message: string, options?: { cause?: unknown; threadId?: number }) {
    super(message, options);
    this.threadId = options?.threadId ?? -1;
  }
}

/** The target's node is down, or was never up. */
export class UnreachableError extends RampartError {
  override readonly code = 'UNREACHABLE';
  /** The node that cannot be reached. */
  readonly node: string;

  constructor(message: string, options?: { cause?: unknown; node?: string }) {
    super(message, options);
    this.node = options?.node ?? '';
  }
}

/**
 * rampart's own errors by name, the one list of them: each class carries its name as a
 * literal on its prototype (bundlers rename classes that collide, `EscalationError2`, and
 * minifiers shorten them, but `name` is what users match on and what crosses the wire), and
 * an error that comes back from a node or a worker by one of these names is rebuilt as its class.
 * @internal
 */
export const OWN_ERRORS: Readonly<Record<string, new (message: string) => RampartError>> = {
  RampartError,
  ConfigurationError,
  StartError,
  AskTimeoutError,
  ActorStoppedError,
  UnhandledMessageError,
  MailboxFullError,
  NoRecipientError,
  EscalationError,
  ClusterError,
  SerializationError,
  WorkerDiedError,
  UnreachableError,
};
for (const [name, errorClass] of Object.entries(OWN_ERRORS)) {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
}

// ───────────── formatting values for messages: never throws ─────────────
// Whatever a user throws or sends reaches these functions: a revoked Proxy, an object with
// throwing getters, a null-prototype object. Each step that could run user code (a getter,
// a trap, a conversion) is guarded, so formatting an error can never raise another one.

const MAX_TEXT = 200;

/** `object[key]`, or `undefined` when a getter or a proxy trap throws. @internal */
export function safeGet(object: unknown, key: PropertyKey): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** True for an `Error` (of this realm or another), without letting a proxy trap throw. @internal */
export function isError(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

/** `String(value)`, or `undefined` when the conversion throws or gives nothing. */
function safeString(value: unknown): string | undefined {
  try {
    const text = typeof value === 'symbol' ? value.toString() : String(value);
    return typeof text === 'string' && text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

function shorten(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The name of the class an object was made by (`Ping` for `new Ping()`), read from its
 * prototype. `null` for a null-prototype object; `undefined` when it cannot be read or is
 * anonymous. @internal
 */
export function constructorName(value: object): string | null | undefined {
  try {
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype === null) return null;
    const ctor = safeGet(prototype, 'constructor');
    if (typeof ctor !== 'function') return undefined;
    const name = safeGet(ctor, 'name');
    return typeof name === 'string' && name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The own `name` of a function, or `undefined` (anonymous or unreadable). @internal */
export function functionName(fn: Function): string | undefined {
  const name = safeGet(fn, 'name');
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/**
 * A short, safe rendering of any value for a message: `'text'`, `42`, `10n`, `Symbol(x)`,
 * `class Ping`, `an array`, `an object`, `an instance of Ping`. Never throws. @internal
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return `'${shorten(value, 80)}'`;
      case 'bigint':
        return `${value.toString()}n`;
      case 'symbol':
        return safeString(value) ?? 'a symbol';
      case 'function': {
        const name = functionName(value);
        const prototype = safeGet(value, 'prototype');
        if (name === undefined) return 'a function';
        return typeof prototype === 'object' && prototype !== null ? `class ${name}` : `the function ${name}`;
      }
      case 'object': {
        if (value === null) return 'null';
        let array = false;
        try {
          array = Array.isArray(value);
        } catch {
          return 'an unreadable object (a revoked Proxy?)';
        }
        if (array) return 'an array';
        const name = constructorName(value);
        if (name === null || name === 'Object') return 'an object';
        return name === undefined ? 'an object of an unknown class' : `an instance of ${name}`;
      }
      default:
        return String(value);
    }
  } catch {
    return 'an unprintable value';
  }
}

/** A short JSON rendering of a plain value, or `undefined` when JSON cannot show it. */
function shortJson(value: unknown): string | undefined {
  try {
    const json = JSON.stringify(value);
    return typeof json === 'string' && json !== '{}' ? shorten(json, 120) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Describes any thrown value for an error message, in one line: `TypeError: bad input` for
 * an Error, the text itself for a thrown string, a short description for anything else.
 * Never throws, whatever the value (revoked proxies, throwing getters, null prototypes).
 */
export function describeError(error: unknown): string {
  try {
    if (isError(error)) {
      const name = safeString(safeGet(error, 'name')) ?? constructorName(error) ?? 'Error';
      let message: string | undefined;
      try {
        const raw = (error as { message?: unknown }).message;
        message = raw === undefined || raw === '' ? '' : safeString(raw) ?? '(its message cannot be converted to a string)';
      } catch {
        message = '(reading its message threw)';
      }
      return message === '' ? shorten(name) : `${shorten(name)}: ${message}`;
    }
    if (typeof error === 'string') return error.length > 0 ? error : "'' (an empty string)";
    if (typeof error === 'object' && error !== null) {
      const own = safeString(error);
      if (own !== undefined && !/^\[object \w*\]$/.test(own)) return shorten(own);
      const json = shortJson(error);
      return json === undefined ? `${describeValue(error)} (not an Error)` : `${describeValue(error)} ${json} (not an Error)`;
    }
    return describeValue(error);
  } catch {
    return 'an error that cannot be described';
  }
}

/**
 * `describeError(error)`, then the stack frames indented below it, then the cause chain
 * (`Caused by: …`), each level indented once more. Never throws. For log lines.
 * An `EscalationError`'s own frames are left out: they only show where the runtime gave
 * up, while its cause's frames show the user's code that failed.
 */
export function describeFailure(error: unknown, indent = '    '): string {
  const lines: string[] = [];
  const seen: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4; depth++) {
    const pad = indent.repeat(depth);
    lines.push(depth === 0 ? describeError(current) : `${pad}Caused by: ${describeError(current)}`);
    seen.push(current);
    if (!isError(current)) break;
    if (!isEscalation(current)) for (const frame of stackFrames(current)) lines.push(`${pad}${indent}${frame}`);
    const cause = safeGet(current, 'cause');
    if (cause === undefined || seen.includes(cause)) break;
    current = cause;
  }
  return lines.join('\n');
}

function isEscalation(error: Error): boolean {
  try {
    return error instanceof EscalationError;
  } catch {
    return false;
  }
}

/** The `at …` lines of an error's stack, trimmed; none when the stack cannot be read. */
function stackFrames(error: Error): string[] {
  const stack = safeGet(error, 'stack');
  if (typeof stack !== 'string') return [];
  try {
    const lines = stack.split('\n');
    const first = lines.findIndex((line) => /^\s+at /.test(line));
    return first < 0 ? [] : lines.slice(first).map((line) => line.trim()).filter((line) => line.length > 0);
  } catch {
    return [];
  }
}

/**
 * A short name of a message's type for error messages: `Ping` for an instance of `Ping`,
 * `number` for a number, `null`, `undefined`. Never throws, whatever the message.
 */
export function typeName(message: unknown): string {
  if (message === null) return 'null';
  if (typeof message === 'object' || typeof message === 'function') {
    const name = constructorName(message);
    if (name === null) return 'an object with a null prototype';
    return name ?? 'an object of an anonymous or unreadable class';
  }
  return typeof message;
}
