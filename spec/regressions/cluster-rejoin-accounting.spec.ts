/**
 * DESIGN.md, Cluster, Joining / Delivery: a node that finds itself missing from a peer's
 * heartbeat rejoins as a new incarnation; and between nodes that stay up every message is
 * handled exactly once or dead-lettered exactly once.
 *
 * `rejoin()` (lib/cluster/node.ts) drops EVERY link, not only the one with the peer that
 * declared it down: each unacknowledged tell to every peer becomes a dead letter
 * `unreachable`. A third node that was never partitioned from it has handled many of those
 * already (its acks ride a quarter heartbeat behind), and the packets still in flight to
 * it are delivered too (they carry the old incarnation, which that node still has up). So
 * messages between two nodes that never lost sight of each other are counted twice.
 */
import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from '../cluster/support';
import { Counter, Numbered, handled } from '../cluster/numbered';

@Supervisor()
class App {
  @Child(Counter) counter!: ActorRef;
}

describe('regressions (cluster): rejoining after a partition with one peer', () => {
  beforeEach(() => handled.clear());
  afterEach(killLeftovers);

  it('counts every tell between two nodes that were never partitioned exactly once, when one of them rejoins because of a third', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    await c.start('c', App);
    const counter = a.system.lookupActor('rampart://c/app/counter')!;
    let sent = 0;
    // a keeps telling c's counter, 5 ms apart, while a and b are cut off from each other long
    // enough to declare each other down, and for a while after they heal (a rejoins then).
    c.network.partition(['a'], ['b']);
    for (let t = 0; t < FAILURE_TIMEOUT + 2 * HEARTBEAT; t += 5) {
      counter.tell(new Numbered(sent++));
      await c.advance(5);
    }
    c.network.heal();
    for (let t = 0; t < 4 * HEARTBEAT; t += 5) {
      counter.tell(new Numbered(sent++));
      await c.advance(5);
    }
    await c.advance(5 * HEARTBEAT);
    expect(a.system.nodes()).to.deep.equal(['a', 'b', 'c']);
    const deadAtA = a.deadLetters.filter((d) => d.message instanceof Numbered).map((d) => (d.message as Numbered).id);
    const twice = deadAtA.filter((id) => handled.has(id));
    expect(twice, 'tells that c handled and a also dead-lettered unreachable').to.deep.equal([]);
    for (let id = 0; id < sent; id++) {
      expect((handled.get(id) ?? 0) + deadAtA.filter((x) => x === id).length, `message ${id}: handled + dead-lettered`).to.equal(1);
    }
    await c.end();
  });
});
