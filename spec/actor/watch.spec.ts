import { expect } from 'chai';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { killLeftovers, refAt, shutdown, startSystem } from './helpers';

class Watch {
  constructor(readonly ref: ActorRef) {}
}

class Unwatch {
  constructor(readonly ref: ActorRef) {}
}

/** Starts /app/watcher (which logs every Terminated it gets) and /app/target. */
async function startWatching(options: { targetRestart?: 'permanent' | 'transient' } = {}) {
  const terminated: string[] = [];
  class Watcher {
    @On(Watch)
    watch(msg: Watch, ctx: Context): void {
      ctx.watch(msg.ref);
    }

    @On(Unwatch)
    unwatch(msg: Unwatch, ctx: Context): void {
      ctx.unwatch(msg.ref);
    }

    @On(Terminated)
    terminated(msg: Terminated): void {
      terminated.push(msg.ref.path);
    }
  }
  class Target {
    @On(String)
    handle(msg: string, ctx: Context): void {
      if (msg === 'fail') throw new Error('boom');
      if (msg === 'quit') ctx.stop();
    }
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Watcher) watcher!: ActorRef;
    @Child(Target, { restart: options.targetRestart ?? 'permanent' }) target!: ActorRef;
  }
  const h = await startSystem(App);
  const watcher = refAt(h.system, '/app/watcher');
  const target = refAt(h.system, '/app/target');
  return { h, watcher, target, terminated };
}

describe('Context.watch / unwatch', () => {
  afterEach(killLeftovers);

  for (const how of ['stop', 'kill'] as const) {
    it(`delivers Terminated exactly once when the watched ref is ended by ref.${how}()`, async () => {
      const { h, watcher, target, terminated } = await startWatching();

      watcher.tell(new Watch(target));
      await settle();
      expect(terminated).to.deep.equal([]);

      if (how === 'stop') await target.stop();
      else target.kill();
      await h.scheduler.advanceBy(1000);

      expect(terminated).to.deep.equal(['/app/target']);
      await shutdown(h);
    });
  }

  it('delivers Terminated once when watching a ref that has already stopped', async () => {
    const { h, watcher, target, terminated } = await startWatching();

    await target.stop();
    watcher.tell(new Watch(target));
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/target']);
    await shutdown(h);
  });

  it('delivers Terminated once even when the same ref is watched twice', async () => {
    const { h, watcher, target, terminated } = await startWatching();

    watcher.tell(new Watch(target));
    watcher.tell(new Watch(target));
    await settle();
    await target.stop();
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/target']);
    await shutdown(h);
  });

  it('delivers nothing after unwatch', async () => {
    const { h, watcher, target, terminated } = await startWatching();

    watcher.tell(new Watch(target));
    watcher.tell(new Unwatch(target));
    await settle();
    await target.stop();
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal([]);
    await shutdown(h);
  });

  it('delivers nothing while the watched actor only restarts after a failure', async () => {
    const { h, watcher, target, terminated } = await startWatching();

    watcher.tell(new Watch(target));
    await settle();
    target.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);
    expect(h.events.filter((event) => event.type === 'restarted')).to.have.length(1);
    expect(terminated).to.deep.equal([]);

    await target.stop();
    await settle();
    expect(terminated).to.deep.equal(['/app/target']);
    await shutdown(h);
  });

  it('delivers Terminated when a transient watched actor exits normally with ctx.stop()', async () => {
    const { h, watcher, target, terminated } = await startWatching({ targetRestart: 'transient' });

    watcher.tell(new Watch(target));
    await settle();
    target.tell('quit');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/target']);
    await shutdown(h);
  });

  it('delivers Terminated for a spawned child that the watcher stops', async () => {
    const terminated: string[] = [];
    class Kid {}
    class Parent {
      private kid?: ActorRef;

      @On(String)
      handle(msg: string, ctx: Context): void {
        if (msg === 'spawn') {
          this.kid = ctx.spawn(Kid, { name: 'kid' });
          ctx.watch(this.kid);
        } else if (msg === 'stop kid') {
          void this.kid?.stop();
        }
      }

      @On(Terminated)
      terminated(msg: Terminated): void {
        terminated.push(msg.ref.path);
      }
    }
    @Supervisor()
    class App {
      @Child(Parent) parent!: ActorRef;
    }
    const h = await startSystem(App);
    const parent = refAt(h.system, '/app/parent');

    parent.tell('spawn');
    parent.tell('stop kid');
    await h.scheduler.advanceBy(100);

    expect(terminated).to.deep.equal(['/app/parent/kid']);
    await shutdown(h);
  });
});
