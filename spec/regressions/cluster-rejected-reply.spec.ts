/**
 * DESIGN.md, Cluster, Wire and Delivery: a frame that names an unknown `@Message` is dropped
 * with `frame-rejected` and a dead letter `rejected`; and when a node goes down "every ask
 * in flight to that node rejects with UnreachableError at once, without waiting for its
 * timeout".
 *
 * `deliverReply` (lib/cluster/node.ts) deletes the ask's entry BEFORE it decodes the reply.
 * When the reply cannot be decoded (a reply class that only the replier's version of the
 * code has: a rolling upgrade), the letter is rejected, but the ask is neither settled nor
 * tracked any more: it waits out its whole timeout, and the replier's node going down does
 * not reject it. (An ask the replier cannot decode is answered with SerializationError at
 * once: the two directions differ.) The reply is forged here, since one process shares one
 * `@Message` registry.
 */
import { expect } from 'chai';
import { AskTimeoutError, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from '../cluster/support';

class Never {
  @On(String)
  hang(): Promise<never> {
    return new Promise(() => undefined);
  }
}

@Supervisor()
class App {
  @Child(Never) never!: ActorRef;
}

/** White box, as in spec/cluster/frames.spec.ts: a forged letter needs the link's state. */
interface NodeInternals {
  incarnation: string;
  nextId: number;
  peers: Map<string, { out: { nextSeq: number } }>;
}
const internals = (system: unknown) => (system as { cluster: NodeInternals }).cluster;

describe('regressions (cluster): a reply the asker cannot decode', () => {
  afterEach(killLeftovers);

  it('settles the ask (at once, or when the replier goes down) instead of leaving it to its timeout', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const asked = track(a.system.lookupActor('rampart://b/app/never')!.ask('hello', { timeoutMs: 60_000 }));
    await c.advance(HEARTBEAT);
    const id = internals(a.system).nextId - 1;
    const seq = internals(b.system).peers.get('a')!.out.nextSeq;
    const reply = [2, id, { $: 'msg', n: 'spec.regressions.only-on-the-new-version', f: {} }];
    c.network.inject(
      'a',
      JSON.stringify({ v: 1, k: 'p', n: 'b', i: internals(b.system).incarnation, t: internals(a.system).incarnation, s: seq, a: 0, l: [reply] }),
    );
    await c.advance(HEARTBEAT);
    expect(a.deadLetters.map((d) => d.reason), 'the reply was rejected').to.deep.equal(['rejected']);
    c.network.crash('b');
    await c.advance(FAILURE_TIMEOUT + 2 * HEARTBEAT);
    expect(asked.settled, 'the ask settled before its 60 s timeout').to.equal(true);
    expect(asked.error).to.not.be.instanceOf(AskTimeoutError);
    await c.end();
  });
});
