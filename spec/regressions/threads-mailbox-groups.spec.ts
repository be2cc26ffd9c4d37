/**
 * What the caller's side knows of letters in flight on a worker (up to the letter window,
 * 4 to 128): bounded mailboxes, tree().mailboxSize, the resizer and group shrinks.
 */
import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { killLeftovers, startSystem, type Harness } from '../support/harness';
import { pumpDueActions } from '../threads/support';
import { Count, Nap, Spin, Where, Worky } from './fixtures/threads-actors';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));

@Supervisor({ maxRestarts: 100, withinMs: 1000 })
class MailTree {
  @Child(Worky, { thread: true, mailbox: { capacity: 2, overflow: 'drop-newest' } })
  bounded!: ActorRef;

  @Child(Worky, { thread: true })
  counted!: ActorRef;

  @Child(Worky, {
    redundancy: 2,
    thread: true,
    threads: 1,
    resize: { min: 1, max: 4, mailboxThreshold: 1000, upscaleRate: 1, downscaleRate: 0.5, intervalMs: 1000 },
  })
  pool!: GroupRef;
}

describe('threads regressions: mailboxes and groups with letters in flight on the worker', function () {
  this.timeout(30000);
  let h: Harness;
  let stopPump: () => void;
  before(async () => {
    h = await startSystem(MailTree);
    stopPump = pumpDueActions(h.scheduler);
    for (const path of ['/app/bounded', '/app/counted', '/app/pool/0', '/app/pool/1']) await h.system.lookupActor(path)!.ask(new Count());
  });
  after(() => {
    stopPump?.();
    killLeftovers();
  });
  beforeEach(() => {
    h.deadLetters.length = 0;
  });

  it("bounds a thread actor's mailbox: with capacity 2 and its handler busy, 10 tells give 8 dead letters 'overflow' (as on the main thread)", async () => {
    const ref = h.system.lookupActor('/app/bounded')!;
    ref.tell(new Spin(0, 1000)); // the handler is busy for a second
    await turn();
    for (let n = 1; n <= 10; n++) {
      ref.tell(new Spin(n, 1));
      await turn(); // one tell per turn, as a steady sender does
    }
    const overflow = h.deadLetters.filter((d) => d.reason === 'overflow').length;
    expect(overflow, 'capacity 2 keeps two queued behind the running handler').to.equal(8);
  });

  it('counts the letters waiting on the worker in tree().mailboxSize', async () => {
    const ref = h.system.lookupActor('/app/counted')!;
    ref.tell(new Spin(0, 1000));
    await turn();
    for (let n = 1; n <= 10; n++) ref.tell(new Spin(n, 1));
    await turn();
    await turn();
    const node = h.system.tree().children.find((c) => c.path === '/app/counted')!;
    expect(node.mailboxSize, '10 queued behind the running handler').to.equal(10);
  });

  it('does not shrink a group whose thread members still have letters on the worker (they are not idle)', async () => {
    const pool = h.system.lookupGroup('/app/pool')!;
    const m1 = h.system.lookupActor('/app/pool/1')!;
    const asks = [1, 2, 3].map((n) => m1.ask<number>(new Nap(n, 300)));
    await turn();
    await turn();
    await h.scheduler.advanceBy(1000); // a resizer check, while /1 works through three letters
    await sleep(50);
    expect(pool.size, 'the resizer saw /1 as idle').to.equal(2);
    expect(await Promise.all(asks)).to.deep.equal([1, 2, 3]);
  });

  it('handles, on shrink, the letters already on the worker of a member that leaves (graceful)', async () => {
    const pool = h.system.lookupGroup('/app/pool')!;
    if (pool.size < 2) await pool.resize(2);
    const m1 = h.system.lookupActor('/app/pool/1')!;
    await m1.ask(new Where());
    const asks = [1, 2, 3].map((n) => m1.ask<number>(new Nap(n, 100)).then((v) => v, (e: Error) => `${e.name}: ${e.message}`));
    await turn();
    await turn();
    await pool.resize(1);
    expect(await Promise.all(asks)).to.deep.equal([1, 2, 3]);
  });
});
