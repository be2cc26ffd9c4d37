/**
 * W4: fan-out. One thousand actors, one thousand messages to each of them: one million
 * deliveries. Every actor counts what it receives; the run ends when every actor has
 * counted all one thousand messages, and the total of one million deliveries is verified
 * (no more, no less). The time covers the sending loop and the drain; starting the actors
 * is outside it.
 */
import { deferred, type Deferred } from '../../support/countdown';
import { nextMacrotask, now, verify, withTimeout } from '../../support/measure';

export const ACTORS = 1_000;
export const MESSAGES = 1_000;
export const DELIVERIES = ACTORS * MESSAGES;

/** The message: one shared instance, so no library pays for allocating it. */
export class Tick {}
export const TICK = new Tick();

/** What every actor of one run reports into; `done` settles when the last actor is complete. */
export class Tally {
  delivered = 0;
  complete = 0;
  private readonly finished: Deferred<void> = deferred();

  /** Counts one delivery to an actor that has now received `count` messages. */
  count(count: number): void {
    this.delivered++;
    if (count === MESSAGES && ++this.complete === ACTORS) this.finished.resolve();
  }

  /** Waits until the last actor has counted every message; returns the time it did. */
  async finish(what: string): Promise<number> {
    await withTimeout(this.finished.promise, 50_000, `${what} counting ${DELIVERIES} deliveries`);
    return now();
  }

  /** Checks that every actor completed and that nothing arrived twice or got lost. */
  async verify(): Promise<void> {
    // A late extra delivery would still be in flight: give it a turn to show up.
    await nextMacrotask();
    verify('actors that counted every message', this.complete, ACTORS);
    verify('deliveries', this.delivered, DELIVERIES);
  }
}
