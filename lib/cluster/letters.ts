import { OWN_ERRORS, UnreachableError, describeError, isError, safeGet } from '../errors';

/**
 * The letters inside a packet: JSON arrays whose first element is the kind.
 *   [TELL, to, from | 0, body]          [ASK, to, from | 0, body, id, leftMs?]
 *   [REPLY, id, body]                   [FAILURE, id, { name, message, code }]
 *   [STOP, to, id]  [KILL, to]          [WATCH, to, watcherPath]  [UNWATCH, to, watcherPath]
 *   [TERMINATED, watcherPath, targetAddress, reason]   [GIVE_UP, id, { name, message, code }]
 * `to` and paths are paths on the receiving node; `from` is the sender's address. `leftMs`
 * (optional, trailing: a node that does not know it ignores it) is how long the asker still
 * waits, so the receiver knows the ask's deadline on its own clock. `GIVE_UP` says the asker
 * of ask `id` gave up (its timeout, or its own signal), with the reason it got: the handler's
 * `ctx.signal` there aborts with it. A node that does not know the kind rejects the letter
 * (`frame-rejected`) and goes on.
 */
/** The path of node events, and of dead letters that belong to no actor (a frame, a late reply whose ask is forgotten). */
export const NODE_PATH = '/';

export const TELL = 0;
export const ASK = 1;
export const REPLY = 2;
export const FAILURE = 3;
export const STOP = 4;
export const KILL = 5;
export const WATCH = 6;
export const UNWATCH = 7;
export const TERMINATED = 8;
export const GIVE_UP = 9;

/** An error as it crosses the wire: its name, message and code. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** `UnreachableError.node`. */
  readonly node?: string;
}

export function errorToWire(error: unknown): WireError {
  if (!isError(error)) return { name: 'Error', message: describeError(error) };
  const name = safeGet(error, 'name');
  const message = safeGet(error, 'message');
  const code = safeGet(error, 'code');
  const node = error instanceof UnreachableError ? error.node : undefined;
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : describeError(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(node !== undefined ? { node } : {}),
  };
}

/** Rebuilds an error that came over the wire; never trusts it to be well-formed. */
export function errorFromWire(wire: unknown): Error {
  const name = typeof safeGet(wire, 'name') === 'string' ? (safeGet(wire, 'name') as string) : 'Error';
  const message = typeof safeGet(wire, 'message') === 'string' ? (safeGet(wire, 'message') as string) : '';
  const code = safeGet(wire, 'code');
  if (name === 'UnreachableError') {
    const node = safeGet(wire, 'node');
    return new UnreachableError(message, { node: typeof node === 'string' ? node : '' });
  }
  const own = Object.prototype.hasOwnProperty.call(OWN_ERRORS, name) ? OWN_ERRORS[name] : undefined;
  if (own !== undefined) return new own(message);
  const error = new Error(message);
  error.name = name;
  if (typeof code === 'string') Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return error;
}
