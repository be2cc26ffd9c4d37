/**
 * True for a promise or any other thenable. Reading `then` runs user code (a getter, a
 * Proxy trap): it may throw, and callers inside the runtime's loops guard for that.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
