import { describeError, safeGet, SerializationError } from '../errors';
import { wireNameOf } from '../metadata/message-registry';
import { isForbiddenKey, MAX_DEPTH, pathOf, refusalOf, type Step } from './codec-paths';
import type { RefCodec } from './codec-decode';

export { FrameRejection, decode, wireAddress, type RefCodec } from './codec-decode';
export { forbiddenKey, MAX_DEPTH } from './codec-paths';

// The value codec of the wire (DESIGN.md "Cluster", **Wire.**): one message or reply value
// to a JSON-compatible tree and back. What JSON cannot say travels as a tag, an object with
// a `$` key: {"$":"ref","a":…}, {"$":"msg","n":…,"f":{…}}, {"$":"date","v":ms},
// {"$":"big","v":"-12"}, {"$":"u8","v":base64}, {"$":"undef"}; and a plain object that has
// a `$` key of its own is escaped as {"$":"obj","v":{…}}, so user data never reads as a tag.
// Copy on write: a tree that needs no tag is validated and returned as it is; only the
// spine above a tag is copied. Its getters are read once here and again by JSON.stringify.

/** One encoding: where it started, and per depth the step taken and the container passed. */
interface Walk {
  readonly where: string;
  /** Copy every container, so the tree shares nothing with the value (it is posted later). */
  readonly owned: boolean;
  readonly refs: RefCodec;
  readonly steps: Step[];
  readonly containers: object[];
}

/**
 * A JSON-compatible tree for `value`, or throws `SerializationError` naming the place:
 * `${where}.items[2].callback: a function cannot cross the wire`. The tree may share
 * parts with `value`: stringify it right away.
 */
export function encode(value: unknown, where: string, refs: RefCodec, owned = false): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (value - value === 0) return value;
      break;
    case 'undefined':
      return { $: 'undef' };
    case 'object':
      if (value === null) return null;
  }
  return encodeValue(value, { where, refs, owned, steps: [], containers: [] }, 0);
}

/** `depth` containers enclose `value`; an `undefined` here is inside one (left out, or null). */
function encodeValue(value: unknown, walk: Walk, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      if (value - value === 0) return value;
      throw refuse(walk, depth, `${value} cannot cross the wire: only finite numbers do`);
    case 'bigint':
      return { $: 'big', v: value.toString() };
    case 'object':
      return value === null ? null : encodeObject(value, walk, depth);
    case 'function':
      throw refuse(walk, depth, 'a function cannot cross the wire');
    default:
      throw refuse(walk, depth, 'a symbol cannot cross the wire');
  }
}

const INVALID_DATE = Symbol('invalid Date');

function encodeObject(object: object, walk: Walk, depth: number): unknown {
  let array: boolean;
  let prototype: object | null;
  try {
    array = Array.isArray(object);
    prototype = Object.getPrototypeOf(object) as object | null;
  } catch (error) {
    throw unreadable(walk, depth, error);
  }
  if (prototype === Object.prototype || prototype === null) return encodePlain(object as Record<string, unknown>, walk, depth);
  if (array && prototype === Array.prototype) return encodeArray(object as unknown[], walk, depth);
  const ctor = safeGet(prototype, 'constructor');
  const wireName = typeof ctor === 'function' && !array ? wireNameOf(ctor) : undefined;
  if (wireName !== undefined) return encodeMessage(object as Record<string, unknown>, wireName, walk, depth);
  let leaf: unknown;
  try {
    leaf = leafOf(object, walk.refs);
  } catch (error) {
    throw unreadable(walk, depth, error);
  }
  if (leaf === INVALID_DATE) throw refuse(walk, depth, 'an invalid Date cannot cross the wire');
  if (leaf !== undefined) return leaf;
  throw refuse(walk, depth, refusalOf(object, ctor));
}

