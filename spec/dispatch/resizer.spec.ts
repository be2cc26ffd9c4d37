import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { Context, GroupRef, ResizeOptions } from '../../lib';
import {
  Slow,
  deferred,
  eventLog,
  eventsOf,
  gotBy,
  groupAt,
  killLeftovers,
  member,
  memberPaths,
  pathsOf,
  shutdown,
  startSystem,
  track,
  until,
  type Harness,
} from './helpers';

const W = '/app/workers';
const RESIZE: ResizeOptions = { min: 1, max: 6, mailboxThreshold: 2, upscaleRate: 0.5, downscaleRate: 0.5, intervalMs: 1000 };

/** `/app` with a group of `n` logging members at `/app/workers`, resized by `resize` (if given). */
async function startGroup(n: number, resize?: ResizeOptions) {
  const log: string[] = [];
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(member(log), { redundancy: n, ...(resize ? { resize } : {}) }) workers!: GroupRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, log, group: groupAt(h.system, W) };
}

/** `[from, to, reason, time]` of each `resized` event. */
const resizes = (h: Harness) =>
  eventsOf(h, 'resized').map((e) => {
    const { from, to } = e.message as { from: number; to: number };
    expect(e.path).to.equal(W);
    return [from, to, e.reason, e.time];
  });

