/**
 * W3: spawn one hundred thousand idle actors and keep their refs in an array. Three numbers
 * per run:
 * - the spawn rate, until the last spawned actor has answered one request (so the whole
 *   batch has started);
 * - the retained heap per idle actor: (heapUsed after − heapUsed before) / N, each read
 *   after forced full GCs (`--expose-gc`);
 * - W3b, the retained heap per actor once every actor has been told one message and has
 *   handled it (counted): a mailbox that is created on the first message must not stay
 *   expensive once it is empty again.
 * The refs array is allocated before the first heap reading, so its slots are not counted;
 * the system (and xstate's reply receiver) are created before it too.
 */
import { Countdown } from '../../support/countdown';
import { opsPerSec, settledHeapUsed } from '../../support/measure';
import type { Measurement } from '../../types';

export const ACTORS = 100_000;

/** Asked of the last spawned actor; the reply is `OK`. */
export class Ping {}
export const PING = new Ping();
export const OK = 'ok';

/** Told once to every actor after the idle reading; the actor ticks the run's countdown. */
export class Poke {
  constructor(readonly countdown: Countdown) {}
}

/** The heap readings of one run, in order. */
export class HeapReadings {
  private before = 0;
  private idle = 0;
  private told = 0;

  async readBefore(): Promise<void> {
    this.before = await settledHeapUsed();
  }
  async readIdle(): Promise<void> {
    this.idle = await settledHeapUsed();
  }
  async readTold(): Promise<void> {
    this.told = await settledHeapUsed();
  }

  /** `told` is false for subjects that cannot be told anything (a plain object). */
  measurement(elapsedMs: number, told = true): Measurement {
    return {
      spawnsPerSec: opsPerSec(ACTORS, elapsedMs),
      bytesPerActor: (this.idle - this.before) / ACTORS,
      ...(told ? { bytesPerActorTold: (this.told - this.before) / ACTORS } : {}),
    };
  }
}
