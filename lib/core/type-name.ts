/**
 * A short name of a value's type for messages: the class name of an object, `typeof` for a
 * primitive. It never throws, whatever the value: a revoked Proxy, a throwing
 * `constructor` getter or a prototype trap all give a name rather than an exception, since
 * this runs inside the runtime's own loops.
 */
export function typeNameOf(value: unknown): string {
  if (value === null) return 'null';
  const kind = typeof value;
  if (kind !== 'object' && kind !== 'function') return kind;
  try {
    const prototype = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
    if (prototype === null) return 'Object (null prototype)';
    const ctor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as { name?: unknown } | undefined;
    const name = typeof ctor === 'function' ? Object.getOwnPropertyDescriptor(ctor, 'name')?.value : undefined;
    return typeof name === 'string' && name.length > 0 ? name : 'Object';
  } catch {
    return kind === 'function' ? 'Function' : 'Object (unreadable)';
  }
}
