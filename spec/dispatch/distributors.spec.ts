import { expect } from 'chai';
import { Backoff, Child, NoRecipientError, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { gotBy, groupAt, killLeftovers, member, shutdown, startSystem, track } from './helpers';

const RECIPIENTS = ['/app/a/0', '/app/a/1', '/app/inner/b/0', '/app/inner/b/1', '/app/solo'];
const OUTSIDERS = ['/app/others/0', '/app/others/1'];

/**
 * `/app` > a (group of 2, 'jobs'), inner > b (group of 2, 'jobs'), solo ('jobs'),
 * others (group of 2, no distributor).
 */
async function startFeeds() {
  const log: string[] = [];
  const Member = member(log);
  @Supervisor()
  class Inner {
    @Child(Member, { redundancy: 2, distributor: 'jobs' }) b!: GroupRef;
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Member, { redundancy: 2, distributor: 'jobs' }) a!: GroupRef;
    @Child(Inner) inner!: ActorRef;
    @Child(Member, { distributor: 'jobs' }) solo!: ActorRef;
    @Child(Member, { redundancy: 2 }) others!: GroupRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, log, jobs: h.system.distributor<string>('jobs') };
}

/** `/app` > pool (restartable by a 'boom' to itself) > workers (group of 2, 'jobs', backoff 100 ms). */
async function startPool() {
  const log: string[] = [];
  @Supervisor({ maxRestarts: Infinity })
  class Pool {
    @Child(member(log), { redundancy: 2, distributor: 'jobs', backoff: Backoff.linear({ stepMs: 100, maxMs: 100 }) })
    workers!: GroupRef;

    @On(String) handle(message: string): void {
      if (message === 'boom') throw new Error('pool boom');
    }
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Pool) pool!: ActorRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, log, group: groupAt(h.system, '/app/pool/workers'), jobs: h.system.distributor<string>('jobs') };
}

const P0 = '/app/pool/workers/0';
const P1 = '/app/pool/workers/1';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('distributors', () => {
  afterEach(killLeftovers);

  it('tellOne goes round-robin across every recipient of every group that feeds it, under any supervisor', async () => {
    const { h, log, jobs } = await startFeeds();
    for (let i = 0; i < 10; i++) jobs.tellOne(`m${i}`);
    await h.scheduler.advanceBy(0);

    const firstRound = RECIPIENTS.map((path) => gotBy(log, path)[0]);
    expect([...firstRound].sort()).to.deep.equal(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(RECIPIENTS.map((path) => gotBy(log, path).length)).to.deep.equal([2, 2, 2, 2, 2]);
    expect(OUTSIDERS.map((path) => gotBy(log, path))).to.deep.equal([[], []]);
    await shutdown(h);
  });

  it('tellEveryone reaches each recipient once, and nobody else', async () => {
    const { h, log, jobs } = await startFeeds();
    jobs.tellEveryone('all hands');
    await h.scheduler.advanceBy(0);

    expect(RECIPIENTS.map((path) => gotBy(log, path))).to.deep.equal(RECIPIENTS.map(() => ['all hands']));
    expect(OUTSIDERS.map((path) => gotBy(log, path))).to.deep.equal([[], []]);
    await shutdown(h);
  });

  it('ask asks one recipient at a time, round-robin; askEveryone collects one reply from each', async () => {
    const { h, jobs } = await startFeeds();
    const one: string[] = [];
    for (let i = 0; i < 5; i++) one.push(await jobs.ask<string>('where'));
    expect([...one].sort()).to.deep.equal(RECIPIENTS);

    const all = await jobs.askEveryone<string>('where');
    expect([...all].sort()).to.deep.equal(RECIPIENTS);
    await shutdown(h);
  });

  it('with no recipient, the tells throw NoRecipientError and the asks reject with it', async () => {
    const { h, jobs } = await startFeeds();
    const nobody = h.system.distributor('nobody');

    for (const error of [thrown(() => nobody.tellOne('x')), thrown(() => nobody.tellEveryone('x'))]) {
      expect(error).to.be.instanceOf(NoRecipientError);
      expect((error as NoRecipientError).code).to.equal('NO_RECIPIENT');
      expect((error as Error).message).to.include('nobody');
    }
    let asked: Promise<unknown> | undefined;
    let askedEveryone: Promise<unknown> | undefined;
    expect(thrown(() => (asked = nobody.ask('x'))), 'ask does not throw').to.equal(undefined);
    expect(thrown(() => (askedEveryone = nobody.askEveryone('x'))), 'askEveryone does not throw').to.equal(undefined);
    const outcomes = [track(asked!), track(askedEveryone!)];
    await h.scheduler.advanceBy(0);
    for (const outcome of outcomes) {
      expect(outcome.error).to.be.instanceOf(NoRecipientError);
      expect((outcome.error as Error).message).to.include('nobody');
    }
    expect(await jobs.askEveryone('where'), 'the other distributor is unaffected').to.have.length(5);
    await shutdown(h);
  });

  it('keeps a member that waits out its restart backoff: its share waits in its queue and is handled after the restart', async () => {
    const { h, log, group, jobs } = await startPool();
    group.members[0].tell('fail');
    await h.scheduler.advanceBy(0);

    for (let i = 0; i < 4; i++) jobs.tellOne(`m${i}`);
    jobs.tellEveryone('everyone');
    const during = track(jobs.askEveryone<string>('where'));
    await h.scheduler.advanceBy(0);
    expect(during.settled, 'the restarting member answers only after its restart').to.equal(false);
    expect(gotBy(log, P1).filter((m) => m !== 'where')).to.deep.equal(['m1', 'm3', 'everyone']);
    expect(gotBy(log, P0), 'nothing reaches the broken instance').to.deep.equal([]);

    await h.scheduler.advanceBy(100);
    expect(gotBy(log, P0).filter((m) => m !== 'where')).to.deep.equal(['m0', 'm2', 'everyone']);
    expect([...(during.value as string[])].sort()).to.deep.equal([P0, P1]);
    expect(h.deadLetters.filter((d) => d.reason !== 'failed'), 'nothing skipped or lost').to.deep.equal([]);
    await shutdown(h);
  });

  it('counts members that are restarting as recipients: what they are sent waits for their next incarnation', async () => {
    const { h, jobs, group } = await startPool();
    group.members.forEach((m) => m.tell('fail'));
    await h.scheduler.advanceBy(0);

    expect(thrown(() => jobs.tellOne('x'))).to.equal(undefined);
    const asked = track(jobs.ask('where'));
    await h.scheduler.advanceBy(0);
    expect(asked.settled).to.equal(false);

    await h.scheduler.advanceBy(100);
    expect(asked.value).to.be.oneOf([P0, P1]);
    expect(await jobs.askEveryone('where')).to.have.length(2);
    await shutdown(h);
  });

  it('drops members stopped for good, and takes them back when their supervisor restarts and rebuilds the group', async () => {
    const { h, group, jobs } = await startPool();
    const [m0, m1] = group.members;

    await m0.stop();
    expect(await jobs.askEveryone('where')).to.deep.equal([P1]);
    await m1.stop();
    expect(thrown(() => jobs.tellEveryone('x'))).to.be.instanceOf(NoRecipientError);

    h.system.lookup<string>('/app/pool')!.tell('boom');
    for (let i = 0; i < 5; i++) await h.scheduler.advanceBy(0);

    expect([...(await jobs.askEveryone<string>('where'))].sort()).to.deep.equal([P0, P1]);
    await shutdown(h);
  });
});
