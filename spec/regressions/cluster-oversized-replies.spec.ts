/**
 * DESIGN.md, Cluster, Wire: a frame over `maxFrameBytes` is refused at the sender, and the
 * receiver drops one that is over it. A tell or an ask that does not fit throws
 * SerializationError at the call; but the answer to a remote ask (a reply value, or the
 * error of a failed handler) is put on the link with no size check at all
 * (lib/cluster/node.ts `answer` -> `system`). The packet that carries it is over the
 * receiver's limit, so it is rejected on every resend, never acknowledged, and every later
 * letter on that link waits behind it forever: neither handled nor dead-lettered, while both
 * nodes stay up (Principle 3, and "a partition ... loses nothing").
 */
import { expect } from 'chai';
import { AskTimeoutError, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { HEARTBEAT, cluster } from '../cluster/support';

const MAX_FRAME = 4096;
const notes: string[] = [];

/** Replies with a string of `n` characters; fails with a message of `-n` characters; records strings. */
class Replier {
  @On(Number)
  reply(n: number): string {
    if (n < 0) throw new Error('e'.repeat(-n));
    return 'x'.repeat(n);
  }

  @On(String)
  note(text: string): void {
    notes.push(text);
  }
}

@Supervisor()
class App {
  @Child(Replier) replier!: ActorRef;
}

describe('regressions (cluster): an answer bigger than maxFrameBytes', () => {
  beforeEach(() => (notes.length = 0));
  afterEach(killLeftovers);

  for (const [what, size] of [
    ['a reply value', 3 * MAX_FRAME],
    ["a failed handler's error message", -3 * MAX_FRAME],
  ] as const) {
    it(`does not wedge the link when ${what} is too big to cross: later tells on it still arrive, and the ask does not wait out its timeout`, async () => {
      const c = cluster();
      const a = await c.start('a', App, { maxFrameBytes: MAX_FRAME });
      const b = await c.start('b', App, { maxFrameBytes: MAX_FRAME });
      const asked = track(a.system.lookupActor('rampart://b/app/replier')!.ask(size, { timeoutMs: 60_000 }));
      await c.advance(HEARTBEAT);
      // b's answer is now on the link b -> a; a later tell on the same link:
      b.system.lookupActor('rampart://a/app/replier')!.tell('after the answer');
      await c.advance(5 * HEARTBEAT);
      expect(notes, "the tell behind the answer reached a's actor").to.deep.equal(['after the answer']);
      expect(asked.settled, 'the ask settled within a few heartbeats').to.equal(true);
      expect(asked.error).to.not.be.instanceOf(AskTimeoutError);
      expect(a.system.nodes()).to.deep.equal(['a', 'b']);
      await c.end();
    });
  }
});
