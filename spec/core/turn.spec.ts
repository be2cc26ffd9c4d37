import { AsyncLocalStorage } from 'node:async_hooks';
import { expect } from 'chai';
import { charge, runNextTurn, runSoon, turnSpent, TURN_BUDGET_MS, UNITS_PER_CLOCK_READ } from '../../lib/core/turn';

/** Resolves after `n` turns of the event loop. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Lets every queued microtask run (a few rounds of promise jobs). */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Uses up the current turn's budget: burns a little more than it, then charges a clock read. */
function spendTheTurn(): void {
  charge(0);
  const start = performance.now();
  while (performance.now() - start <= TURN_BUDGET_MS) {
    // busy
  }
  expect(charge(UNITS_PER_CLOCK_READ), 'the budget is spent').to.equal(true);
}

describe('core/turn: the budget of an event-loop turn', () => {
  // Whatever an earlier spec left open ends first, so each case starts a fresh turn.
  beforeEach(() => turns(2));

  it('runs a task on a microtask while the budget lasts, before the next turn', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('immediate'));
    runSoon(() => log.push('task'));
    expect(log, 'not synchronously').to.deep.equal([]);
    await microtasks();
    expect(log).to.deep.equal(['task']);
    await turns(1);
    expect(log).to.deep.equal(['task', 'immediate']);
  });

  it('once the budget is spent, runs tasks in the next turn, in the order they came', async () => {
    const log: string[] = [];
    spendTheTurn();
    expect(turnSpent()).to.equal(true);
    runSoon(() => log.push('a'));
    runNextTurn(() => log.push('b'));
    runSoon(() => log.push('c'));
    await microtasks();
    expect(log, 'nothing in this turn').to.deep.equal([]);
    await turns(2);
    expect(log).to.deep.equal(['a', 'b', 'c']);
  });

  it('holds back a task queued while the budget lasted when the budget is spent by the time it would start', async () => {
    const log: string[] = [];
    runSoon(() => log.push('queued earlier'));
    spendTheTurn();
    await microtasks();
    expect(log).to.deep.equal([]);
    await turns(2);
    expect(log).to.deep.equal(['queued earlier']);
  });

  it('lets a timer run between two turns that each spend their whole budget', async () => {
    let timerRan = false;
    let rounds = 0;
    setTimeout(() => (timerRan = true), 0);
    const spin = (): void => {
      rounds++;
      // Endless work that only ever continues through runSoon, charging as it goes.
      if (!timerRan && rounds < 100_000) {
        charge(UNITS_PER_CLOCK_READ);
        runSoon(spin);
      }
    };
    runSoon(spin);
    while (!timerRan && rounds < 100_000) await turns(1);
    expect(timerRan, `the timer ran (after ${rounds} rounds)`).to.equal(true);
  });

  it('keeps a task that waited for a turn, and what it runs, out of the async context that queued it', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    await new Promise<void>((resolve) => {
      storage.run('actor context', () => {
        spendTheTurn();
        runNextTurn(() => {
          seen.push(storage.getStore());
          setImmediate(() => {
            seen.push(storage.getStore());
            resolve();
          });
        });
      });
    });
    expect(seen).to.deep.equal([undefined, undefined]);
  });

  it('keeps the tasks that did not get their go first in line when a task throws', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.once('uncaughtException', (error) => errors.push(error));
    try {
      spendTheTurn();
      runNextTurn(() => log.push('a'));
      runNextTurn(() => {
        throw new Error('task failed');
      });
      runNextTurn(() => log.push('c'));
      await turns(3);
    } finally {
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
    expect(errors.map((error) => (error as Error).message)).to.deep.equal(['task failed']);
    expect(log).to.deep.equal(['a', 'c']);
  });
});
