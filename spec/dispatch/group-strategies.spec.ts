import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { groupAt, killLeftovers, member, shutdown, startSystem, without } from './helpers';

/** `/app` with the given strategy: a, a group `workers` of 3, b (all logging into `log`). */
async function startSandwich(strategy: 'one-for-all' | 'rest-for-one', log: string[]) {
  const Member = member(log);
  @Supervisor({ strategy, maxRestarts: 5 })
  class App {
    @Child(Member) a!: ActorRef;
    @Child(Member, { redundancy: 3 }) workers!: GroupRef;
    @Child(Member) b!: ActorRef;
  }
  const h = await startSystem(App);
  log.length = 0;
  return { h, group: groupAt(h.system, '/app/workers'), a: h.system.lookup('/app/a') as ActorRef };
}

const whoAll = (refs: readonly ActorRef[]) => Promise.all(refs.map((ref) => ref.ask<string>('who')));

describe('groups under one-for-all and rest-for-one (members are children in their own right)', () => {
  afterEach(killLeftovers);

  it('one-for-all: a member failing stops every other child, members included, in reverse order, then starts all in order', async () => {
    const log: string[] = [];
    const { h, group, a } = await startSandwich('one-for-all', log);

    group.members[1].tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart /app/workers/1')).to.deep.equal([
      'stop /app/b',
      'stop /app/workers/2',
      'stop /app/workers/0',
      'stop /app/a',
      'start /app/a',
      'start /app/workers/0',
      'restart /app/workers/1',
      'start /app/workers/2',
      'start /app/b',
    ]);
    expect(await whoAll([a, ...group.members])).to.deep.equal([
      '/app/a restarts 1',
      '/app/workers/0 restarts 1',
      '/app/workers/1 restarts 1',
      '/app/workers/2 restarts 1',
    ]);
    await shutdown(h);
  });

  it('rest-for-one: a member failing restarts the members after it (index order) and the children declared after the group', async () => {
    const log: string[] = [];
    const { h, group, a } = await startSandwich('rest-for-one', log);

    group.members[1].tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart /app/workers/1')).to.deep.equal([
      'stop /app/b',
      'stop /app/workers/2',
      'restart /app/workers/1',
      'start /app/workers/2',
      'start /app/b',
    ]);
    expect(await whoAll([a, ...group.members])).to.deep.equal([
      '/app/a restarts 0',
      '/app/workers/0 restarts 0',
      '/app/workers/1 restarts 1',
      '/app/workers/2 restarts 1',
    ]);
    await shutdown(h);
  });

  it('rest-for-one: a child declared before the group takes every member along, at the group’s place', async () => {
    const log: string[] = [];
    const { h, a } = await startSandwich('rest-for-one', log);

    a.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'beforeRestart /app/a')).to.deep.equal([
      'stop /app/b',
      'stop /app/workers/2',
      'stop /app/workers/1',
      'stop /app/workers/0',
      'restart /app/a',
      'start /app/workers/0',
      'start /app/workers/1',
      'start /app/workers/2',
      'start /app/b',
    ]);
    await shutdown(h);
  });
});
