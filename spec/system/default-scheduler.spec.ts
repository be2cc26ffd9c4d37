import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor, type ActorRef, type SystemEvent } from '../../lib';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Resolves after `n` turns of the event loop (each a setImmediate). */
function eventLoopTurns(n: number): Promise<void> {
  return new Promise((resolve) => {
    let turns = 0;
    const tick = () => (++turns === n ? resolve() : setImmediate(tick));
    setImmediate(tick);
  });
}

describe('the default scheduler (real time)', () => {
  it('keeps the event loop turning while a child fails to restart forever, and shutdown() still completes', async () => {
    let built = 0;
    class Doomed {
      constructor() {
        if (++built > 1) throw new Error('cannot start again');
      }
      @On(String) go(): void {
        throw new Error('first failure');
      }
    }
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Doomed) doomed!: ActorRef<string>;
    }
    const system = await ActorSystem.start(App, { logger: quiet });
    const failures: SystemEvent[] = [];
    system.events$.subscribe((event) => event.type === 'failed' && failures.push(event));

    system.lookup('/app/doomed')!.tell('go');
    let timerFired = false;
    setTimeout(() => (timerFired = true), 5);
    await eventLoopTurns(50);
    while (!timerFired) await eventLoopTurns(1);

    expect(failures.length, 'restart attempts went on meanwhile').to.be.greaterThan(50);
    await system.shutdown();
    const attempts = built;
    await eventLoopTurns(20);
    expect(built, 'no attempt after shutdown').to.equal(attempts);
  });

  it('runs immediate restarts without waiting for a timer', async () => {
    class Fragile {
      @On(Number) crash(n: number): void {
        throw new Error(`crash ${n}`);
      }
    }
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Fragile) fragile!: ActorRef<number>;
    }
    const system = await ActorSystem.start(App, { logger: quiet });
    let restarts = 0;
    system.events$.subscribe((event) => event.type === 'restarted' && restarts++);
    const fragile = system.lookup('/app/fragile') as ActorRef<number>;
    for (let i = 0; i < 1000; i++) fragile.tell(i);
    const started = Date.now();
    while (restarts < 1000) await eventLoopTurns(1);
    // 1,000 restarts on 1 ms timers would take at least a second.
    expect(Date.now() - started).to.be.below(1000);
    await system.shutdown();
  });
});
