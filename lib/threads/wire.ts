import { errorFromWire, errorToWire } from '../cluster/letters';
import { safeGet } from '../errors';

/**
 * An error as it crosses between threads: what crosses between nodes (name, message, code),
 * plus the stack. A failure in a worker is reported to a supervisor on the main thread, and
 * the stack is what a user needs to find it.
 */
export function errorOut(error: unknown): unknown {
  const wire = errorToWire(error);
  const stack = safeGet(error, 'stack');
  return typeof stack === 'string' ? { ...wire, stack } : wire;
}

/** The error that `errorOut` sent, rebuilt (rampart's own errors as their own classes). */
export function errorIn(wire: unknown): Error {
  const error = errorFromWire(wire);
  const stack = safeGet(wire, 'stack');
  if (typeof stack === 'string') error.stack = stack;
  return error;
}
