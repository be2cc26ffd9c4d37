import type { ReplyTo } from '../core/process';

/**
 * One letter on a link, kept until the peer acknowledges it. What it carried is kept too
 * (for a tell or an ask), so that if the peer goes down first the letter becomes a dead
 * letter `unreachable` and its ask rejects, as DESIGN.md's Delivery section says.
 */
export class Unacked {
  constructor(
    readonly seq: number,
    /** The letter as JSON, encoded once and resent as it is. */
    readonly text: string,
    /** The message of a tell or an ask (`NOT_A_MESSAGE` for a system letter or a reply). */
    readonly message: unknown,
    /** The path it is for, on the peer. */
    readonly path: string,
    /** The reply slot of an ask. */
    readonly ask: ReplyTo | undefined,
  ) {}
}

/** The `message` of a letter that is no user message: a reply, a stop, a watch. */
export const NOT_A_MESSAGE: unknown = Symbol('not a message');

/**
 * The sending half of a link from this node's incarnation to one incarnation of a peer:
 * numbered letters, kept in a bounded outbox until acknowledged (cumulatively), and sent
 * again from the first unacknowledged one when asked to (a reconnect, a gap the peer saw,
 * or a letter unacknowledged for a heartbeat interval).
 */
export class OutboundLink {
  private readonly items: Unacked[] = [];
  /** Index in `items` of the oldest unacknowledged letter. */
  private head = 0;
  /** Sequence number of the last letter handed to the transport. */
  private sentUpTo = 0;
  private nextSeq = 1;
  /** Scheduler time at which the oldest unacknowledged letter was (last) sent. */
  oldestSentAt = 0;
  /** The acknowledgement that triggered the last resend on a gap (so one gap resends once). */
  lastGapAck = -1;

  constructor(
    /** The incarnation of the peer this link reaches. */
    readonly peerIncarnation: string,
    private readonly limit: number,
  ) {}

  /** Letters not yet acknowledged, sent or not. */
  get size(): number {
    return this.items.length - this.head;
  }

  get hasUnsent(): boolean {
    return this.size > 0 && this.items[this.items.length - 1].seq > this.sentUpTo;
  }

  /** Sent and still unacknowledged. */
  get awaitingAck(): boolean {
    return this.size > 0 && this.items[this.head].seq <= this.sentUpTo;
  }

  /**
   * Adds a letter; `undefined` when the outbox is full (the caller dead-letters it
   * `overflow`). The runtime's own letters (replies, stops, watches: few, small, and owed to
   * someone waiting) are never refused: the limit bounds what users send.
   */
  add(text: string, message: unknown, path: string, ask: ReplyTo | undefined, always = false): Unacked | undefined {
    if (!always && this.size >= this.limit) return undefined;
    const item = new Unacked(this.nextSeq++, text, message, path, ask);
    this.items.push(item);
    return item;
  }

  /** The letters to send now, in order (those after the last one sent). */
  unsent(): Unacked[] {
    const out: Unacked[] = [];
    for (let i = this.items.length - 1; i >= this.head && this.items[i].seq > this.sentUpTo; i--) out.push(this.items[i]);
    return out.reverse();
  }

  markSent(upTo: number, now: number): void {
    if (!this.awaitingAck) this.oldestSentAt = now;
    this.sentUpTo = Math.max(this.sentUpTo, upTo);
  }

  /** The peer has every letter up to `upTo` (an ack beyond what was sent is a forgery, and ignored). */
  acknowledge(upTo: number, now: number): void {
    if (upTo > this.sentUpTo) return;
    const before = this.head;
    while (this.head < this.items.length && this.items[this.head].seq <= upTo) this.head++;
    if (this.head === before) return;
    this.oldestSentAt = now;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Everything unacknowledged is to be sent again. */
  rewind(): void {
    if (this.size > 0) this.sentUpTo = this.items[this.head].seq - 1;
  }

  /** The link is over (its peer went down): what it still held, oldest first. */
  close(): Unacked[] {
    const left = this.items.slice(this.head);
    this.items.length = 0;
    this.head = 0;
    return left;
  }
}

/**
 * The receiving half: the last letter delivered in order, and the ack owed. An ack rides
 * on the next packet back; it goes alone only when many letters wait for it, when the
 * sender asked for it (it is leaving), when a gap asks for a resend, or after a short delay.
 */
export class InboundLink {
  delivered = 0;
  /** Letters delivered since the last ack went out (0: nothing owed). */
  owed = 0;
  /** The ack goes out with the next flush, alone if no packet carries it. */
  ackNow = false;
  /** A packet came with a gap before it: the ack asks the sender to resend. */
  gap = false;

  constructor(readonly peerIncarnation: string) {}
}
