import { expect } from 'chai';
import { ActorSystem, Child, StartError, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { rejectionOf } from './helpers';

describe('ActorSystem.start: a child that fails to start', () => {
  function loggingActor(log: string[], name: string) {
    return class {
      beforeStart() {
        log.push(`start ${name}`);
      }
      afterStop() {
        log.push(`stop ${name}`);
      }
    };
  }

  it('rejects with StartError when a constructor throws, stops the started siblings in reverse order, and does not retry', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const boom = new Error('cannot open the ledger');
    const A = loggingActor(log, 'a');
    const B = loggingActor(log, 'b');
    class Broken {
      constructor() {
        log.push('construct broken');
        throw boom;
      }
    }
    class Never {
      constructor() {
        log.push('construct never');
      }
    }
    @Supervisor()
    class App {
      @Child(A) a!: ActorRef;
      @Child(B) b!: ActorRef;
      @Child(Broken) broken!: ActorRef;
      @Child(Never) never!: ActorRef;
    }

    const error = await rejectionOf(ActorSystem.start(App, { scheduler }));
    await scheduler.advanceBy(60_000);

    expect(error).to.be.instanceOf(StartError);
    expect(error.code).to.equal('START_FAILED');
    expect(error.path).to.equal('/app/broken');
    expect(error.cause).to.equal(boom);
    expect(error.message).to.include('/app/broken');
    expect(error.message).to.include('cannot open the ledger');
    expect(log).to.deep.equal(['start a', 'start b', 'construct broken', 'stop b', 'stop a']);
  });

  it('rejects with StartError when beforeStart throws synchronously', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const boom = new Error('no config');
    const A = loggingActor(log, 'a');
    class Broken {
      beforeStart() {
        log.push('beforeStart broken');
        throw boom;
      }
      afterStop() {
        log.push('stop broken');
      }
    }
    @Supervisor()
    class App {
      @Child(A) a!: ActorRef;
      @Child(Broken) broken!: ActorRef;
    }

    const error = await rejectionOf(ActorSystem.start(App, { scheduler }));
    await scheduler.advanceBy(60_000);

    expect(error).to.be.instanceOf(StartError);
    expect(error.path).to.equal('/app/broken');
    expect(error.cause).to.equal(boom);
    expect(error.message).to.include('/app/broken').and.to.include('no config');
    expect(log.filter((line) => line !== 'stop broken')).to.deep.equal(['start a', 'beforeStart broken', 'stop a']);
  });

  it('rejects with StartError when an async beforeStart rejects, and does not retry it', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const boom = new Error('database unreachable');
    const A = loggingActor(log, 'a');
    const B = loggingActor(log, 'b');
    let attempts = 0;
    class Broken {
      async beforeStart() {
        attempts++;
        await settle(1);
        throw boom;
      }
    }
    @Supervisor()
    class App {
      @Child(A) a!: ActorRef;
      @Child(B) b!: ActorRef;
      @Child(Broken) broken!: ActorRef;
    }

    const error = await rejectionOf(ActorSystem.start(App, { scheduler }));
    await scheduler.advanceBy(60_000);

    expect(error).to.be.instanceOf(StartError);
    expect(error.path).to.equal('/app/broken');
    expect(error.cause).to.equal(boom);
    expect(error.message).to.include('/app/broken').and.to.include('database unreachable');
    expect(attempts).to.equal(1);
    expect(log).to.deep.equal(['start a', 'start b', 'stop b', 'stop a']);
  });

  it('names the nested path of a failing grandchild, and stops what started before it in reverse order', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    const boom = new Error('bad shard');
    const First = loggingActor(log, 'first');
    const Early = loggingActor(log, 'early');
    class Broken {
      beforeStart() {
        throw boom;
      }
    }
    @Supervisor()
    class Shards {
      @Child(Early) early!: ActorRef;
      @Child(Broken) broken!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(First) first!: ActorRef;
      @Child(Shards) shards!: ActorRef;
    }

    const error = await rejectionOf(ActorSystem.start(App, { scheduler }));

    expect(error).to.be.instanceOf(StartError);
    expect(error.path).to.equal('/app/shards/broken');
    expect(error.cause).to.equal(boom);
    expect(error.message).to.include('/app/shards/broken').and.to.include('bad shard');
    expect(log).to.deep.equal(['start first', 'start early', 'stop early', 'stop first']);
  });
});
