import { inspect } from 'node:util';
import { describeValue, functionName, safeGet } from '../errors';
import type { MessageType } from '../types';

/** A message class (`Pong`, `String`), or a predicate arrow function. */
export type TypeOrPredicate = MessageType | ((message: never) => boolean);

/** The primitive wrappers, matched by `typeof` as `@On` matches them. */
const PRIMITIVES = new Map<Function, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [BigInt, 'bigint'],
  [Symbol, 'symbol'],
]);

/** A class has a prototype object; an arrow function (a predicate) has none. */
export function isClass(fn: Function): boolean {
  const prototype = safeGet(fn, 'prototype');
  return typeof prototype === 'object' && prototype !== null;
}

/** Whether `message` is of `type` (through the prototype chain, or by `typeof`) or satisfies the predicate. */
export function matches(expected: Function, message: unknown): boolean {
  if (!isClass(expected)) return Boolean((expected as (message: unknown) => unknown)(message));
  const primitive = PRIMITIVES.get(expected);
  if (primitive !== undefined) return typeof message === primitive;
  try {
    return message instanceof expected;
  } catch {
    return false; // a revoked Proxy: of no class
  }
}

/** `Pong`, `String`, or the source of a predicate, shortened: what `expectMsg(…)` shows. */
export function expectedName(expected: Function): string {
  if (isClass(expected)) return functionName(expected) ?? '<anonymous class>';
  return shorten(String(expected).replace(/\s+/g, ' '), 60);
}

/** "a message of type Pong", or "a message satisfying (m) => m.ok". */
export function expectedMessage(expected: Function): string {
  if (!isClass(expected)) return `a message satisfying ${expectedName(expected)}`;
  return `a message of type ${PRIMITIVES.get(expected) ?? expectedName(expected)}`;
}

/** A short rendering of a message for a failure: `Ping { n: 1 }`, `string 'hi'`. Never throws. */
export function render(message: unknown): string {
  try {
    const shown = shorten(inspect(message, { depth: 2, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 60 }), 100);
    return typeof message === 'object' && message !== null ? shown : `${typeof message} ${shown}`;
  } catch {
    return describeValue(message);
  }
}

/** The messages, rendered and joined. */
export function renderAll(messages: readonly unknown[]): string {
  return messages.map(render).join(', ');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