describe('the resizer', () => {
  afterEach(killLeftovers);

  it('grows by ceil(size * upscaleRate) at each interval while the average mailbox exceeds the threshold, up to max', async () => {
    const { h, group } = await startGroup(2, RESIZE);
    const gate = deferred();
    for (const m of group.members) {
      m.tell(new Slow('busy', gate.promise));
      for (let i = 0; i < 6; i++) m.tell(`q${i}`);
    }
    await h.scheduler.advanceBy(999);
    expect(group.size, 'nothing before the first interval').to.equal(2);

    await h.scheduler.advanceBy(1); // average 6 > 2: 2 + ceil(1) = 3
    expect(group.size).to.equal(3);
    expect(eventLog(h, ['started'])).to.deep.equal([`started ${W}/2`]);

    await h.scheduler.advanceBy(1000); // average 4 > 2: 3 + ceil(1.5) = 5
    expect(group.size).to.equal(5);
    await h.scheduler.advanceBy(1000); // average 2.4 > 2: 5 + ceil(2.5) = 8, capped at 6
    expect(group.size).to.equal(6);
    await h.scheduler.advanceBy(1000); // average 2: not above the threshold
    expect(group.size).to.equal(6);

    expect(memberPaths(group)).to.deep.equal(pathsOf(W, 6));
    expect(resizes(h)).to.deep.equal([
      [2, 3, 'upscale', 1000],
      [3, 5, 'upscale', 2000],
      [5, 6, 'upscale', 3000],
    ]);
    expect(await Promise.all(group.members.slice(2).map((m) => m.ask('who')))).to.deep.equal(
      pathsOf(W, 6).slice(2).map((p) => `${p} restarts 0`),
    );
    gate.resolve();
    await shutdown(h);
  });

  it('shrinks idle members by ceil(size * downscaleRate), the highest indices first, down to min', async () => {
    const { h, log, group } = await startGroup(4, RESIZE);

    await h.scheduler.advanceBy(1000); // 4 - ceil(2) = 2
    expect(group.size).to.equal(2);
    expect(log).to.deep.equal([`stop ${W}/3`, `stop ${W}/2`]);
    expect(eventLog(h, ['stopped'])).to.deep.equal([`stopped ${W}/3`, `stopped ${W}/2`]);

    await h.scheduler.advanceBy(1000); // 2 - ceil(1) = 1
    await h.scheduler.advanceBy(1000); // min 1
    await h.scheduler.advanceBy(1000);
    expect(group.size).to.equal(1);
    expect(memberPaths(group)).to.deep.equal([`${W}/0`]);
    expect(h.system.lookup(`${W}/1`)).to.equal(undefined);
    expect(resizes(h)).to.deep.equal([
      [4, 2, 'downscale', 1000],
      [2, 1, 'downscale', 2000],
    ]);
    await shutdown(h);
  });

  it('does not shrink while any member is busy or has something queued', async () => {
    const { h, group } = await startGroup(4, RESIZE);
    const gate = deferred();
    group.members[3].tell(new Slow('busy', gate.promise));

    await h.scheduler.advanceBy(3000);
    expect(group.size).to.equal(4);
    expect(resizes(h)).to.deep.equal([]);

    gate.resolve();
    await h.scheduler.advanceBy(1000);
    expect(group.size).to.equal(2);
    await shutdown(h);
  });

  it('stops shrinking members gracefully: messages sent during a shrink are all handled, none is lost', async () => {
    const log: string[] = [];
    const stopGate = deferred();
    class Lingering {
      @On(String) handle(message: string, ctx: Context): void {
        log.push(`${ctx.path} got ${message}`);
      }

      async afterStop(ctx: Context): Promise<void> {
        if (ctx.path === `${W}/2`) await stopGate.promise;
        log.push(`stop ${ctx.path}`);
      }
    }
    @Supervisor()
    class App {
      @Child(Lingering, { redundancy: 3, resize: RESIZE }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const group = groupAt(h.system, W);

    await h.scheduler.advanceBy(1000); // 3 - ceil(1.5) = 1: stops /2, then /1
    const sent = Array.from({ length: 9 }, (_, i) => `m${i}`);
    sent.forEach((m) => group.tell(m));
    await h.scheduler.advanceBy(0);
    stopGate.resolve();
    for (let i = 0; i < 5; i++) await h.scheduler.advanceBy(0);

    const handled = pathsOf(W, 3).flatMap((p) => gotBy(log, p));
    expect([...handled].sort()).to.deep.equal(sent);
    expect(h.deadLetters).to.deep.equal([]);
    expect(group.size).to.equal(1);
    expect(log.filter((e) => e.startsWith('stop '))).to.deep.equal([`stop ${W}/2`, `stop ${W}/1`]);
    await shutdown(h);
  });

  it('group.resize(n) grows by hand, and resolves once the new members have started', async () => {
    const { h, log, group } = await startGroup(2);
    const grown = track(group.resize(5));
    await until(h, grown);

    expect(grown.error).to.equal(undefined);
    expect(group.size).to.equal(5);
    expect(memberPaths(group)).to.deep.equal(pathsOf(W, 5));
    expect(log).to.deep.equal([`start ${W}/2`, `start ${W}/3`, `start ${W}/4`]);
    expect(resizes(h)).to.deep.equal([[2, 5, 'manual', 0]]);
    group.broadcast('hi');
    await h.scheduler.advanceBy(0);
    expect(pathsOf(W, 5).map((p) => gotBy(log, p))).to.deep.equal(pathsOf(W, 5).map(() => ['hi']));
    await shutdown(h);
  });

  it('group.resize(n) shrinks by hand, highest first, draining each queue, and resolves when the last has stopped', async () => {
    const { h, log, group } = await startGroup(5);
    const gate = deferred();
    const last = group.members[4];
    last.tell(new Slow('job', gate.promise));
    last.tell('queued');
    await h.scheduler.advanceBy(0);

    const shrunk = track(group.resize(2));
    await h.scheduler.advanceBy(0);
    expect(shrunk.settled, 'not done while /4 still works').to.equal(false);

    gate.resolve();
    await until(h, shrunk);
    expect(shrunk.error).to.equal(undefined);
    expect(group.size).to.equal(2);
    expect(memberPaths(group)).to.deep.equal(pathsOf(W, 2));
    expect(log).to.deep.equal([
      `${W}/4 begin job`,
      `${W}/4 end job`,
      `${W}/4 got queued`,
      `stop ${W}/4`,
      `stop ${W}/3`,
      `stop ${W}/2`,
    ]);
    expect(h.deadLetters).to.deep.equal([]);
    expect(resizes(h)).to.deep.equal([[5, 2, 'manual', 0]]);
    await shutdown(h);
  });
});
