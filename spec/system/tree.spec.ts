import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { findNode, gate, shape } from './helpers';

describe('system.tree()', () => {
  class Job {
    constructor(readonly n: number) {}
  }
  class Boom {}

  it('describes every node: path, kind, restarts, mailboxSize and children in start order', async () => {
    class Leaf {}
    @Supervisor()
    class Inner {
      @Child(Leaf) c!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Leaf) a!: ActorRef;
      @Child(Inner) inner!: ActorRef;
    }
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });

    expect(shape(system.tree())).to.deep.equal({
      path: '/app',
      kind: 'supervisor',
      restarts: 0,
      mailboxSize: 0,
      children: [
        { path: '/app/a', kind: 'actor', restarts: 0, mailboxSize: 0, children: [] },
        {
          path: '/app/inner',
          kind: 'supervisor',
          restarts: 0,
          mailboxSize: 0,
          children: [{ path: '/app/inner/c', kind: 'actor', restarts: 0, mailboxSize: 0, children: [] }],
        },
      ],
    });
    await system.shutdown();
  });

  it('counts queued messages in mailboxSize, not the one in flight', async () => {
    const first = gate();
    const handled: number[] = [];
    class Slow {
      @On(Job) async job(job: Job) {
        if (job.n === 0) await first.promise;
        handled.push(job.n);
      }
    }
    @Supervisor()
    class App {
      @Child(Slow) slow!: ActorRef;
    }
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    const slow = system.lookup<Job>('/app/slow')!;

    slow.tell(new Job(0));
    await settle();
    slow.tell(new Job(1));
    slow.tell(new Job(2));
    slow.tell(new Job(3));

    expect(findNode(system.tree(), '/app/slow')?.mailboxSize).to.equal(3);
    expect(handled).to.deep.equal([]);

    first.open();
    await settle();

    expect(handled).to.deep.equal([0, 1, 2, 3]);
    expect(findNode(system.tree(), '/app/slow')?.mailboxSize).to.equal(0);
    await system.shutdown();
  });

  it('counts restarts after each failure and restart', async () => {
    class Fragile {
      @On(Boom) boom() {
        throw new Error('kaput');
      }
    }
    @Supervisor({ maxRestarts: 10 })
    class App {
      @Child(Fragile) fragile!: ActorRef;
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    const fragile = system.lookup('/app/fragile')!;

    fragile.tell(new Boom());
    await scheduler.advanceBy(0);
    expect(findNode(system.tree(), '/app/fragile')?.restarts).to.equal(1);

    fragile.tell(new Boom());
    await scheduler.advanceBy(0);
    expect(findNode(system.tree(), '/app/fragile')?.restarts).to.equal(2);
    expect(system.tree().restarts).to.equal(0);
    await system.shutdown();
  });

  it('shows spawned actors and is a snapshot, not a live view', async () => {
    @Supervisor()
    class App {}
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    const before = system.tree();

    system.spawn(class Extra {}, { name: 'extra' });

    expect(before.children).to.deep.equal([]);
    expect(shape(system.tree()).children).to.deep.equal([
      { path: '/app/extra', kind: 'actor', restarts: 0, mailboxSize: 0, children: [] },
    ]);
    await system.shutdown();
  });
});
