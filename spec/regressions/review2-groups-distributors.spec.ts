/**
 * Review 2, beyond the probes: a distributor's ask refuses a bad timeout at the call, a
 * broadcast to a group with no member left is a dead letter, and a group can be watched.
 */
import { expect } from 'chai';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context, GroupRef } from '../../lib';
import { killLeftovers, lettersOf, shutdown, startSystem } from './helpers';

class Member {
  @On(String)
  handle(): string {
    return 'ok';
  }
}

@Supervisor()
class Pool {
  @Child(Member, { redundancy: 2, distributor: 'members' }) members!: GroupRef<string>;
}

@Supervisor()
class App {
  @Child(Pool) pool!: ActorRef;
}

describe('regressions (review 2): groups and distributors', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('throws RangeError at the call for a distributor ask with a timeout <= 0, as any ask does', async () => {
    const h = await startSystem(App);
    const members = h.system.distributor<string>('members');
    expect(() => members.ask('x', { timeoutMs: 0 })).to.throw(RangeError, /timeoutMs/);
    expect(() => members.askEveryone('x', { timeoutMs: -1 })).to.throw(RangeError, /timeoutMs/);
    expect(await members.ask('x')).to.equal('ok');
    await shutdown(h);
  });

  it("dead-letters a broadcast to a group with no member left as 'stopped'", async () => {
    const h = await startSystem(App);
    const group = h.system.lookupGroup<string>('/app/pool/members')!;
    for (const member of group.members) await member.stop();
    group.broadcast('anyone?');
    await h.scheduler.advanceBy(0);
    expect(lettersOf(h, '/app/pool/members')).to.deep.equal([['stopped', 'anyone?']]);
    await shutdown(h);
  });

  it('delivers Terminated to a watcher of a group when its supervisor stops for good', async () => {
    const seen: unknown[] = [];
    class Watcher {
      @On(String)
      watch(path: string, ctx: Context): void {
        ctx.watch(ctx.system.lookupGroup(path) as unknown as ActorRef);
      }
      @On(Terminated)
      gone(message: Terminated): void {
        seen.push(message.ref.address);
      }
    }
    const h = await startSystem(App);
    const watcher = h.system.spawn<string>(Watcher, { name: 'watcher' });
    watcher.tell('/app/pool/members');
    await h.scheduler.advanceBy(0);
    await h.system.lookupActor('/app/pool')!.stop();
    await h.scheduler.advanceBy(0);
    expect(seen).to.deep.equal(['rampart://local/app/pool/members']);
    await shutdown(h);
  });
});
