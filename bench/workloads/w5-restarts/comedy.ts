/**
 * W5 for comedy 2.1 (in-memory): comedy has no restart for in-memory actors (its
 * `onCrash: 'respawn'` respawns crashed forked or remote processes only). A handler's error
 * is caught and logged at level error, and the same instance, with its state, handles the
 * next message. The run checks that the handler ran for each message and that each error
 * reached comedy's log: `lost` counts the errors that did not. The restart rate is n/a.
 */
import { Countdown } from '../../support/countdown';
import { IN_MEMORY, startComedy, stopComedy } from '../../support/comedy';
import { verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { FAILURE_TIMEOUT_MS, FAILURES } from './shared';

/** What the handler records of each call: how many, and on which instances. */
class Calls {
  count = 0;
  readonly instances = new Set<object>();
}

class Fragile {
  crash(n: number, calls: Calls): void {
    calls.count++;
    calls.instances.add(this);
    throw new Error(`crash ${n}`);
  }
}

export async function comedy(): Promise<Measurement> {
  const comedy = await startComedy();
  try {
    const fragile = await comedy.root.createChild(Fragile, IN_MEMORY);
    const logged = new Countdown(FAILURES);
    comedy.log.onError = () => logged.tick();
    const calls = new Calls();
    for (let i = 0; i < FAILURES; i++) void fragile.send('crash', i, calls);
    await withTimeout(logged.done, FAILURE_TIMEOUT_MS, 'comedy logging every failure');
    verify('handler calls', calls.count, FAILURES);
    verify('actor instances that handled them (no restart)', calls.instances.size, 1);
    return { lost: FAILURES - comedy.log.errors };
  } finally {
    await stopComedy(comedy);
  }
}
