/**
 * DESIGN.md, Cluster, Delivery: between nodes that stay up, each message is handled exactly
 * once or dead-lettered exactly once; only a crash may lose an ack. `shutdown()` is the
 * graceful end: it "says goodbye", and the peer's unacknowledged tells to it become dead
 * letters `unreachable` on the peer. But the leaving node waits only for acks of what IT
 * sent (lib/cluster/node.ts `leave`/`allAcknowledged`), and never sends the ack it owes for
 * what it received (acks wait a quarter heartbeat, `ackLater`). So what it handled in the
 * last moments before its goodbye is also dead-lettered `unreachable` at the sender:
 * counted twice, on the most ordinary path there is.
 *
 * The same gap loses the answer to a remote `stop()` of a root: the root's stop starts
 * `leave()`, which finds nothing unacknowledged and says goodbye before `deliverStop`'s
 * answer is made; the answer (a runtime letter) is then dropped without a word, and
 * the caller's `stop()` rejects with UnreachableError although the stop succeeded.
 */
import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { HEARTBEAT, cluster } from '../cluster/support';
import { Counter, Numbered, handled } from '../cluster/numbered';

@Supervisor()
class App {
  @Child(Counter) counter!: ActorRef;
}

describe('regressions (cluster): the acks a leaving node owes', () => {
  beforeEach(() => handled.clear());
  afterEach(killLeftovers);

  it('acknowledges what it handled before its goodbye: a message handled by the node that shuts down is not also dead-lettered at its sender', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const counter = b.system.lookupActor('rampart://a/app/counter')!;
    for (let id = 0; id < 5; id++) counter.tell(new Numbered(id));
    await c.until(() => handled.size === 5); // handled on a; its ack still waits (no virtual time passed)
    const done = track(a.system.shutdown());
    c.nodes.delete('a');
    await c.until(() => done.settled);
    await c.advance(HEARTBEAT);
    expect(done.settled, 'a shut down').to.equal(true);
    expect([...handled.entries()]).to.deep.equal([0, 1, 2, 3, 4].map((id) => [id, 1]));
    expect(
      b.deadLetters.map((d) => [d.reason, d.message]),
      'b dead-lettered nothing that a handled',
    ).to.deep.equal([]);
    await c.end();
  });

  it('resolves a remote stop() of a root: the answer leaves before the goodbye', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const stopped = track(a.system.lookupActor('rampart://b/app')!.stop());
    const terminated = track(b.system.whenTerminated);
    await c.advance(5 * HEARTBEAT);
    c.nodes.delete('b');
    expect(terminated.settled, "b's system terminated").to.equal(true);
    expect(stopped.settled, 'the remote stop() settled').to.equal(true);
    expect(stopped.error, 'the remote stop() error').to.equal(undefined);
    await c.end();
  });
});
