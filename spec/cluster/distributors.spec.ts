import { expect } from 'chai';
import { Child, NoRecipientError, On, Supervisor } from '../../lib';
import type { Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from './support';

const seen: string[] = [];

class Worker {
  @On(String)
  work(job: string, ctx: Context): string {
    const who = `${ctx.system.node}${ctx.path}`;
    seen.push(`${who} ${job}`);
    return who;
  }
}

@Supervisor()
class Three {
  @Child(Worker, { redundancy: 3, distributor: 'work' }) workers!: unknown;
}

@Supervisor()
class One {
  @Child(Worker, { distributor: 'work' }) worker!: unknown;
}

@Supervisor()
class None {}

const count = (items: string[]) => items.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});

describe('cluster-wide distributors (memory transport, virtual time)', () => {
  beforeEach(() => (seen.length = 0));
  afterEach(killLeftovers);

  it('spreads tellOne and ask evenly over the members of every node, not over nodes', async () => {
    const c = cluster();
    const a = await c.start('a', One);
    await c.start('b', Three);
    await c.advance(2 * HEARTBEAT);
    const work = a.system.distributor('work');
    for (let i = 0; i < 8; i++) work.tellOne(`t${i}`);
    const asked = [];
    for (let i = 0; i < 8; i++) asked.push(await work.ask<string>(`a${i}`));
    await c.until(() => seen.length === 16);
    expect(count(seen.map((s) => s.split(' ')[0]))).to.deep.equal({ 'a/app/worker': 4, 'b/app/workers/0': 4, 'b/app/workers/1': 4, 'b/app/workers/2': 4 });
    expect(new Set(asked).size).to.equal(4);
    await c.end();
  });

  it('tellEveryone reaches every member on every node once; askEveryone gets one reply per member', async () => {
    const c = cluster();
    const a = await c.start('a', One);
    await c.start('b', Three);
    await c.advance(2 * HEARTBEAT);
    const work = a.system.distributor('work');
    work.tellEveryone('all');
    const replies = await work.askEveryone<string>('each');
    await c.until(() => seen.length === 8);
    expect(replies.sort()).to.deep.equal(['a/app/worker', 'b/app/workers/0', 'b/app/workers/1', 'b/app/workers/2']);
    expect(seen.filter((s) => s.endsWith(' all')).length).to.equal(4);
    await c.end();
  });

  it('spans the nodes that have members: a node with none reaches the others, and NoRecipientError needs no member anywhere', async () => {
    const c = cluster();
    const a = await c.start('a', None);
    expect(() => a.system.distributor('work').tellOne('x')).to.throw(NoRecipientError);
    await c.start('b', Three);
    await c.advance(2 * HEARTBEAT);
    expect(await a.system.distributor('work').ask('y')).to.equal('b/app/workers/0');
    await c.end();
  });

  it('drops the members of a node that goes down at once', async () => {
    const c = cluster();
    const a = await c.start('a', One);
    const b = await c.start('b', Three);
    await c.advance(2 * HEARTBEAT);
    expect((await a.system.distributor('work').askEveryone('n')).length).to.equal(4);
    c.network.crash('b');
    await c.advance(FAILURE_TIMEOUT + 2 * HEARTBEAT);
    expect(await a.system.distributor('work').askEveryone('n')).to.deep.equal(['a/app/worker']);
    b.system.kill();
    c.nodes.delete('b');
    await c.end();
  });
});
