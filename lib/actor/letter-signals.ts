import type { ReplyTo } from '../core/process';
import { ActorStoppedError } from '../errors';

/** Where a letter's giving up comes from: its reply slot (or, on a worker, the incarnation that knows). */
export type GiveUpSource = Pick<ReplyTo, 'onGiveUp'>;

/** The reason of a `ctx.signal` aborted because its incarnation ended. */
export function incarnationEnded(path: string): ActorStoppedError {
  return new ActorStoppedError(`${path} was stopped (killed, restarted or stopped for good) before this work finished: ctx.signal is aborted.`);
}

/**
 * The `ctx.signal`s of one incarnation, made only when a handler or hook reads one. An ask
 * being handled has a signal of its own, which its asker aborts when it gives up (its
 * timeout passed, or its own signal aborted); every other letter (a tell, a timer, a piped
 * result) and every hook share the incarnation's signal. Both abort when the incarnation is
 * killed (a kill, a stop that ran out of time); a restart or a graceful stop waits for the
 * handler and aborts nothing (DESIGN: "for a tell, it is aborted only by a kill").
 */
export class LetterSignals {
  private life: AbortController | undefined;
  private ask: AbortController | undefined;
  /** The letter `ask` was made for (its envelope, or its number on a worker), compared by identity. */
  private askLetter: unknown;
  private ended = false;
  private endReason: unknown;

  /** The signal of the letter being handled: `reply` is its reply slot (undefined for a tell, a hook). */
  of(letter: unknown, reply: GiveUpSource | undefined): AbortSignal {
    if (reply === undefined) return (this.life ??= this.controller()).signal;
    if (this.askLetter !== letter || this.ask === undefined) {
      this.askLetter = letter;
      const controller = (this.ask = this.controller());
      if (!controller.signal.aborted) reply.onGiveUp?.(controller);
    }
    return this.ask.signal;
  }

  /** The incarnation ended: every signal it handed out aborts with `reason`, and later ones start aborted. */
  end(reason: () => unknown): void {
    if (this.ended) return;
    this.ended = true;
    const why = (this.endReason = reason());
    this.life?.abort(why);
    this.ask?.abort(why);
  }

  private controller(): AbortController {
    const controller = new AbortController();
    if (this.ended) controller.abort(this.endReason);
    return controller;
  }
}
