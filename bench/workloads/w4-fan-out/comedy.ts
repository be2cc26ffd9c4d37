/**
 * W4 for comedy 2.1 (in-memory): 1,000 class-defined children of the root, and 1,000
 * rounds of `send('tick')` to each. (comedy's `broadcast` reaches the instances of one
 * clustered actor, and in-memory actors are clustered in its test mode only.)
 */
import type { ActorRef } from 'comedy';
import { IN_MEMORY, startComedy, stopComedy } from '../../support/comedy';
import { now, opsPerSec, verify } from '../../support/measure';
import type { Measurement } from '../../types';
import { ACTORS, DELIVERIES, MESSAGES, Tally } from './shared';

class Listener {
  private count = 0;
  private tally: Tally | undefined;

  arm(tally: Tally): void {
    this.tally = tally;
  }

  tick(): void {
    this.tally!.count(++this.count);
  }
}

export async function comedy(): Promise<Measurement> {
  const comedy = await startComedy();
  try {
    const tally = new Tally();
    const listeners: ActorRef[] = await Promise.all(
      Array.from({ length: ACTORS }, () => comedy.root.createChild(Listener, IN_MEMORY)),
    );
    await Promise.all(listeners.map((listener) => listener.send('arm', tally)));
    const begin = now();
    for (let m = 0; m < MESSAGES; m++) {
      for (let a = 0; a < ACTORS; a++) void listeners[a].send('tick');
    }
    const end = await tally.finish('comedy');
    await tally.verify();
    verify('logged errors', comedy.log.errors, 0);
    return { opsPerSec: opsPerSec(DELIVERIES, end - begin) };
  } finally {
    await stopComedy(comedy);
  }
}
