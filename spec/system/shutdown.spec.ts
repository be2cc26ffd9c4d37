import { expect } from 'chai';
import { ActorStoppedError, ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import type { SchedulerLike } from 'rxjs';
import { VirtualScheduler, settle } from '../../lib/testing';
import { after, record, rejectionOf, tracked } from './helpers';

describe('system.shutdown()', () => {
  class Job {
    constructor(readonly n: number) {}
  }

  /** An actor whose first job stays in flight for `busyMs`, so that the next ones queue behind it. */
  function worker(log: string[], name: string, scheduler: SchedulerLike, busyMs: number) {
    class Worker {
      @On(Job) async job(job: Job) {
        if (job.n === 1) await after(scheduler, busyMs);
        log.push(`${name} ${job.n}`);
      }
      afterStop() {
        log.push(`stop ${name}`);
      }
    }
    return Worker;
  }

  it('stops the tree in reverse start order, one child at a time, draining each queue before its afterStop', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const A = worker(log, 'a', scheduler, 10);
    const C = worker(log, 'c', scheduler, 20);
    const D = worker(log, 'd', scheduler, 40);
    const B = worker(log, 'b', scheduler, 30);
    @Supervisor()
    class Inner {
      @Child(C) c!: ActorRef;
      @Child(D) d!: ActorRef;
      afterStop() {
        log.push('stop inner');
      }
    }
    @Supervisor()
    class App {
      @Child(A) a!: ActorRef;
      @Child(Inner) inner!: ActorRef;
      @Child(B) b!: ActorRef;
      afterStop() {
        log.push('stop app');
      }
    }
    const system = await ActorSystem.start(App, { scheduler });
    for (const path of ['/app/a', '/app/inner/c', '/app/inner/d', '/app/b']) {
      const ref = system.lookup<Job>(path)!;
      for (const n of [1, 2, 3]) ref.tell(new Job(n));
    }
    await settle();

    const done = tracked(system.shutdown());
    await scheduler.advanceBy(30);

    // a and c drained on their own; b, stopped first, drained its queue before its afterStop.
    expect(log).to.deep.equal(['a 1', 'a 2', 'a 3', 'c 1', 'c 2', 'c 3', 'b 1', 'b 2', 'b 3', 'stop b']);
    expect(done.settled).to.equal(false);

    await scheduler.advanceBy(10);
    await done.promise;

    expect(log).to.deep.equal([
      'a 1', 'a 2', 'a 3',
      'c 1', 'c 2', 'c 3',
      'b 1', 'b 2', 'b 3', 'stop b',
      'd 1', 'd 2', 'd 3', 'stop d',
      'stop c',
      'stop inner',
      'stop a',
      'stop app',
    ]);
  });

  it('awaits each async afterStop before it stops the next child', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    function slowToStop(name: string) {
      class SlowToStop {
        async afterStop() {
          log.push(`stopping ${name}`);
          await after(scheduler, 5);
          log.push(`stopped ${name}`);
        }
      }
      return SlowToStop;
    }
    @Supervisor()
    class App {
      @Child(slowToStop('a')) a!: ActorRef;
      @Child(slowToStop('b')) b!: ActorRef;
    }
    const system = await ActorSystem.start(App, { scheduler });

    const done = tracked(system.shutdown());
    await scheduler.advanceBy(5);
    expect(log).to.deep.equal(['stopping b', 'stopped b', 'stopping a']);

    await scheduler.advanceBy(5);
    await done.promise;
    expect(log).to.deep.equal(['stopping b', 'stopped b', 'stopping a', 'stopped a']);
  });

  it('stops spawned actors, which started last, first', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    class Static {
      afterStop() {
        log.push('stop static');
      }
    }
    class Dynamic {
      afterStop() {
        log.push('stop spawned');
      }
    }
    @Supervisor()
    class App {
      @Child(Static) base!: ActorRef;
      afterStop() {
        log.push('stop app');
      }
    }
    const system = await ActorSystem.start(App, { scheduler });
    system.spawn(Dynamic, { name: 'dynamic' });
    await settle();

    await system.shutdown();

    expect(log).to.deep.equal(['stop spawned', 'stop static', 'stop app']);
  });

  it('bounds a child whose handler never settles by its shutdownTimeoutMs, then dead-letters its queue', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    class Hang {}
    class Stuck {
      @On(Hang) hang() {
        return new Promise<never>(() => undefined);
      }
      @On(Job) job(job: Job) {
        log.push(`stuck ${job.n}`);
        return job.n;
      }
    }
    class Other {
      afterStop() {
        log.push('stop other');
      }
    }
    @Supervisor()
    class App {
      @Child(Other) other!: ActorRef;
      @Child(Stuck, { shutdownTimeoutMs: 100 }) stuck!: ActorRef;
    }
    const system = await ActorSystem.start(App, { scheduler });
    const stuck = system.lookup('/app/stuck')!;
    const hung = rejectionOf(stuck.ask(new Hang()));
    await settle();
    stuck.tell(new Job(1));
    stuck.tell(new Job(2));
    const queuedAsk = rejectionOf(stuck.ask(new Job(3)));
    const deadLetters = record(system.deadLetters$);

    const done = tracked(system.shutdown());
    await scheduler.advanceBy(99);

    expect(done.settled).to.equal(false);
    expect(log).to.deep.equal([]);
    expect(deadLetters).to.deep.equal([]);

    await scheduler.advanceBy(1);
    await done.promise;

    expect(log.filter((line) => line.startsWith('stuck'))).to.deep.equal([]);
    expect(log).to.include('stop other');
    const jobs = deadLetters.filter((d) => d.message instanceof Job);
    expect(jobs.map((d) => ({ n: (d.message as Job).n, reason: d.reason, path: d.path, time: d.time }))).to.deep.equal([
      { n: 1, reason: 'stopped', path: '/app/stuck', time: 100 },
      { n: 2, reason: 'stopped', path: '/app/stuck', time: 100 },
      { n: 3, reason: 'stopped', path: '/app/stuck', time: 100 },
    ]);
    expect(await hung).to.be.instanceOf(ActorStoppedError);
    expect(await queuedAsk).to.be.instanceOf(ActorStoppedError);
  });
});
