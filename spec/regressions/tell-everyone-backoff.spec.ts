/**
 * `distributor.tellEveryone(msg)` reaches every member, including one that waits out its
 * backoff: its copy is queued for it (handled after the backoff) or dead-lettered, never
 * silently skipped. So handled + dead-lettered = sent.
 */
import { expect } from 'chai';
import { Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context, GroupRef } from '../../lib';
import { advanceUntil, killLeftovers, shutdown, startSystem } from './helpers';

describe('regressions: tellEveryone and a member in its backoff', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('queues or dead-letters the copy of a member that waits out its backoff', async () => {
    const handled: string[] = [];
    class Member {
      @On(String)
      handle(msg: string, ctx: Context): void {
        if (msg === 'fail') throw new Error('member fails');
        handled.push(`${ctx.path} ${msg}`);
      }
    }
    @Supervisor({ maxRestarts: 5 })
    class App {
      @Child(Member, { redundancy: 2, distributor: 'all', backoff: Backoff.linear({ stepMs: 1000, maxMs: 1000 }) })
      members!: GroupRef;
    }
    const h = await startSystem(App);
    const distributor = h.system.distributor<string>('all');
    (h.system.lookup('/app/members/0') as ActorRef).tell('fail');
    await h.scheduler.advanceBy(100); // /app/members/0 waits out its backoff now
    distributor.tellEveryone('hello');
    await advanceUntil(h.scheduler, () => handled.length >= 2, 500, 6);
    const deadLettered = h.deadLetters.filter((d) => d.message === 'hello').map((d) => d.path);
    const reached = [...handled.map((entry) => entry.split(' ')[0]), ...deadLettered].sort();
    expect(reached, 'members that handled or dead-lettered the message').to.deep.equal(['/app/members/0', '/app/members/1']);
    await shutdown(h);
  });
});
