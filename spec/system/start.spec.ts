import { expect } from 'chai';
import { ActorSystem, Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { gate, tracked } from './helpers';

describe('ActorSystem.start: order', () => {
  it('starts children one after another, in declaration order, awaiting each async beforeStart', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const firstReady = gate();

    class First {
      constructor() {
        log.push('construct first');
      }
      async beforeStart() {
        log.push('beforeStart first');
        await firstReady.promise;
        log.push('started first');
      }
    }
    class Second {
      constructor() {
        log.push('construct second');
      }
      async beforeStart() {
        log.push('beforeStart second');
        await settle(1);
        log.push('started second');
      }
    }
    @Supervisor()
    class App {
      @Child(First) first!: ActorRef;
      @Child(Second) second!: ActorRef;
      constructor() {
        log.push('construct app');
      }
      beforeStart() {
        log.push('beforeStart app');
      }
    }

    const starting = tracked(ActorSystem.start(App, { scheduler }));
    await settle();
    await scheduler.advanceBy(0);

    expect(log).to.deep.equal(['construct app', 'beforeStart app', 'construct first', 'beforeStart first']);
    expect(starting.settled, 'start resolved before the first child finished beforeStart').to.equal(false);

    firstReady.open();
    const system = await starting.promise;

    expect(log).to.deep.equal([
      'construct app',
      'beforeStart app',
      'construct first',
      'beforeStart first',
      'started first',
      'construct second',
      'beforeStart second',
      'started second',
    ]);
    await system.shutdown();
  });

  it('resolves only after a nested supervisor has started all of its children', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];

    class Leaf {
      async beforeStart() {
        await settle(1);
        log.push('leaf started');
      }
    }
    @Supervisor()
    class Inner {
      @Child(Leaf) leaf!: ActorRef;
    }
    class Last {
      beforeStart() {
        log.push('last started');
      }
    }
    @Supervisor()
    class App {
      @Child(Inner) inner!: ActorRef;
      @Child(Last) last!: ActorRef;
    }

    const system = await ActorSystem.start(App, { scheduler });

    expect(log).to.deep.equal(['leaf started', 'last started']);
    await system.shutdown();
  });
});
