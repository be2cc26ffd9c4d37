/**
 * DESIGN.md, Cluster, Joining: heartbeats carry the node's distributor memberships; a node
 * is up for the others once it is heard; frames over `maxFrameBytes` are refused at the
 * sender and dropped at the receiver. `heartbeatFrame` (lib/cluster/frames.ts, sent by
 * `announce` in lib/cluster/node.ts) lists every member path with no size check, so a node
 * with enough members sends heartbeats that every peer rejects: it starts without an error,
 * sees the others, and is never up for any of them (a `rejected` dead letter per heartbeat).
 */
import { expect } from 'chai';
import { Child, Otherwise, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { HEARTBEAT, cluster } from '../cluster/support';

class Worker {
  @Otherwise()
  any(): string {
    return 'ok';
  }
}

@Supervisor()
class Many {
  @Child(Worker, { distributor: 'workers', redundancy: 300 }) workers!: ActorRef;
}

@Supervisor()
class Plain {}

describe('regressions (cluster): memberships that do not fit in one heartbeat', () => {
  afterEach(killLeftovers);

  it('makes a node with many distributor members up for its peers (or refuses it at start): membership is never one-sided', async () => {
    const c = cluster();
    const b = await c.start('b', Plain, { maxFrameBytes: 4096 });
    const a = await c.start('a', Many, { maxFrameBytes: 4096 });
    await c.advance(5 * HEARTBEAT);
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    expect(b.system.nodes(), "b's view of the cluster").to.deep.equal(['a', 'b']);
    expect(b.events.filter((e) => e.type === 'frame-rejected').map((e) => e.reason)).to.deep.equal([]);
    await c.end();
  });
});
