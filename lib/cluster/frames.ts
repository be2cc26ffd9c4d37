import { forbiddenKey } from './codec';
import { NAME } from './options';

/**
 * The frames between nodes: one versioned JSON object each. `n` and `i` are always the
 * sender's node and incarnation.
 * - `h` heartbeat (broadcast, or to one node in answer to a hello): the incarnations the
 *   sender sees up (`up`), its distributor members (`d`), and `q` when it asks for answers.
 * - `b` goodbye (broadcast).
 * - `p` packet (to one node's inbox): letters `l` numbered from `s`, for the receiver's
 *   incarnation `t`, with the sender's cumulative ack `a` of the reverse link.
 * - `a` ack (to one node's inbox): every letter up to `a` arrived; `g` asks for a resend.
 */
export const WIRE_VERSION = 1;

export interface Heartbeat {
  readonly k: 'h';
  readonly n: string;
  readonly i: string;
  readonly up: readonly string[];
  /** Memberships, folded (see memberships.ts); unfolded when the frame is read. */
  d: unknown;
  readonly q?: 1;
}

export interface Goodbye {
  readonly k: 'b';
  readonly n: string;
  readonly i: string;
}

export interface Packet {
  readonly k: 'p';
  readonly n: string;
  readonly i: string;
  readonly t: string;
  readonly s: number;
  readonly a: number;
  readonly l: readonly unknown[];
  /** The sender is leaving: ack at once. */
  readonly u?: 1;
}

export interface Ack {
  readonly k: 'a';
  readonly n: string;
  readonly i: string;
  readonly t: string;
  readonly a: number;
  readonly g?: 1;
}

export type Frame = Heartbeat | Goodbye | Packet | Ack;

/** A frame that is dropped before anything sees it, and why. */
export class RejectedFrame {
  constructor(
    readonly reason: string,
    /** The sender, when it could be read. */
    readonly node: string | undefined,
  ) {}
}

export function heartbeatFrame(node: string, incarnation: string, up: readonly string[], memberships: unknown, hello: boolean): string {
  return JSON.stringify({ v: WIRE_VERSION, k: 'h', n: node, i: incarnation, up, d: memberships, ...(hello ? { q: 1 } : {}) });
}

export function goodbyeFrame(node: string, incarnation: string): string {
  return JSON.stringify({ v: WIRE_VERSION, k: 'b', n: node, i: incarnation });
}

export function ackFrame(node: string, incarnation: string, to: string, upTo: number, gap: boolean): string {
  return JSON.stringify({ v: WIRE_VERSION, k: 'a', n: node, i: incarnation, t: to, a: upTo, ...(gap ? { g: 1 } : {}) });
}

/** A packet of letters already encoded as JSON (they are encoded once, and resent as they are). */
export function packetFrame(node: string, incarnation: string, to: string, firstSeq: number, ack: number, letters: readonly string[], urgent: boolean): string {
  const head = `{"v":${WIRE_VERSION},"k":"p","n":${JSON.stringify(node)},"i":${JSON.stringify(incarnation)},"t":${JSON.stringify(to)},"s":${firstSeq},"a":${ack}`;
  return `${head}${urgent ? ',"u":1' : ''},"l":[${letters.join(',')}]}`;
}

/** Bytes a packet adds around its letters, at most (names are at most 64 characters). */
export const PACKET_OVERHEAD = 256;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads one frame off the wire, or says why it is dropped. Never evaluates anything. */
export function readFrame(raw: Uint8Array | string, maxFrameBytes: number): Frame | RejectedFrame {
  const size = typeof raw === 'string' ? byteLength(raw, maxFrameBytes) : raw.byteLength;
  if (size > maxFrameBytes) return new RejectedFrame(`oversized: ${size} bytes, more than maxFrameBytes (${maxFrameBytes})`, undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : decoder.decode(raw));
  } catch {
    return new RejectedFrame('not JSON', undefined);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new RejectedFrame('not a frame object', undefined);
  const frame = parsed as Record<string, unknown>;
  const node = typeof frame.n === 'string' ? frame.n : undefined;
  if (frame.v !== WIRE_VERSION) return new RejectedFrame(`unknown version ${short(frame.v)} (this node speaks ${WIRE_VERSION})`, node);
  const bad = forbiddenKey(parsed);
  if (bad !== undefined) return new RejectedFrame(`forbidden key at ${bad}`, node);
  if (node === undefined || typeof frame.i !== 'string') return new RejectedFrame('malformed: no sender', node);
  if (!NAME.test(node)) return new RejectedFrame('malformed: the sender is not a valid node name', undefined);
  switch (frame.k) {
    case 'h':
      return isStrings(frame.up) && Array.isArray(frame.d) ? (parsed as Heartbeat) : new RejectedFrame('malformed heartbeat', node);
    case 'b':
      return parsed as Goodbye;
    case 'p':
      return typeof frame.t === 'string' && isSeq(frame.s) && frame.s > 0 && isSeq(frame.a) && Array.isArray(frame.l)
        ? (parsed as Packet)
        : new RejectedFrame('malformed packet', node);
    case 'a':
      return typeof frame.t === 'string' && isSeq(frame.a) ? (parsed as Ack) : new RejectedFrame('malformed ack', node);
    default:
      return new RejectedFrame(`unknown frame kind ${short(frame.k)}`, node);
  }
}

/** UTF-8 size of a string, computed only when it could exceed the limit. */
function byteLength(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length : Buffer.byteLength(text, 'utf8');
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
