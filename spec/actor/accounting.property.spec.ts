import { expect } from 'chai';
import fc from 'fast-check';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { kill, killLeftovers, startSystem, track, type Outcome } from './helpers';
import { commandOf } from '../support/commands';

type Result = 'ok' | 'ok-async' | 'throw' | 'reject';

const command = commandOf<Result>('ok', 'ok-async', 'throw', 'reject');

const succeeds = (result: Result) => result === 'ok' || result === 'ok-async';

describe('accounting (property): handled + dead-lettered = sent', () => {
  afterEach(killLeftovers);

  it('accounts for every message, and handles the successful ones in send order', async function () {
    this.timeout(120_000);

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        class Job {
          constructor(
            readonly id: number,
            readonly result: Result,
          ) {}
        }
        const handled: number[] = [];
        class Worker {
          @On(Job)
          handle(job: Job): number | Promise<number> {
            switch (job.result) {
              case 'ok':
                handled.push(job.id);
                return job.id;
              case 'ok-async':
                return Promise.resolve().then(() => {
                  handled.push(job.id);
                  return job.id;
                });
              case 'throw':
                throw new Error(`job ${job.id}`);
              case 'reject':
                return Promise.reject(new Error(`job ${job.id}`));
            }
          }
        }
        @Supervisor({ maxRestarts: Infinity })
        class App {
          @Child(Worker) worker!: ActorRef;
        }
        const h = await startSystem(App);
        try {
          const worker = h.system.lookup('/app/worker') as ActorRef;
          const asks = new Map<number, Outcome<unknown>>();

          for (const [id, { via, result, pause }] of commands.entries()) {
            if (via === 'tell') worker.tell(new Job(id, result));
            else asks.set(id, track(worker.ask(new Job(id, result))));
            if (pause) await h.scheduler.advanceBy(0);
          }
          for (let round = 0; round < 200 && handled.length + h.deadLetters.length < commands.length; round++) {
            await h.scheduler.advanceBy(0);
          }
          await h.scheduler.advanceBy(0);

          const okIds = [...commands.keys()].filter((id) => succeeds(commands[id].result));
          const failedIds = [...commands.keys()].filter((id) => !succeeds(commands[id].result));
          expect(handled.length + h.deadLetters.length, 'handled + dead-lettered').to.equal(commands.length);
          expect(handled, 'handled, in send order').to.deep.equal(okIds);
          expect(h.deadLetters.map((letter) => letter.reason)).to.deep.equal(failedIds.map(() => 'failed'));
          expect(h.deadLetters.map((letter) => (letter.message as Job).id)).to.deep.equal(failedIds);

          for (const [id, outcome] of asks) {
            expect(outcome.settled, `ask ${id} settled`).to.equal(true);
            if (succeeds(commands[id].result)) expect(outcome.value).to.equal(id);
            else expect((outcome.error as Error).message).to.equal(`job ${id}`);
          }
        } finally {
          kill(h);
        }
      }),
      { numRuns: 50 },
    );
  });
});
