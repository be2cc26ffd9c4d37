/** W1 for rampart: `tell` to a spawned actor whose `@On(Tick)` handler counts. */
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

export async function rampart(): Promise<Measurement> {
  const system = await ActorSystem.start(TellBenchRoot);
  try {
    const counter = system.spawn(Counter);
    const countdown = new Countdown(MESSAGES);
    counter.tell(new Arm(countdown));
    const start = now();
    for (let i = 0; i < MESSAGES; i++) counter.tell(TICK);
    await withTimeout(countdown.done, 50_000, `rampart counting ${MESSAGES} tells`);
    const elapsed = now() - start;
    verify('counted tells', countdown.count, MESSAGES);
    return { opsPerSec: opsPerSec(MESSAGES, elapsed) };
  } finally {
    await system.shutdown();
  }
}
