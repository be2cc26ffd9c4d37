import type { ActorRef } from '../types';
import type { ReplyTo } from './process';

/**
 * One message in a mailbox, with who sent it and how to answer it. A tell from outside any
 * actor needs none of that, so it travels as the bare message (no allocation): a "letter"
 * is either an `Envelope` or a bare message.
 */
export class Envelope {
  readonly #brand = true;

  constructor(
    readonly message: unknown,
    readonly sender: ActorRef | undefined,
    /** Set for an `ask`: where the reply goes. */
    readonly ask: ReplyTo | undefined,
    /** Set for a message the runtime sent on an incarnation's behalf (a timer): the one that wants it. */
    readonly timerOf: object | undefined,
  ) {}

  /**
   * True for an envelope. A brand check, not `instanceof`: a bare message may be a revoked
   * Proxy, whose prototype cannot be read, and a brand check never touches the value.
   */
  static is(letter: unknown): letter is Envelope {
    return typeof letter === 'object' && letter !== null && #brand in letter;
  }
}

/** The message a letter carries: the letter itself for a bare tell, else its envelope's. */
export function messageOf(letter: unknown): unknown {
  return Envelope.is(letter) ? letter.message : letter;
}

/** The reply slot of a letter, if it is an ask. */
export function replyOf(letter: unknown): ReplyTo | undefined {
  return Envelope.is(letter) ? letter.ask : undefined;
}
