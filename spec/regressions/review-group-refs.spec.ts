/**
 * A group is the process behind its GroupRef. A supervisor that is rebuilt brings its group
 * back (lookup finds it, resize works); a GroupRef kept after its group stopped for good
 * stays a dead-letter sink, even when a new group takes the same path.
 */
import { expect } from 'chai';
import { ActorStoppedError, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context, GroupRef } from '../../lib';
import { advanceUntil, killLeftovers, shutdown, startSystem, track } from './helpers';

class Worker {
  @On(String)
  handle(_msg: string, ctx: Context): string {
    return ctx.path;
  }
}

@Supervisor()
class Pool {
  @Child(Worker, { redundancy: 2 }) workers!: GroupRef;
}

describe('regressions (review): groups behind their refs', function () {
  this.timeout(4000);
  afterEach(killLeftovers);

  it('finds the group with lookup() and resizes it after a restart rebuilt its supervisor, which had been stopped with ref.stop()', async () => {
    @Supervisor()
    class App {
      @Child(Pool) pool!: ActorRef;
      @On(String)
      handle(msg: string): void {
        if (msg === 'fail') throw new Error('the root fails');
      }
    }
    const h = await startSystem(App);
    await h.system.lookupActor('/app/pool')!.stop();
    h.system.root.tell('fail'); // the root restarts: its subtree starts fresh, /app/pool included
    await advanceUntil(h.scheduler, () => h.system.lookup('/app/pool/workers/1') !== undefined, 10, 20);
    expect(h.system.lookup('/app/pool'), 'the rebuilt supervisor').to.not.equal(undefined);
    const group = h.system.lookupGroup('/app/pool/workers');
    expect(group, "lookup('/app/pool/workers') after the rebuild").to.not.equal(undefined);
    const resized = track(group!.resize(3));
    await advanceUntil(h.scheduler, resized, 10, 20);
    expect(resized.error, 'resize(3) of the rebuilt group').to.equal(undefined);
    expect(group!.size).to.equal(3);
    await shutdown(h);
  });

  // DESIGN (Supervision): "Refs held elsewhere still work as dead-letter sinks", even when a
  // new group later takes the same path: a stale ref never reaches, resizes or stops it.
  it('keeps a GroupRef of a group whose supervisor stopped for good a dead-letter sink, also when a new group takes its path', async () => {
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    h.system.spawn(Pool, { name: 'pool' });
    await h.scheduler.advanceBy(0);
    const kept = h.system.lookupGroup('/app/pool/workers')!;
    await h.system.lookupActor('/app/pool')!.stop();
    h.system.spawn(Pool, { name: 'pool' }); // the same path, the same address
    await h.scheduler.advanceBy(0);
    const fresh = h.system.lookupGroup('/app/pool/workers')!;
    expect(kept.address, 'equal as addresses').to.equal(fresh.address);
    expect(kept.size, 'size through the kept ref').to.equal(0);
    expect(kept.members, 'members through the kept ref').to.deep.equal([]);
    const resized = track(kept.resize(3));
    await advanceUntil(h.scheduler, resized, 10, 20);
    expect(resized.error, 'resize(3) through the kept ref').to.be.instanceOf(ActorStoppedError);
    const before = h.deadLetters.length;
    kept.tell('lost?');
    await h.scheduler.advanceBy(0);
    expect(h.deadLetters.slice(before).map((d) => [d.reason, d.path, d.message])).to.deep.equal([['stopped', '/app/pool/workers', 'lost?']]);
    expect(fresh.size, 'the new group is untouched').to.equal(2);
    await shutdown(h);
  });
});
