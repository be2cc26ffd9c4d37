/**
 * W1 for comedy 2.1 (in-memory): a class-defined child of the root actor; one million
 * `send('tick')` calls, each handled by the `tick` method.
 */
import { Countdown } from '../../support/countdown';
import { IN_MEMORY, startComedy, stopComedy } from '../../support/comedy';
import { now, opsPerSec, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { MESSAGES } from './shared';

class Counter {
  private countdown: Countdown | undefined;

  arm(countdown: Countdown): void {
    this.countdown = countdown;
  }

  tick(): void {
    this.countdown!.tick();
  }
}

export async function comedy(): Promise<Measurement> {
  const comedy = await startComedy();
  try {
    const counter = await comedy.root.createChild(Counter, IN_MEMORY);
    const countdown = new Countdown(MESSAGES);
    await counter.send('arm', countdown);
    const begin = now();
    for (let i = 0; i < MESSAGES; i++) void counter.send('tick');
    await withTimeout(countdown.done, 50_000, `comedy counting ${MESSAGES} sends`);
    const elapsed = now() - begin;
    verify('counted sends', countdown.count, MESSAGES);
    verify('logged errors', comedy.log.errors, 0);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    await stopComedy(comedy);
  }
}
