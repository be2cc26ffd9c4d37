import { expect } from 'chai';
import fc from 'fast-check';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, InspectionEvent, MessageInspection } from '../../lib';
import { kill, killLeftovers, startSystem } from '../support/harness';
import { commandOf } from '../support/commands';

type Result = 'ok' | 'ok-async' | 'throw' | 'reject' | 'unhandled';

const command = commandOf<Result>('ok', 'ok-async', 'throw', 'reject', 'unhandled');

const OUTCOME: Record<Result, MessageInspection['outcome']> = {
  ok: 'handled',
  'ok-async': 'handled',
  throw: 'failed',
  reject: 'failed',
  unhandled: 'dead-letter',
};

class Job {
  constructor(readonly result: Result) {}
}
class Stray {}

class Worker {
  @On(Job)
  handle(job: Job): number | Promise<number> {
    switch (job.result) {
      case 'ok-async':
        return Promise.resolve(1);
      case 'throw':
        throw new Error('thrown');
      case 'reject':
        return Promise.reject(new Error('rejected'));
      default:
        return 1;
    }
  }
}

@Supervisor({ maxRestarts: Infinity })
class App {
  @Child(Worker) worker!: ActorRef;
}

describe('system.inspect() (property)', () => {
  afterEach(killLeftovers);

  it('reports each message once, in send order, with its outcome; a sample r keeps exactly ceil(n * r) of them', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), fc.double({ min: 0, max: 1, noNaN: true }), async (commands, sample) => {
        const h = await startSystem(App, { logger: null });
        try {
          const all: InspectionEvent[] = [];
          const sampled: InspectionEvent[] = [];
          h.system.inspect().subscribe((event) => all.push(event));
          h.system.inspect({ sample }).subscribe((event) => sampled.push(event));
          const worker = h.system.lookupActor('/app/worker')!;
          const messages = (events: InspectionEvent[]) => events.filter((e): e is MessageInspection => e.type === 'message');

          for (const { via, result, pause } of commands) {
            const message = result === 'unhandled' ? new Stray() : new Job(result);
            if (via === 'tell') worker.tell(message);
            else worker.ask(message).catch(() => undefined);
            if (pause) await h.scheduler.advanceBy(0);
          }
          for (let round = 0; round < 200 && messages(all).length < commands.length; round++) await h.scheduler.advanceBy(0);

          expect(messages(all).map((e) => [e.messageType, e.ask, e.outcome])).to.deep.equal(
            commands.map(({ via, result }) => [result === 'unhandled' ? 'Stray' : 'Job', via === 'ask', OUTCOME[result]]),
          );
          const kept = messages(sampled);
          expect(kept, 'kept').to.have.length(Math.ceil(commands.length * sample));
          let from = 0;
          for (const event of kept) {
            const at = all.indexOf(event, from);
            expect(at, 'a kept event is one of all, in order').to.be.at.least(from);
            from = at + 1;
          }
          expect(sampled.filter((e) => e.type !== 'message'), 'every lifecycle event is kept').to.deep.equal(all.filter((e) => e.type !== 'message'));
        } finally {
          kill(h);
        }
      }),
      { numRuns: 50 },
    );
  });
});
