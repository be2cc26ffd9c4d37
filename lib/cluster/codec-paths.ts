import { describeValue, functionName, safeGet } from '../errors';
import { wireNameOf } from '../metadata/message-registry';

// The codec's words: the place of a value (`message.items[2].callback`), the keys that a
// receiver rejects, and why an object cannot cross. Only reached on the error path, except
// `isForbiddenKey` and `forbiddenKey`.

/** Containers (arrays, plain objects, `@Message` instances) nested deeper than this are refused both ways. */
export const MAX_DEPTH = 256;

/** One step of a path: an array index or an object key. */
export type Step = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `where` followed by the first `count` steps: `.items`, `[2]`, `["odd key"]`. */
export function pathOf(where: string, steps: readonly Step[], count: number): string {
  let path = where;
  for (let i = 0; i < count; i++) {
    const step = steps[i];
    path += typeof step === 'number' ? `[${step}]` : IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  }
  return path;
}

/** A key that reaches a prototype when assigned: refused at the sender, rejected at the receiver. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * The path (`a[0].__proto__`) of the first `__proto__`, `constructor` or `prototype` key in a
 * `JSON.parse`d tree, depth first in document order, or `undefined`. Iterative: a tree nested
 * a million levels deep is walked without growing the call stack.
 */
export function forbiddenKey(tree: unknown): string | undefined {
  if (typeof tree !== 'object' || tree === null) return undefined;
  // One entry per open container: the container, its keys (null for an array), the next
  // position in it, and the step that led to it from its parent.
  const nodes: object[] = [tree];
  const keyLists: (string[] | null)[] = [Array.isArray(tree) ? null : Object.keys(tree)];
  const positions: number[] = [0];
  const steps: Step[] = [];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top];
    const keys = keyLists[top];
    const position = positions[top]++;
    let child: unknown;
    let step: Step;
    if (keys === null) {
      if (position >= (node as unknown[]).length) {
        pop();
        continue;
      }
      step = position;
      child = (node as unknown[])[position];
    } else {
      if (position >= keys.length) {
        pop();
        continue;
      }
      step = keys[position];
      if (isForbiddenKey(step)) return pathOf('', [...steps, step], steps.length + 1).replace(/^\./, '');
      child = (node as Record<string, unknown>)[step];
    }
    if (typeof child === 'object' && child !== null) {
      nodes.push(child);
      keyLists.push(Array.isArray(child) ? null : Object.keys(child));
      positions.push(0);
      steps.push(step);
    }
  }
  return undefined;

  function pop(): void {
    nodes.pop();
    keyLists.pop();
    positions.pop();
    steps.pop();
  }
}

const HINTS: Record<string, string> = {
  Map: ': send a plain object or an array of its entries ([...map]) instead',
  Set: ': send an array ([...set]) instead',
  WeakMap: '',
  WeakSet: '',
  Promise: ': await it and send its value instead',
  ArrayBuffer: ': send a Uint8Array instead',
  DataView: ': send a Uint8Array instead',
};

/**
 * Why `object`, which is no plain object, array, ref, Date, Uint8Array or `@Message`
 * instance, cannot cross: its class, and the fix. Never throws.
 */
export function refusalOf(object: object, ctor: unknown): string {
  const name = typeof ctor === 'function' ? functionName(ctor) : undefined;
  if (typeof ctor !== 'function' || name === undefined) {
    return `${describeValue(object)} cannot cross the wire: give its class a name and @Message('some.name')`;
  }
  if (Array.isArray(object)) return `an instance of ${name} (an Array subclass) cannot cross the wire: send a plain array instead`;
  if (safeGet(globalThis, name) === ctor) {
    const hint = HINTS[name] ?? (/Error$/.test(name) ? ': send its message as a string instead' : /Array$/.test(name) ? ': send a Uint8Array instead' : '');
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} cannot cross the wire${hint}`;
  }
  const base = inheritedWireName(ctor);
  const fix = `add @Message('some.name') to class ${name}`;
  return base === undefined
    ? `an instance of ${name} cannot cross the wire: ${fix}`
    : `an instance of ${name} cannot cross the wire: the @Message('${base.wireName}') of its base class ${base.name} does not count for a subclass; ${fix}`;
}

/** The nearest base class of `ctor` that carries `@Message`, if any. Never throws. */
function inheritedWireName(ctor: Function): { name: string; wireName: string } | undefined {
  try {
    for (let base = Object.getPrototypeOf(ctor) as unknown; typeof base === 'function'; base = Object.getPrototypeOf(base)) {
      const wireName = wireNameOf(base);
      if (wireName !== undefined) return { name: functionName(base) ?? 'an anonymous class', wireName };
    }
  } catch {
    // a Proxy in the chain: no hint then
  }
  return undefined;
}
