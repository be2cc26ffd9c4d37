/** W1 for rampart: `tell` to a spawned actor whose `@On(Tick)` handler counts; and the same with `inspect()` subscribed. */
import { ActorSystem, On, Supervisor } from '../../../lib';
import { Countdown } from '../../support/countdown';
import { now, opsPerSec, verify, withTimeout } from '../../support/measure';
import type { Measurement } from '../../types';
import { MESSAGES, Tick, TICK } from './shared';

/** Arms the counter with the countdown of the run (told before the timing starts). */
class Arm {
  constructor(readonly countdown: Countdown) {}
}

class Counter {
  private countdown: Countdown | undefined;

  @On(Arm)
  arm(message: Arm): void {
    this.countdown = message.countdown;
  }

  @On(Tick)
  tick(): void {
    this.countdown!.tick();
  }
}

@Supervisor()
class TellBenchRoot {}

export function rampart(): Promise<Measurement> {
  return tellRun(false);
}

/**
 * The same run with `system.inspect()` subscribed (every delivery reported to a subscriber
 * that counts it): what watching a system costs, beside `rampart`, which has no inspector.
 */
export function rampartInspected(): Promise<Measurement> {
  return tellRun(true);
}

async function tellRun(inspected: boolean): Promise<Measurement> {
  const system = await ActorSystem.start(TellBenchRoot);
  let seen = 0;
  const inspection = inspected ? system.inspect().subscribe(() => seen++) : undefined;
  try {
    const counter = system.spawn(Counter);
    const countdown = new Countdown(MESSAGES);
    counter.tell(new Arm(countdown));
    const start = now();
    for (let i = 0; i < MESSAGES; i++) counter.tell(TICK);
    await withTimeout(countdown.done, 50_000, `rampart counting ${MESSAGES} tells`);
    const elapsed = now() - start;
    verify('counted tells', countdown.count, MESSAGES);
    if (inspected && seen < MESSAGES) throw new Error(`verification failed: inspect() reported ${seen} events for ${MESSAGES} tells`);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    inspection?.unsubscribe();
    await system.shutdown();
  }
}
