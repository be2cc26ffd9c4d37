import { expect } from 'chai';
import { ActorStoppedError, ActorSystem, Child, EscalationError, On, Supervisor } from '../../lib';
import type { ActorRef, DeadLetter } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { record, rejectionOf, tracked } from './helpers';

describe('system.whenTerminated', () => {
  class Job {
    constructor(readonly n: number) {}
  }
  class Boom {}

  class Worker {
    @On(Job) job(job: Job) {
      return job.n;
    }
  }

  it('stays pending while the system runs and resolves after shutdown', async () => {
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    const terminated = tracked(system.whenTerminated);
    await scheduler.advanceBy(10_000);

    expect(terminated.settled).to.equal(false);

    const shutdown = tracked(system.shutdown());
    await shutdown.promise;
    await system.whenTerminated;
    expect(terminated.settled).to.equal(true);
  });

  it('leaves the refs of a shut-down system as dead-letter sinks', async () => {
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    const worker = system.lookup<Job>('/app/worker') as ActorRef<Job>;
    expect(await worker.ask(new Job(1))).to.equal(1);
    const deadLetters = record(system.deadLetters$);

    await system.shutdown();
    worker.tell(new Job(2));
    const ask = rejectionOf(worker.ask(new Job(3)));
    await settle();

    expect(await ask).to.be.instanceOf(ActorStoppedError);
    expect(
      deadLetters.map((d: DeadLetter) => ({ n: (d.message as Job).n, reason: d.reason, path: d.path })),
    ).to.deep.equal([
      { n: 2, reason: 'stopped', path: '/app/worker' },
      { n: 3, reason: 'stopped', path: '/app/worker' },
    ]);
  });

  it('rejects with EscalationError when the root gives up', async () => {
    @Supervisor({ maxRestarts: 0 })
    class App {
      @Child(Worker) worker!: ActorRef;
      @On(Boom) boom() {
        throw new Error('root is broken');
      }
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    const terminated = rejectionOf(system.whenTerminated);

    system.root.tell(new Boom());
    await scheduler.advanceBy(0);

    const error = await terminated;
    expect(error).to.be.instanceOf(EscalationError);
    expect(error.code).to.equal('ESCALATION');
    expect(error.message).to.include('/app');
    system.kill();
  });
});
