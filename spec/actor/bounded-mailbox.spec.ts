import { expect } from 'chai';
import { Actor, MailboxFullError, On, Supervisor } from '../../lib';
import type { MailboxOptions } from '../../lib';
import { settle } from '../../lib/testing';
import {
  deferred,
  killLeftovers,
  lettersOf,
  rejectionOf,
  shutdown,
  startSystem,
  startWorker,
  track,
  type Deferred,
} from './helpers';

/** Message 0 blocks on `gate`, so it stays in flight while the test fills the mailbox. */
function blockedWorker(handled: number[], gate: Deferred) {
  class BlockedWorker {
    @On(Number)
    async handle(n: number): Promise<number> {
      if (n === 0) await gate.promise;
      handled.push(n);
      return n;
    }
  }
  return BlockedWorker;
}

async function startBounded(mailbox: MailboxOptions) {
  const handled: number[] = [];
  const gate = deferred();
  const h = await startWorker(blockedWorker(handled, gate), { mailbox });
  h.ref.tell(0);
  await settle(); // 0 is now in flight, the mailbox is empty
  return { h, handled, gate };
}

describe('bounded mailbox', () => {
  afterEach(killLeftovers);

  it('counts queued messages, not the one being handled', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 1, overflow: 'drop-newest' });

    h.ref.tell(1); // fits: the in-flight message does not count
    h.ref.tell(2); // does not fit
    await settle();

    expect(lettersOf(h)).to.deep.equal([['overflow', 2]]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 1]);
    await shutdown(h);
  });

  it('drop-newest dead-letters the new message as overflow', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 2, overflow: 'drop-newest' });

    for (const n of [1, 2, 3, 4]) h.ref.tell(n);
    await settle();

    expect(lettersOf(h)).to.deep.equal([
      ['overflow', 3],
      ['overflow', 4],
    ]);
    expect(h.deadLetters.every((letter) => letter.path === '/app/worker')).to.equal(true);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 1, 2]);
    await shutdown(h);
  });

  it('drop-oldest dead-letters the oldest queued message as overflow', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 2, overflow: 'drop-oldest' });

    for (const n of [1, 2, 3, 4]) h.ref.tell(n);
    await settle();

    expect(lettersOf(h)).to.deep.equal([
      ['overflow', 1],
      ['overflow', 2],
    ]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 3, 4]);
    await shutdown(h);
  });

  it('reject makes tell throw MailboxFullError and dead-letters the message as overflow', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 2, overflow: 'reject' });

    h.ref.tell(1);
    h.ref.tell(2);
    let thrown: unknown;
    try {
      h.ref.tell(3);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).to.be.instanceOf(MailboxFullError);
    expect((thrown as MailboxFullError).code).to.equal('MAILBOX_FULL');
    expect((thrown as Error).message).to.include('/app/worker');
    await settle();
    expect(lettersOf(h)).to.deep.equal([['overflow', 3]]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 1, 2]);
    await shutdown(h);
  });

  it('reject makes ask reject with MailboxFullError and dead-letters the message as overflow', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 1, overflow: 'reject' });

    h.ref.tell(1);
    let reply: Promise<unknown> | undefined;
    expect(() => (reply = h.ref.ask(2)), 'ask rejects rather than throws').to.not.throw();

    expect(await rejectionOf(reply as Promise<unknown>)).to.be.instanceOf(MailboxFullError);
    expect(lettersOf(h)).to.deep.equal([['overflow', 2]]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 1]);
    await shutdown(h);
  });

  it('settles an asked message that drop-oldest pushed out with MailboxFullError (lib/errors.ts)', async () => {
    const { h, gate } = await startBounded({ capacity: 1, overflow: 'drop-oldest' });

    const pushedOut = track(h.ref.ask(1));
    h.ref.tell(2);
    await settle();

    expect(pushedOut.error).to.be.instanceOf(MailboxFullError);
    expect(lettersOf(h)).to.deep.equal([['overflow', 1]]);
    gate.resolve();
    await settle();
    await shutdown(h);
  });

  it('makes room again once queued messages are handled', async () => {
    const { h, handled, gate } = await startBounded({ capacity: 1, overflow: 'reject' });

    h.ref.tell(1);
    gate.resolve();
    await settle();
    h.ref.tell(2);
    await settle();

    expect(h.deadLetters).to.deep.equal([]);
    expect(handled).to.deep.equal([0, 1, 2]);
    await shutdown(h);
  });

  it('reports a full mailbox in tree().mailboxSize', async () => {
    const { h, gate } = await startBounded({ capacity: 2, overflow: 'drop-newest' });

    for (const n of [1, 2, 3]) h.ref.tell(n);

    const worker = h.system.tree().children.find((node) => node.path === '/app/worker');
    expect(worker?.mailboxSize).to.equal(2);
    gate.resolve();
    await settle();
    await shutdown(h);
  });

  it('takes the mailbox from @Actor({ mailbox }) for a spawned actor', async () => {
    const handled: number[] = [];
    const gate = deferred();
    @Actor({ mailbox: { capacity: 1, overflow: 'drop-newest' } })
    class Bounded {
      @On(Number)
      async handle(n: number): Promise<void> {
        if (n === 0) await gate.promise;
        handled.push(n);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const ref = h.system.spawn(Bounded, { name: 'bounded' });

    ref.tell(0);
    await settle();
    ref.tell(1);
    ref.tell(2);
    await settle();

    expect(h.deadLetters.map(({ reason, message, path }) => ({ reason, message, path }))).to.deep.equal([
      { reason: 'overflow', message: 2, path: '/app/bounded' },
    ]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 1]);
    await shutdown(h);
  });

  it('takes the mailbox from @Actor({ mailbox }) for a static child', async () => {
    const handled: number[] = [];
    const gate = deferred();
    @Actor({ mailbox: { capacity: 1, overflow: 'drop-oldest' } })
    class Bounded {
      @On(Number)
      async handle(n: number): Promise<void> {
        if (n === 0) await gate.promise;
        handled.push(n);
      }
    }
    const h = await startWorker(Bounded);

    h.ref.tell(0);
    await settle();
    h.ref.tell(1);
    h.ref.tell(2);
    await settle();

    expect(lettersOf(h)).to.deep.equal([['overflow', 1]]);
    gate.resolve();
    await settle();
    expect(handled).to.deep.equal([0, 2]);
    await shutdown(h);
  });
});
