import { expect } from 'chai';
import { AskTimeoutError, Child, On, Supervisor, memoryTransport } from '../../lib';
import type { ActorRef, ClusterTransport, Context, MemoryNetwork } from '../../lib';
import { killLeftovers } from '../support/harness';
import { deferred, track } from '../support/promises';
import { cluster } from './support';

interface Seen {
  message: string;
  deadline: number | undefined;
  signal: AbortSignal;
  /** Whether the signal was aborted already when the handler read it. */
  abortedAtRead: boolean;
  now: number;
}

const seen: Seen[] = [];
let gate = deferred();

/** Records what it sees of its context; `'wait'` waits for the gate. */
class Slow {
  @On(String)
  async handle(message: string, ctx: Context): Promise<string> {
    seen.push({ message, deadline: ctx.deadline, signal: ctx.signal, abortedAtRead: ctx.signal.aborted, now: ctx.now() });
    if (message === 'wait') await gate.promise;
    return `done ${message}`;
  }
}

@Supervisor()
class App {
  @Child(Slow) slow!: ActorRef;
}

/**
 * A memory transport that shows `tap` each give-up letter (kind 9) in the packets its node
 * sends; what `tap` returns goes on the wire instead (a test that counts them, or forges them).
 */
function tappingGiveUps(network: MemoryNetwork, tap: (letter: unknown[]) => unknown[]): ClusterTransport {
  const inner = memoryTransport(network);
  return {
    kind: 'memory',
    connect: async (setup) => {
      const connection = await inner.connect(setup);
      return {
        ...connection,
        send: (node, frame) => {
          const parsed = JSON.parse(frame) as { k: string; l?: unknown[][] };
          if (parsed.k !== 'p' || !parsed.l?.some((letter) => letter[0] === 9)) return connection.send(node, frame);
          parsed.l = parsed.l.map((letter) => (letter[0] === 9 ? tap(letter) : letter));
          connection.send(node, JSON.stringify(parsed));
        },
      };
    },
  };
}

/** Nodes a and b, and the ref at a of b's slow actor. */
async function askingAcross(): Promise<{ c: ReturnType<typeof cluster>; slow: ActorRef }> {
  const c = cluster();
  const a = await c.start('a', App);
  await c.start('b', App);
  return { c, slow: a.system.lookupActor('rampart://b/app/slow')! };
}

describe('cluster: ctx.deadline and ctx.signal of an ask from another node (memory transport, virtual time)', () => {
  beforeEach(() => {
    seen.length = 0;
    gate = deferred();
  });
  afterEach(killLeftovers);

  it("sets ctx.deadline on the receiving node to its now + the ms the asker had left", async () => {
    const { c, slow } = await askingAcross();
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
    const { c, slow } = await askingAcross();
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
    const { c, slow } = await askingAcross();
    const reply = track(slow.ask('wait', { timeoutMs: 300 }));
    await c.until(() => seen.length === 1);
    gate.resolve();
    await c.until(() => reply.settled);
    expect(reply.value).to.equal('done wait');
    await c.scheduler.advanceBy(1000);
    expect(seen[0].signal.aborted).to.equal(false);
    await c.end();
  });

  it("starts ctx.signal aborted, with the asker's reason, when the asker's signal aborted while the ask was queued there", async () => {
    const { c, slow } = await askingAcross();
    const first = track(slow.ask('wait', { timeoutMs: 60_000 }));
    await c.until(() => seen.length === 1);
    const asker = new AbortController();
    const queued = track(slow.ask('queued', { timeoutMs: 60_000, signal: asker.signal }));
    await c.until(() => false, 20); // the ask letter reaches b and waits behind 'wait'
    const reason = new RangeError('the caller went away');
    asker.abort(reason);
    await c.until(() => false, 20); // the give-up letter reaches b while 'queued' is still in the mailbox
    expect(queued.error).to.equal(reason);
    expect(seen).to.have.length(1);
    gate.resolve();
    await c.until(() => seen.length === 2 && first.settled);
    expect(seen[1].message).to.equal('queued');
    expect(seen[1].abortedAtRead, 'the signal starts aborted').to.equal(true);
    expect((seen[1].signal.reason as Error).name).to.equal('RangeError');
    expect((seen[1].signal.reason as Error).message).to.equal('the caller went away');
    expect(seen[0].signal.aborted, "the other ask's signal is untouched").to.equal(false);
    await c.end();
  });

  it('drops a malformed give-up letter with a frame-rejected event, ignores one for an unknown id, and rebuilds a well-formed reason as its class', async () => {
    const c = cluster();
    const forgeries: ((letter: unknown[]) => unknown[])[] = [
      ([kind, id, reason]) => [kind, String(id), reason],
      ([kind, id]) => [kind, id, 'not an error'],
      ([kind, id]) => [kind, id],
      ([kind, , reason]) => [kind, 99_999, reason],
    ];
    let forge: (letter: unknown[]) => unknown[] = (letter) => letter;
    const a = await c.start('a', App, { transport: tappingGiveUps(c.network, (letter) => forge(letter)) });
    const b = await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    for (const [i, forgery] of forgeries.entries()) {
      forge = forgery;
      const asker = new AbortController();
      track(slow.ask('wait', { timeoutMs: 60_000, signal: asker.signal }));
      await c.until(() => seen.length === i + 1);
      asker.abort(new Error('gave up'));
      await c.until(() => false, 20);
      expect(seen[i].signal.aborted, `forgery ${i} never reaches the handler`).to.equal(false);
      gate.resolve();
      gate = deferred();
    }
    expect(b.events.filter((e) => e.type === 'frame-rejected').map((e) => [e.node, e.reason])).to.deep.equal([
      ['a', 'malformed give-up letter'],
      ['a', 'malformed give-up letter'],
      ['a', 'malformed give-up letter'],
    ]);
    expect(b.deadLetters.filter((d) => d.reason === 'rejected').map((d) => d.path)).to.deep.equal(['/', '/', '/']);

    forge = (letter) => letter;
    const asker = new AbortController();
    track(slow.ask('wait', { timeoutMs: 60_000, signal: asker.signal }));
    await c.until(() => seen.length === forgeries.length + 1);
    asker.abort(new AskTimeoutError('gave up over there'));
    const signal = seen[forgeries.length].signal;
    await c.until(() => signal.aborted, 50);
    expect(signal.reason).to.be.instanceOf(AskTimeoutError);
    expect((signal.reason as Error).message).to.equal('gave up over there');
    gate.resolve();
    await c.end();
  });

  it('sends no give-up letter for an ask answered normally (only for one whose asker gave up)', async () => {
    const c = cluster();
    const counter = { giveUps: 0 };
    const a = await c.start('a', App, {
      transport: tappingGiveUps(c.network, (letter) => {
        counter.giveUps++;
        return letter;
      }),
    });
    await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    const asker = new AbortController();
    gate.resolve();
    expect(await slow.ask('answered', { timeoutMs: 300, signal: asker.signal })).to.equal('done answered');
    asker.abort(new Error('too late to matter'));
    await c.advance(1000);
    expect(counter.giveUps, 'after an ask answered in time').to.equal(0);

    gate = deferred();
    const other = new AbortController();
    const reply = track(slow.ask('wait', { timeoutMs: 60_000, signal: other.signal }));
    await c.until(() => seen.length === 2);
    other.abort(new Error('gave up'));
    await c.until(() => counter.giveUps > 0, 50);
    expect(reply.error).to.be.instanceOf(Error);
    expect(counter.giveUps, 'the control: a give-up is counted').to.be.greaterThan(0);
    gate.resolve();
    await c.end();
  });
});
