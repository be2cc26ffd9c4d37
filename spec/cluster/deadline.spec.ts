import { expect } from 'chai';
import { AskTimeoutError, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { deferred, track } from '../support/promises';
import { cluster } from './support';

interface Seen {
  message: string;
  deadline: number | undefined;
  signal: AbortSignal;
  now: number;
}

const seen: Seen[] = [];
let gate = deferred();

/** Records what it sees of its context; `'wait'` waits for the gate. */
class Slow {
  @On(String)
  async handle(message: string, ctx: Context): Promise<string> {
    seen.push({ message, deadline: ctx.deadline, signal: ctx.signal, now: ctx.now() });
    if (message === 'wait') await gate.promise;
    return `done ${message}`;
  }
}

@Supervisor()
class App {
  @Child(Slow) slow!: ActorRef;
}

describe('cluster: ctx.deadline and ctx.signal of an ask from another node (memory transport, virtual time)', () => {
  beforeEach(() => {
    seen.length = 0;
    gate = deferred();
  });
  afterEach(killLeftovers);

  it("sets ctx.deadline on the receiving node to its now + the ms the asker had left", async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    gate.resolve();
    expect(await slow.ask('first', { timeoutMs: 400 })).to.equal('done first');
    expect(seen).to.have.length(1);
    // The memory transport delivers within the same virtual instant: the deadline is exact.
    expect(seen[0].deadline).to.equal(seen[0].now + 400);
    expect(await slow.ask('forever', { timeoutMs: Infinity })).to.equal('done forever');
    expect(seen[1].deadline).to.equal(undefined);
    slow.tell('told');
    await c.until(() => seen.length === 3);
    expect(seen[2].deadline).to.equal(undefined);
    await c.end();
  });

  it('aborts ctx.signal on the receiving node when that local deadline passes, with an AskTimeoutError', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    const reply = track(slow.ask('wait', { timeoutMs: 300 }));
    await c.until(() => seen.length === 1);
    const signal = seen[0].signal;
    expect(signal.aborted).to.equal(false);
    await c.scheduler.advanceBy(299);
    expect(signal.aborted).to.equal(false);
    await c.scheduler.advanceBy(1);
    expect(reply.error).to.be.instanceOf(AskTimeoutError);
    expect(signal.aborted).to.equal(true);
    expect(signal.reason).to.be.instanceOf(AskTimeoutError);
    expect((signal.reason as Error).message).to.equal("An ask from node 'a' timed out: its deadline passed on node 'b'.");
    gate.resolve();
    await c.until(() => false, 20);
    await c.end();
  });

  it('leaves the signal alone when the remote ask is answered in time', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    const reply = track(slow.ask('wait', { timeoutMs: 300 }));
    await c.until(() => seen.length === 1);
    gate.resolve();
    await c.until(() => reply.settled);
    expect(reply.value).to.equal('done wait');
    await c.scheduler.advanceBy(1000);
    expect(seen[0].signal.aborted).to.equal(false);
    await c.end();
  });
});
