import { expect } from 'chai';
import { ActorStoppedError, Backoff, Child, Supervisor } from '../../lib';
import type { ActorRef, ChildOptions, GroupRef } from '../../lib';
import { Slow, deferred, gotBy, groupAt, killLeftovers, member, memberPaths, shutdown, startSystem, track } from './helpers';

const W = '/app/workers';

/** `/app` (never gives up) with a group of `n` logging members at `/app/workers`. */
async function startGroup(options: ChildOptions = {}, n = 3) {
  const log: string[] = [];
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(member(log), { redundancy: n, ...options }) workers!: GroupRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, log, group: groupAt(h.system, W) };
}

/** What each member handled, by index. */
const shares = (log: readonly string[], n = 3) => Array.from({ length: n }, (_, i) => gotBy(log, `${W}/${i}`));

/** Keeps every member busy with a `Slow` (told directly), so that what follows queues. */
async function occupy(h: { scheduler: { advanceBy(ms: number): Promise<void> } }, group: GroupRef) {
  const gate = deferred();
  group.members.forEach((m, i) => m.tell(new Slow(`busy${i}`, gate.promise)));
  await h.scheduler.advanceBy(0);
  return gate;
}

describe('routing', () => {
  afterEach(killLeftovers);

  describe('round-robin (the default)', () => {
    it('rotates tells exactly through the members, starting with member 0', async () => {
      const { h, log, group } = await startGroup();
      for (let i = 0; i < 7; i++) group.tell(`m${i}`);
      await h.scheduler.advanceBy(0);

      expect(shares(log)).to.deep.equal([
        ['m0', 'm3', 'm6'],
        ['m1', 'm4'],
        ['m2', 'm5'],
      ]);
      await shutdown(h);
    });

    it('routes asks too, in the same rotation as tells', async () => {
      const { h, group } = await startGroup({ dispatch: 'round-robin' });
      expect(await group.ask('who')).to.equal(`${W}/0 restarts 0`);
      group.tell('x');
      expect(await group.ask('who')).to.equal(`${W}/2 restarts 0`);
      expect(await group.ask('who')).to.equal(`${W}/0 restarts 0`);
      await shutdown(h);
    });
  });

  describe('random', () => {
    const realRandom = Math.random;
    afterEach(() => {
      Math.random = realRandom;
    });

    it('picks the member that Math.random points at', async () => {
      const { h, log, group } = await startGroup({ dispatch: 'random' });
      const draws = [0.1, 0.5, 0.9, 0.9, 0.5, 0.1, 0.5, 0.1, 0.9];
      let next = 0;
      Math.random = () => draws[next++ % draws.length];

      draws.forEach((_, i) => group.tell(`m${i}`));
      Math.random = realRandom;
      await h.scheduler.advanceBy(0);

      expect(shares(log).map((got) => got.length)).to.deep.equal([3, 3, 3]);
      expect(shares(log)[0]).to.deep.equal(['m0', 'm5', 'm7']);
      expect(shares(log)[2]).to.deep.equal(['m2', 'm3', 'm8']);
      await shutdown(h);
    });

    it('reaches every member over many messages, tells and asks alike', async () => {
      const { h, log, group } = await startGroup({ dispatch: 'random' });
      for (let i = 0; i < 150; i++) group.tell(`m${i}`);
      const replies = await Promise.all(Array.from({ length: 150 }, () => group.ask<string>('ping')));
      await h.scheduler.advanceBy(0);

      expect(shares(log).map((got) => got.filter((m) => m.startsWith('m')).length > 0)).to.deep.equal([true, true, true]);
      expect(new Set(replies)).to.deep.equal(new Set(memberPaths(group)));
      expect(shares(log).flat()).to.have.length(300);
      await shutdown(h);
    });
  });

  describe('least-loaded', () => {
    it('sends to the member with the smallest mailbox', async () => {
      const { h, log, group } = await startGroup({ dispatch: 'least-loaded' });
      const gate = await occupy(h, group);
      const [m0, , m2] = group.members;
      m0.tell('q0a');
      m0.tell('q0b');
      m2.tell('q2a');
      m2.tell('q2b'); // queued: [2, 0, 2]

      group.tell('x1'); // -> 1: [2, 1, 2]
      group.tell('x2'); // -> 1: [2, 2, 2]
      gate.resolve();
      await h.scheduler.advanceBy(0);

      expect(shares(log)).to.deep.equal([['q0a', 'q0b'], ['x1', 'x2'], ['q2a', 'q2b']]);
      await shutdown(h);
    });

    it('breaks ties by rotation: with every mailbox empty, successive messages rotate', async () => {
      const { h, log, group } = await startGroup({ dispatch: 'least-loaded' });
      for (let i = 0; i < 6; i++) {
        group.tell(`m${i}`);
        await h.scheduler.advanceBy(0);
      }
      expect(shares(log).map((got) => got.length)).to.deep.equal([2, 2, 2]);
      expect(new Set(shares(log).map((got) => got[0]))).to.deep.equal(new Set(['m0', 'm1', 'm2']));
      await shutdown(h);
    });

    it('routes asks by load as well', async () => {
      const { h, group } = await startGroup({ dispatch: 'least-loaded' });
      const gate = await occupy(h, group);
      group.members[0].tell('q');
      group.members[2].tell('q');
      const reply = track(group.ask<string>('where'));
      gate.resolve();
      await h.scheduler.advanceBy(0);
      expect(reply.value).to.equal(`${W}/1`);
      await shutdown(h);
    });
  });

  it('uses a custom dispatch function, which receives the message and the current members', async () => {
    const calls: Array<[unknown, string[]]> = [];
    const byLength = (message: string, members: readonly ActorRef[]) => {
      calls.push([message, members.map((m) => m.path)]);
      return members[message.length % members.length];
    };
    const { h, log, group } = await startGroup({ dispatch: byLength });
    group.tell('aaa'); // 3 % 3 -> 0
    group.tell('b'); // -> 1
    group.tell('cc'); // -> 2
    group.tell('dddd'); // -> 1
    expect(await group.ask('eeeee')).to.equal(`${W}/2`);
    await h.scheduler.advanceBy(0);

    expect(shares(log)).to.deep.equal([['aaa'], ['b', 'dddd'], ['cc', 'eeeee']]);
    expect(calls.map(([message]) => message)).to.deep.equal(['aaa', 'b', 'cc', 'dddd', 'eeeee']);
    expect(calls[0][1]).to.deep.equal(memberPaths(group));
    await shutdown(h);
  });

  it('broadcast reaches every live member exactly once', async () => {
    const { h, log, group } = await startGroup({}, 4);
    group.broadcast('hello');
    await h.scheduler.advanceBy(0);
    expect(shares(log, 4)).to.deep.equal([['hello'], ['hello'], ['hello'], ['hello']]);

    await group.members[2].stop();
    log.length = 0;
    group.broadcast('again');
    await h.scheduler.advanceBy(0);
    expect(shares(log, 4)).to.deep.equal([['again'], ['again'], [], ['again']]);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('gives a restarting member (in its backoff) its share and the broadcasts all the same; they queue and are handled after the restart', async () => {
    const { h, log, group } = await startGroup({ backoff: Backoff.linear({ stepMs: 100, maxMs: 100 }) });
    group.members[1].tell('fail');
    await h.scheduler.advanceBy(0);

    for (let i = 0; i < 6; i++) group.tell(`m${i}`);
    group.broadcast('all');
    await h.scheduler.advanceBy(50);
    expect(shares(log)).to.deep.equal([['m0', 'm3', 'all'], [], ['m2', 'm5', 'all']]);

    await h.scheduler.advanceBy(50);
    expect(shares(log)[1]).to.deep.equal(['m1', 'm4', 'all']);
    expect(h.deadLetters.map((d) => d.message)).to.deep.equal(['fail']);
    await shutdown(h);
  });

  it('takes a member stopped for good (ref.stop) out of the rotation', async () => {
    const { h, log, group } = await startGroup();
    await group.members[1].stop();
    expect(group.size).to.equal(2);
    expect(memberPaths(group)).to.deep.equal([`${W}/0`, `${W}/2`]);

    for (let i = 0; i < 6; i++) group.tell(`m${i}`);
    await h.scheduler.advanceBy(0);

    expect(shares(log)).to.deep.equal([['m0', 'm2', 'm4'], [], ['m1', 'm3', 'm5']]);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('with no live member left, a tell is a dead letter stopped at the group path and an ask rejects with ActorStoppedError', async () => {
    const { h, group } = await startGroup({}, 2);
    const [m0, m1] = group.members;
    m0.kill();
    await m1.stop();
    expect(group.size).to.equal(0);

    group.tell('lost');
    const asked = track(group.ask('lost too'));
    await h.scheduler.advanceBy(0);

    expect(asked.error).to.be.instanceOf(ActorStoppedError);
    expect(h.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([
      ['stopped', W, 'lost'],
      ['stopped', W, 'lost too'],
    ]);
    await shutdown(h);
  });
});