/** The tag of a ref, Date or Uint8Array; `undefined` for anything else. May throw (a Proxy). */
function leafOf(object: object, refs: RefCodec): unknown {
  const address = refs.addressOf(object);
  if (address !== undefined) return { $: 'ref', a: address };
  if (object instanceof Date) {
    const ms = object.getTime();
    return ms === ms ? { $: 'date', v: ms } : INVALID_DATE;
  }
  if (object instanceof Uint8Array) {
    return { $: 'u8', v: Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('base64') };
  }
  return undefined;
}

function encodePlain(object: Record<string, unknown>, walk: Walk, depth: number): unknown {
  const keys = enter(object, walk, depth);
  let copy: Record<string, unknown> | undefined = walk.owned ? {} : undefined;
  let escaped = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === '$') escaped = true;
    else if (isForbiddenKey(key)) throw forbidden(walk, depth, key);
    const value = read(object, key, walk, depth);
    const encoded = encodeValue(value, walk, depth + 1);
    if (copy !== undefined) copy[key] = encoded;
    else if (encoded !== value) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = read(object, keys[j], walk, depth);
      copy[key] = encoded;
    }
  }
  const tree = copy ?? object;
  return escaped ? { $: 'obj', v: tree } : tree;
}

function encodeArray(array: unknown[], walk: Walk, depth: number): unknown {
  enter(array, walk, depth, true);
  let length: number;
  try {
    length = array.length;
  } catch (error) {
    throw unreadable(walk, depth, error);
  }
  // Copies are built by push, so they are packed arrays (a holey one clones as a sparse array).
  let copy: unknown[] | undefined = walk.owned ? [] : undefined;
  for (let i = 0; i < length; i++) {
    const value = read(array, i, walk, depth);
    const encoded = encodeValue(value, walk, depth + 1);
    if (copy !== undefined) copy.push(encoded);
    else if (encoded !== value) {
      copy = [];
      for (let j = 0; j < i; j++) copy.push(read(array, j, walk, depth));
      copy.push(encoded);
    }
  }
  return copy ?? array;
}

function encodeMessage(object: Record<string, unknown>, wireName: string, walk: Walk, depth: number): unknown {
  const keys = enter(object, walk, depth);
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (isForbiddenKey(key)) throw forbidden(walk, depth, key);
    const value = read(object, key, walk, depth);
    if (value !== undefined) fields[key] = encodeValue(value, walk, depth + 1);
  }
  return { $: 'msg', n: wireName, f: fields };
}

/** Checks depth and cycles, records the container at `depth`; its own enumerable keys. */
function enter(container: object, walk: Walk, depth: number, array?: true): string[] {
  if (depth >= MAX_DEPTH) throw refuse(walk, depth, `nesting deeper than ${MAX_DEPTH} levels cannot cross the wire`);
  const { containers } = walk;
  for (let i = 0; i < depth; i++) {
    if (containers[i] === container) {
      throw refuse(walk, depth, `a cycle cannot cross the wire: it refers back to ${pathOf(walk.where, walk.steps, i)}`);
    }
  }
  containers[depth] = container;
  if (array) return [];
  try {
    return Object.keys(container);
  } catch (error) {
    throw unreadable(walk, depth, error);
  }
}

/** `container[step]`, its place recorded; a throwing getter or trap becomes a SerializationError. */
function read(container: object, step: Step, walk: Walk, depth: number): unknown {
  walk.steps[depth] = step;
  try {
    return (container as Record<Step, unknown>)[step];
  } catch (error) {
    throw unreadable(walk, depth + 1, error);
  }
}

function refuse(walk: Walk, depth: number, text: string, cause?: unknown): SerializationError {
  const message = `${pathOf(walk.where, walk.steps, depth)}: ${text}`;
  return cause === undefined ? new SerializationError(message) : new SerializationError(message, { cause });
}

function unreadable(walk: Walk, depth: number, error: unknown): SerializationError {
  if (error instanceof SerializationError) return error;
  return refuse(walk, depth, `reading it threw ${describeError(error)}, so it cannot cross the wire`, error);
}

function forbidden(walk: Walk, depth: number, key: string): SerializationError {
  return refuse(walk, depth, `a key named '${key}' cannot cross the wire: every receiver rejects __proto__, constructor and prototype keys`);
}
