import { expect } from 'chai';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, ChildOptions, Context, SupervisorOptions } from '../../lib';
import { settle } from '../../lib/testing';
import { killLeftovers, probe, refAt, shutdown, startSystem } from './helpers';

class Watch {
  constructor(readonly ref: ActorRef) {}
}

/**
 * `/app` (the given options) > watcher (logs each Terminated) and `/app/sub` (maxRestarts 0
 * unless told) > target (a probe with the given child options) and peer.
 */
async function startWatched(targetOptions: ChildOptions, options: { app?: SupervisorOptions; sub?: SupervisorOptions } = {}) {
  const terminated: string[] = [];
  const log: string[] = [];
  class Watcher {
    @On(Watch)
    watch(msg: Watch, ctx: Context): void {
      ctx.watch(msg.ref);
    }

    @On(Terminated)
    terminated(msg: Terminated): void {
      terminated.push(msg.ref.path);
    }
  }
  @Supervisor({ maxRestarts: Infinity, ...options.sub })
  class Sub {
    @Child(probe('target', log), targetOptions) target!: ActorRef;
    @Child(probe('peer', log)) peer!: ActorRef;
  }
  @Supervisor({ maxRestarts: Infinity, ...options.app })
  class App {
    @Child(Watcher) watcher!: ActorRef;
    @Child(Sub) sub!: ActorRef;
  }
  const h = await startSystem(App);
  const watcher = refAt(h.system, '/app/watcher');
  const target = refAt(h.system, '/app/sub/target');
  const peer = refAt(h.system, '/app/sub/peer');
  return { h, watcher, target, peer, terminated, log };
}

describe('death watch (ctx.watch) and supervision', () => {
  afterEach(killLeftovers);

  it('delivers Terminated once when a watched temporary child fails and is not restarted', async () => {
    const { h, watcher, target, terminated } = await startWatched({ restart: 'temporary' });
    watcher.tell(new Watch(target));
    await settle();

    target.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/sub/target']);
    await shutdown(h);
  });

  it("delivers Terminated once when the watched child's tries run out", async () => {
    const { h, watcher, target, terminated } = await startWatched({ tries: 1 });
    watcher.tell(new Watch(target));
    await settle();

    target.tell('fail');
    await h.scheduler.advanceBy(0);
    expect(terminated, 'a restart is not a termination').to.deep.equal([]);
    target.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/sub/target']);
    await shutdown(h);
  });

  it('delivers Terminated once for a target that was already dead when watched', async () => {
    const { h, watcher, target, terminated } = await startWatched({ tries: 0 });

    target.tell('fail'); // tries: 0, so it stops for good at once
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);
    expect(h.system.lookup('/app/sub/target')).to.equal(undefined);

    watcher.tell(new Watch(target));
    watcher.tell(new Watch(target));
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/sub/target']);
    await shutdown(h);
  });

  it('delivers nothing while the watched child is only stopped and restarted as a bystander', async () => {
    const { h, watcher, target, peer, terminated } = await startWatched({}, { sub: { strategy: 'one-for-all', maxRestarts: Infinity } });
    watcher.tell(new Watch(target));
    await settle();

    peer.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(await target.ask('who')).to.equal('target#2 restarts 1');
    expect(terminated).to.deep.equal([]);
    await shutdown(h);
  });

  it('delivers nothing while the watched child is restarted with its whole subtree after an escalation', async () => {
    const { h, watcher, target, peer, terminated } = await startWatched({}, { sub: { maxRestarts: 0 } });
    watcher.tell(new Watch(target));
    await settle();

    peer.tell('fail'); // /app/sub gives up; /app restarts it with a fresh subtree
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(h.events.some((e) => e.type === 'escalated' && e.path === '/app/sub')).to.equal(true);
    expect(await target.ask('who')).to.match(/^target#2 /);
    expect(terminated).to.deep.equal([]);

    await target.stop(); // the watch still holds after the subtree restart
    await h.scheduler.advanceBy(100);
    expect(terminated).to.deep.equal(['/app/sub/target']);
    await shutdown(h);
  });

  it("delivers Terminated for a spawned child that its parent's restart stopped", async () => {
    const terminated: string[] = [];
    class Kid {
      @On(String)
      echo(msg: string): string {
        return msg;
      }
    }
    class Parent {
      @On(String)
      handle(msg: string, ctx: Context): ActorRef {
        if (msg === 'fail') throw new Error('parent failed');
        return ctx.spawn(Kid, { name: msg });
      }
    }
    class Watcher {
      @On(Watch)
      watch(msg: Watch, ctx: Context): void {
        ctx.watch(msg.ref);
      }

      @On(Terminated)
      terminated(msg: Terminated): void {
        terminated.push(msg.ref.path);
      }
    }
    @Supervisor()
    class App {
      @Child(Parent) parent!: ActorRef;
      @Child(Watcher) watcher!: ActorRef;
    }
    const h = await startSystem(App);
    const parent = refAt(h.system, '/app/parent');
    const kid = await parent.ask<ActorRef>('kid');
    refAt(h.system, '/app/watcher').tell(new Watch(kid));
    await settle();

    parent.tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(1000);

    expect(terminated).to.deep.equal(['/app/parent/kid']);
    await shutdown(h);
  });
});
