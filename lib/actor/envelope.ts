import type { ActorRef } from '../types';
import type { Incarnation } from './incarnation';
import type { PendingAsk } from './pending-ask';

/** One message in a mailbox, with who sent it and how to answer it. */
export class Envelope {
  constructor(
    readonly message: unknown,
    readonly sender: ActorRef | undefined,
    /** Set for an `ask`: where the reply goes. */
    readonly ask: PendingAsk | undefined,
    /** Set for a `ctx.schedule`/`ctx.every` message: the incarnation that wants it. */
    readonly timerOf: Incarnation | undefined,
  ) {}
}

/** The message a letter carries: the letter itself for a bare tell, else its envelope's. */
export function messageOf(letter: unknown): unknown {
  return letter instanceof Envelope ? letter.message : letter;
}
