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
 * prototype in their chain that has a handler (so the most derived class wins). Nothing is
 * cached per message prototype: a message of a handled class is found in one map lookup
 * anyway, and a cache keyed by values users control would keep their prototypes alive and
 * miss a prototype chain changed after the first message.
 */
export class HandlerTable {
  private readonly byPrototype = new Map<object, Handler>();
  private readonly byTypeof = new Map<string, Handler>();
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
      return this.resolve(Object.getPrototypeOf(message) as object | null) ?? this.otherwise;
    }
    return this.byTypeof.get(kind) ?? this.otherwise;
  }

  private resolve(prototype: object | null): Handler | undefined {
    for (let current = prototype; current !== null; current = Object.getPrototypeOf(current) as object | null) {
      const handler = this.byPrototype.get(current);
      if (handler) return handler;
    }
    return undefined;
  }
}

function toHandler(prototype: object, method: string | symbol): Handler {
  const fn = (prototype as Record<string | symbol, unknown>)[method] as Handler['fn'];
  return { method, fn, isAsync: fn instanceof AsyncFunction };
}
