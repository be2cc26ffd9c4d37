import type { HandlerRecord } from './records';
import { PRIMITIVE_TYPES } from './message-types';

const AsyncFunction = (async () => undefined).constructor;

/** One resolved handler: the method to call and whether it is an `async` function. */
export interface Handler {
  readonly method: string | symbol;
  readonly fn: (this: object, message: unknown, ctx: unknown) => unknown;
  readonly isAsync: boolean;
}

/**
 * Dispatch for one actor class, precomputed: primitives by `typeof`, objects by the first
 * prototype in their chain that has a handler (so the most derived class wins). The result
 * per message prototype is cached after the first lookup, so the hot path does no walk.
 */
export class HandlerTable {
  private readonly byPrototype = new Map<object, Handler>();
  private readonly byTypeof = new Map<string, Handler>();
  private readonly resolved = new Map<object | null, Handler | null>();
  readonly otherwise: Handler | undefined;
  /** Number of `@On` handlers (not counting `@Otherwise`). */
  readonly size: number;

  constructor(prototype: object, records: readonly HandlerRecord[], otherwise: string | symbol | undefined) {
    for (const record of records) {
      const handler = toHandler(prototype, record.method);
      const primitive = PRIMITIVE_TYPES.get(record.type);
      if (primitive) this.byTypeof.set(primitive, handler);
      else this.byPrototype.set((record.type as Function).prototype as object, handler);
    }
    this.size = this.byPrototype.size + this.byTypeof.size;
    this.otherwise = otherwise === undefined ? undefined : toHandler(prototype, otherwise);
  }

  /** The handler for `message`, `@Otherwise` when none matches, or `undefined`. */
  lookup(message: unknown): Handler | undefined {
    const kind = typeof message;
    if ((kind === 'object' && message !== null) || kind === 'function') {
      const prototype = Object.getPrototypeOf(message) as object | null;
      let handler = this.resolved.get(prototype);
      if (handler === undefined) {
        handler = this.resolve(prototype);
        this.resolved.set(prototype, handler);
      }
      return handler ?? this.otherwise;
    }
    return this.byTypeof.get(kind) ?? this.otherwise;
  }

  private resolve(prototype: object | null): Handler | null {
    for (let current = prototype; current !== null; current = Object.getPrototypeOf(current) as object | null) {
      const handler = this.byPrototype.get(current);
      if (handler) return handler;
    }
    return null;
  }
}

function toHandler(prototype: object, method: string | symbol): Handler {
  const fn = (prototype as Record<string | symbol, unknown>)[method] as Handler['fn'];
  return { method, fn, isAsync: fn instanceof AsyncFunction };
}
