import { expect } from 'chai';
import fc from 'fast-check';
import { Child, On, Supervisor } from '../../lib';
import type { GroupRef } from '../../lib';
import { groupAt, kill, killLeftovers, startSystem, track, type Outcome } from './helpers';

type Result = 'ok' | 'ok-async' | 'throw';

type Command =
  | { kind: 'tell' | 'ask'; result: Result }
  | { kind: 'kill'; index: number }
  | { kind: 'resize'; size: number }
  | { kind: 'pause' };

const result = fc.constantFrom<Result>('ok', 'ok-async', 'throw');
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('tell' as const), result }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ask' as const), result }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), index: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), size: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pause' as const }) },
);
const dispatch = fc.constantFrom('round-robin' as const, 'random' as const, 'least-loaded' as const);

describe('group accounting (property): every message is handled once or dead-lettered once', () => {
  afterEach(killLeftovers);

  it('holds for random tells, asks, member kills, failures and resizes across one group', async function () {
    this.timeout(120_000);

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), dispatch, async (commands, how) => {
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
            if (job.result === 'throw') throw new Error(`job ${job.id}`);
            handled.push(job.id);
            return job.result === 'ok' ? job.id : Promise.resolve(job.id);
          }
        }
        @Supervisor({ maxRestarts: Infinity })
        class App {
          @Child(Worker, { redundancy: 3, dispatch: how }) workers!: GroupRef;
        }
        const h = await startSystem(App);
        try {
          const group = groupAt(h.system, '/app/workers');
          const asks = new Map<number, Outcome<unknown>>();
          const resizes: Outcome<void>[] = [];
          let sent = 0;

          for (const step of commands) {
            switch (step.kind) {
              case 'tell':
                group.tell(new Job(sent++, step.result));
                break;
              case 'ask':
                asks.set(sent, track(group.ask(new Job(sent++, step.result))));
                break;
              case 'kill':
                if (group.members.length > 0) group.members[step.index % group.members.length].kill();
                break;
              case 'resize':
                resizes.push(track(group.resize(step.size)));
                break;
              case 'pause':
                await h.scheduler.advanceBy(0);
                break;
            }
          }
          const done = () => handled.length + h.deadLetters.length >= sent && resizes.every((r) => r.settled);
          for (let round = 0; round < 200 && !done(); round++) await h.scheduler.advanceBy(0);
          await h.scheduler.advanceBy(0);

          const jobs = h.deadLetters.map((letter) => letter.message);
          expect(jobs.every((message) => message instanceof Job), 'only jobs are dead-lettered').to.equal(true);
          const lettered = jobs.map((job) => (job as Job).id);
          const seen = [...handled, ...lettered].sort((a, b) => a - b);
          expect(seen, 'each message handled once or dead-lettered once').to.deep.equal([...Array(sent).keys()]);
          for (const letter of h.deadLetters) {
            const reasons = (letter.message as Job).result === 'throw' ? ['failed', 'stopped'] : ['stopped'];
            expect(letter.reason, `reason for job ${(letter.message as Job).id}`).to.be.oneOf(reasons);
          }
          for (const [id, outcome] of asks) {
            expect(outcome.settled, `ask ${id} settled`).to.equal(true);
            if (lettered.includes(id)) expect(outcome.error, `ask ${id} rejected`).to.be.instanceOf(Error);
            if (!('error' in outcome)) expect(outcome.value).to.equal(id);
          }
          for (const resize of resizes) expect(resize.error, 'resize error').to.equal(undefined);
        } finally {
          kill(h);
        }
      }),
      { numRuns: 40 },
    );
  });
});
