import { parseAddress, type Address } from '../core/address';
import { messageClassFor } from '../metadata/message-registry';
import { isForbiddenKey, MAX_DEPTH } from './codec-paths';

// Decoding a tree that came from JSON.parse (the tags are described in codec.ts). The tree
// is owned: it is reused in place, and a tree without `$` keys is walked once and returned.
// Nothing is evaluated; a message is rebuilt without running its constructor or setters.

/** How the codec sees refs; the cluster node implements it. */
export interface RefCodec {
  /** The address (`rampart://node/path`) of a rampart ref, or undefined when `value` is not a ref. */
  addressOf(value: object): string | undefined;
  /** A ref for an address that came over the wire (local when it points home, remote otherwise). */
  refAt(address: string): unknown;
}

/** Thrown by `decode` for a tree that must not reach a handler; `reason` is short, e.g. "unknown @Message 'orders.x'". */
export class FrameRejection extends Error {
  constructor(readonly reason: string) {
    super(`frame rejected: ${reason}`);
    this.name = 'FrameRejection';
  }
}

/** The node and path of an address that came over the wire (or from a worker); a malformed one is a `FrameRejection`. */
export function wireAddress(address: unknown): Address {
  const parsed = typeof address === 'string' ? parseAddress(address) : undefined;
  if (parsed === undefined) throw new FrameRejection(`malformed address ${JSON.stringify(address)?.slice(0, 80)}`);
  return parsed;
}

/** The value of a tree that came from JSON.parse; the tree is reused in place. Throws FrameRejection. */
export function decode(tree: unknown, refs: RefCodec): unknown {
  return typeof tree === 'object' && tree !== null ? decodeObject(tree, refs, 0) : tree;
}

function decodeObject(object: object, refs: RefCodec, depth: number): unknown {
  if (Array.isArray(object)) {
    if (depth >= MAX_DEPTH) throw tooDeep();
    for (let i = 0; i < object.length; i++) {
      const value: unknown = object[i];
      if (typeof value === 'object' && value !== null) {
        const decoded = decodeObject(value, refs, depth + 1);
        if (decoded !== value) object[i] = decoded;
      }
    }
    return object;
  }
  const record = object as Record<string, unknown>;
  const tag = record.$;
  if (tag === undefined) return decodeFields(record, record, refs, depth);
  switch (tag) {
    case 'ref': {
      const address = record.a;
      if (typeof address !== 'string') throw malformed('ref');
      try {
        return refs.refAt(address);
      } catch {
        throw new FrameRejection(`a ref with a bad address '${short(address)}'`);
      }
    }
    case 'msg': {
      const { n: name, f: fields } = record;
      if (typeof name !== 'string' || !isRecord(fields)) throw malformed('msg');
      const messageClass = messageClassFor(name);
      if (messageClass === undefined) throw new FrameRejection(`unknown @Message '${short(name)}'`);
      return decodeFields(fields, Object.create(messageClass.prototype as object) as object, refs, depth);
    }
    case 'date': {
      const ms = record.v;
      const date = typeof ms === 'number' ? new Date(ms) : undefined;
      if (date === undefined || Number.isNaN(date.getTime())) throw malformed('date');
      return date;
    }
    case 'big': {
      const digits = record.v;
      if (typeof digits !== 'string' || !/^-?\d+$/.test(digits)) throw malformed('big');
      return BigInt(digits);
    }
    case 'u8': {
      const base64 = record.v;
      if (typeof base64 !== 'string' || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw malformed('u8');
      return new Uint8Array(Buffer.from(base64, 'base64'));
    }
    case 'undef':
      return undefined;
    case 'obj': {
      const value = record.v;
      if (!isRecord(value)) throw malformed('obj');
      return decodeFields(value, value, refs, depth);
    }
    default:
      throw new FrameRejection(typeof tag === 'string' ? `unknown tag '${short(tag)}'` : `a tag of type ${tag === null ? 'null' : typeof tag}`);
  }
}

/**
 * Decodes the fields of `source` into `target`: in place when they are the same object,
 * else (a message) each defined as an own enumerable writable configurable data property,
 * so no setter of the class runs.
 */
function decodeFields(source: Record<string, unknown>, target: object, refs: RefCodec, depth: number): object {
  if (depth >= MAX_DEPTH) throw tooDeep();
  const inPlace = source === target;
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (isForbiddenKey(key)) throw new FrameRejection(`a key named '${key}'`);
    const value = source[key];
    const decoded = typeof value === 'object' && value !== null ? decodeObject(value, refs, depth + 1) : value;
    if (!inPlace) Object.defineProperty(target, key, { value: decoded, enumerable: true, writable: true, configurable: true });
    else if (decoded !== value) source[key] = decoded;
  }
  return target;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(tag: string): FrameRejection {
  return new FrameRejection(`a malformed '${tag}' tag`);
}

function tooDeep(): FrameRejection {
  return new FrameRejection(`nesting deeper than ${MAX_DEPTH} levels`);
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
