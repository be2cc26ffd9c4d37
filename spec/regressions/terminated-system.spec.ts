/**
 * A terminated system starts nothing: `group.resize(n)` during or after `shutdown()` (or after
 * `kill()`) brings no member back, `system.spawn` throws, and nothing answers any more.
 */
import { expect } from 'chai';
import { ActorStoppedError, Child, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { advanceUntil, deferred, ended, killLeftovers, probe, recordingLogger, Slow, startSystem, track, type Harness } from './helpers';

async function startGroup(): Promise<{ h: Harness; group: GroupRef }> {
  @Supervisor()
  class App {
    @Child(probe('w', []), { redundancy: 2 }) workers!: GroupRef;
  }
  const h = await startSystem(App);
  return { h, group: h.system.lookup('/app/workers') as GroupRef };
}

/** Nothing is alive at `/app/workers/0..n`: lookup finds nothing, asks reject with ActorStoppedError. */
async function expectNothingAnswers(h: Harness, refs: readonly ActorRef[], n = 4): Promise<void> {
  for (let i = 0; i < n; i++) expect(h.system.lookup(`/app/workers/${i}`), `lookup('/app/workers/${i}')`).to.equal(undefined);
  for (const ref of refs) {
    const answer = track(ref.ask('who', { timeoutMs: 60_000 }));
    await h.scheduler.advanceBy(0);
    expect(answer.error, `ask to ${ref.path}`).to.be.instanceOf(ActorStoppedError);
  }
}

function startedAfter(h: Harness, time: number): string[] {
  return h.events.filter((e) => (e.type === 'started' || e.type === 'restarted') && e.time >= time).map((e) => `${e.type} ${e.path}`);
}

describe('regressions: a terminated system starts nothing', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('starts no member when group.resize(n) is called after shutdown()', async () => {
    const { h, group } = await startGroup();
    const refs = group.members;
    const done = track(h.system.shutdown());
    await advanceUntil(h.scheduler, done, 1000, 10);
    ended(h);
    const before = h.events.length;
    const resized = track(group.resize(4));
    await h.scheduler.advanceBy(100);
    expect(resized.settled, 'resize() settled').to.equal(true);
    expect(h.events.slice(before).filter((e) => e.type === 'started').map((e) => e.path)).to.deep.equal([]);
    expect(group.size).to.equal(0);
    await expectNothingAnswers(h, [...refs, ...group.members]);
  });

  it('starts no member when group.resize(n) is called after kill()', async () => {
    const { h, group } = await startGroup();
    const refs = group.members;
    h.system.kill();
    ended(h);
    await h.scheduler.advanceBy(0);
    const before = h.events.length;
    const resized = track(group.resize(3));
    await h.scheduler.advanceBy(100);
    expect(resized.settled, 'resize() settled').to.equal(true);
    expect(h.events.slice(before).filter((e) => e.type === 'started').map((e) => e.path)).to.deep.equal([]);
    await expectNothingAnswers(h, [...refs, ...group.members]);
  });

  it('leaves nothing running when group.resize(n) is called during shutdown()', async () => {
    const { h, group } = await startGroup();
    const gate = deferred();
    group.members[0].tell(new Slow('job', gate.promise)); // keeps the shutdown going for a while
    await h.scheduler.advanceBy(0);
    const done = track(h.system.shutdown());
    await h.scheduler.advanceBy(0);
    const resized = track(group.resize(4));
    await h.scheduler.advanceBy(10);
    gate.resolve();
    await advanceUntil(h.scheduler, () => done.settled && resized.settled, 1000, 20);
    ended(h);
    expect(done.settled, 'shutdown() settled').to.equal(true);
    const terminatedAt = h.events.find((e) => e.type === 'stopped' && e.path === '/app')?.time ?? -1;
    expect(terminatedAt).to.be.at.least(0);
    expect(startedAfter(h, terminatedAt)).to.deep.equal([]);
    await h.scheduler.advanceBy(1000);
    await expectNothingAnswers(h, group.members);
    expect(h.system.tree().children.flatMap((node) => node.children)).to.deep.equal([]);
  });

  it('throws from system.spawn after shutdown (guard)', async () => {
    const { h } = await startGroup();
    const done = track(h.system.shutdown());
    await advanceUntil(h.scheduler, done, 1000, 10);
    ended(h);
    expect(() => h.system.spawn(probe('late', []))).to.throw(ActorStoppedError);
  });

  it('lets nothing answer after shutdown when a shrink raced a supervisor restart (guard)', async () => {
    const scheduler = new VirtualScheduler();
    class Member extends probe('w', []) {
      override beforeStart(): Promise<void> {
        return new Promise((resolve) => scheduler.schedule(() => resolve(), 100));
      }
    }
    @Supervisor({ maxRestarts: 5 })
    class App {
      @Child(Member, { redundancy: 3 }) workers!: GroupRef;

      @On(String)
      fail(): void {
        throw new Error('the root fails');
      }
    }
    const starting = track(startSystem(App, { logger: recordingLogger() }, scheduler));
    await advanceUntil(scheduler, starting, 100, 10);
    const h = starting.value!;
    const group = h.system.lookup('/app/workers') as GroupRef;
    const seen = new Set(group.members);
    const gate = deferred();
    group.members[1].tell(new Slow('job', gate.promise));
    await scheduler.advanceBy(0);
    const shrink = track(group.resize(1));
    await scheduler.advanceBy(0);
    h.system.root.tell('fail');
    await scheduler.advanceBy(50);
    gate.resolve();
    for (let i = 0; i < 40; i++) {
      await scheduler.advanceBy(10);
      for (const member of group.members) seen.add(member);
    }
    expect(shrink.settled, 'the shrink settled').to.equal(true);
    const done = track(h.system.shutdown());
    await advanceUntil(scheduler, done, 1000, 20);
    ended(h);
    expect(done.settled, 'shutdown() settled').to.equal(true);
    await expectNothingAnswers(h, [...seen]);
  });
});
