import { expect } from 'chai';
import { ActorStoppedError, ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, DeadLetter } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { gate, record, rejectionOf } from './helpers';

describe('system.kill()', () => {
  class Job {
    constructor(readonly n: number) {}
  }

  function jobsOf(deadLetters: DeadLetter[]) {
    return deadLetters
      .filter((d) => d.message instanceof Job)
      .map((d) => ({ n: (d.message as Job).n, reason: d.reason, path: d.path }));
  }

  async function startBusySystem(log: string[]) {
    const first = gate();
    class Worker {
      @On(Job) async job(job: Job) {
        if (job.n === 0) await first.promise;
        log.push(`handled ${job.n}`);
        return job.n;
      }
      afterStop() {
        log.push('stop worker');
      }
    }
    class Idle {
      afterStop() {
        log.push('stop idle');
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      @Child(Idle) idle!: ActorRef;
      afterStop() {
        log.push('stop app');
      }
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    return { system, scheduler, first, worker: system.lookup<Job>('/app/worker') as ActorRef<Job> };
  }

  it('stops at once without afterStop, dead-letters everything queued and rejects pending asks', async () => {
    const log: string[] = [];
    const { system, first, worker } = await startBusySystem(log);
    const deadLetters = record(system.deadLetters$);
    const inFlight = rejectionOf(worker.ask(new Job(0)));
    await settle();
    worker.tell(new Job(1));
    worker.tell(new Job(2));
    const queuedAsk = rejectionOf(worker.ask(new Job(3)));

    system.kill();
    await settle();

    expect(await inFlight).to.be.instanceOf(ActorStoppedError);
    expect(await queuedAsk).to.be.instanceOf(ActorStoppedError);
    expect(jobsOf(deadLetters)).to.deep.equal([
      { n: 1, reason: 'stopped', path: '/app/worker' },
      { n: 2, reason: 'stopped', path: '/app/worker' },
      { n: 3, reason: 'stopped', path: '/app/worker' },
    ]);
    expect(log).to.deep.equal([]);

    first.open();
    await settle();
    expect(log.filter((line) => line !== 'handled 0')).to.deep.equal([]);
  });

  it('turns tells and asks made after the kill into dead letters stopped', async () => {
    const log: string[] = [];
    const { system, worker } = await startBusySystem(log);
    const deadLetters = record(system.deadLetters$);

    system.kill();
    worker.tell(new Job(7));
    system.root.tell(new Job(8));
    const lateAsk = rejectionOf(worker.ask(new Job(9)));
    await settle();

    expect(await lateAsk).to.be.instanceOf(ActorStoppedError);
    expect(jobsOf(deadLetters)).to.deep.equal([
      { n: 7, reason: 'stopped', path: '/app/worker' },
      { n: 8, reason: 'stopped', path: '/app' },
      { n: 9, reason: 'stopped', path: '/app/worker' },
    ]);
    expect(log).to.deep.equal([]);
  });
});
