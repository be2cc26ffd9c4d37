/**
 * A one-for-all or rest-for-one round that waits out the failed child's backoff must finish
 * even when that child is stopped for good meanwhile (`ref.stop()`, `ref.kill()`): the
 * siblings restart and handle their queued messages, and every message sent is handled or
 * dead-lettered.
 */
import { expect } from 'chai';
import { Backoff, Child, Supervisor } from '../../lib';
import type { ActorRef, SupervisionStrategy } from '../../lib';
import { advanceUntil, killLeftovers, probe, refAt, shutdown, startSystem, track } from './helpers';

const backoff = Backoff.linear({ stepMs: 1000, maxMs: 1000 });

async function startRound(strategy: SupervisionStrategy, log: string[]) {
  @Supervisor({ strategy, maxRestarts: 5 })
  class App {
    @Child(probe('c1', log), { backoff }) c1!: ActorRef;
    @Child(probe('c2', log)) c2!: ActorRef;
    @Child(probe('c3', log)) c3!: ActorRef;
  }
  const h = await startSystem(App);
  const [c1, c2, c3] = ['c1', 'c2', 'c3'].map((name) => refAt(h.system, `/app/${name}`));
  log.length = 0;
  return { h, c1, c2, c3 };
}

const ends: Array<[string, (ref: ActorRef) => void]> = [
  ['ref.stop()', (ref) => void ref.stop()],
  ['ref.kill()', (ref) => ref.kill()],
];

const starts: Array<[string, string]> = [
  ['fails', 'fail'],
  ['exits with ctx.stop()', 'quit'],
];

describe('regressions: a round whose failed child is stopped during its backoff', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  for (const strategy of ['one-for-all', 'rest-for-one'] as const) {
    for (const [startLabel, trigger] of starts) {
      for (const [endLabel, end] of ends) {
        it(`${strategy}: when c1 ${startLabel} and gets ${endLabel} during its backoff, c2 and c3 restart and handle their queues`, async () => {
          const log: string[] = [];
          const { h, c1, c2, c3 } = await startRound(strategy, log);
          c1.tell(trigger);
          await h.scheduler.advanceBy(100);
          c2.tell('q2');
          c3.tell('q3');
          c1.tell('q1');
          end(c1);
          const answer = track(c3.ask('who', { timeoutMs: 60_000 }));
          await advanceUntil(h.scheduler, answer, 500, 10);
          expect(answer.settled, 'c3 answers after the round').to.equal(true);
          expect(answer.value).to.match(/^c3#2 /);
          expect(await c2.ask('who')).to.match(/^c2#2 /);
          expect(log).to.include.members(['c2 got q2', 'c3 got q3']);
          // q1: handled or dead-lettered, never lost.
          const q1 = log.includes('c1 got q1') || h.deadLetters.some((d) => d.message === 'q1');
          expect(q1, "c1's queued message was handled or dead-lettered").to.equal(true);
          expect(h.system.lookup('/app/c1')).to.equal(undefined);
          await shutdown(h);
        });
      }
    }
  }
});
