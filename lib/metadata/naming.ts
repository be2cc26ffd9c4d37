import { describeValue, functionName, safeGet } from '../errors';

/** `Foo` for a class, `Foo#bar` for a member: how every error message names a place. Never throws. */
export function memberName(target: object, member?: string | symbol): string {
  const owner = typeof target === 'function' ? target : safeGet(target, 'constructor');
  const className = (typeof owner === 'function' ? functionName(owner) : undefined) ?? '<anonymous class>';
  return member === undefined ? className : `${className}#${member.toString()}`;
}

/** The default path segment of a class: its name with a lower-case first letter. */
export function defaultSegment(actorClass: Function): string {
  const name = actorClass.name || 'actor';
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A path segment must be non-empty and must not contain `/`. */
export function segmentProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return `must be a non-empty string, got ${describe(name)}`;
  if (name.includes('/')) return `must not contain '/', got '${name}'`;
  return undefined;
}

/** A short, safe rendering of any value for an error message; never throws. */
export function describe(value: unknown): string {
  return describeValue(value);
}

/**
 * What a function without a prototype is (an arrow function, a method, a bound function),
 * and the class it seems to return when it is an arrow like `() => Ping`; `undefined` for a
 * function that has a prototype, as a class does. Never throws.
 */
export function prototypeless(fn: Function): { what: string; returns: string | undefined } | undefined {
  const prototype = safeGet(fn, 'prototype');
  if ((typeof prototype === 'object' || typeof prototype === 'function') && prototype !== null) return undefined; // Function.prototype is a function
  let source = '';
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    // a revoked proxy or similar: describe it without its source
  }
  const arrow = /^(?:async\s*)?(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>\s*([\s\S]*)$/.exec(source.trim());
  if (arrow) {
    // Only a parameterless arrow can be a lazy reference to a class: `() => Ping`.
    const body = /^\(\s*\)$/.test(arrow[1])
      ? /^\(?\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\)?\s*;?$/.exec(arrow[2].trim()) ??
        /^\{\s*return\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*;?\s*\}$/.exec(arrow[2].trim())
      : null;
    const shown = source.length <= 60 ? ` (${source.trim()})` : '';
    return { what: `an arrow function${shown}`, returns: body?.[1] };
  }
  const name = functionName(fn);
  if (name?.startsWith('bound ')) return { what: `a bound function (${name})`, returns: undefined };
  return { what: name ? `the function ${name} (a method or an async function)` : 'a function without a prototype', returns: undefined };
}

/**
 * The problem of an option key that is not allowed, with the closest allowed one as a hint:
 * `unknown option 'askTimeout' (did you mean 'askTimeoutMs'?); allowed options are …`.
 */
export function unknownOption(key: string, allowed: readonly string[]): string {
  const hint = closest(key, allowed);
  return `unknown option '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; allowed options are ${allowed.join(', ')}`;
}

/** The closest allowed word, to suggest a fix for a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
