/**
 * DESIGN.md, Cluster, Wire and Joining: a frame from the wire is data; what is malformed is
 * dropped with `frame-rejected` and a dead letter `rejected` "before any handler sees it",
 * and never crashes or corrupts the node. Node names are 1–64 of `[A-Za-z0-9_-]`.
 *
 * - A message letter without its body (`[TELL, to, from]`) is delivered as the message
 *   `undefined` (`deliverMessage` decodes the missing element); a real `undefined` crosses
 *   as the tag {"$":"undef"}, so a missing body is a malformed letter.
 * - An ack (or a packet's `a`) for sequence numbers the link never sent is believed
 *   (`acknowledged` -> `OutboundLink.acknowledge`, lib/cluster/link.ts): the outbox forgets
 *   its unacknowledged letters, which are then neither delivered nor dead-lettered.
 * - A heartbeat whose sender name is no valid node name admits it as a peer: node-up, and it
 *   is listed by nodes() (`readFrame` checks only that `n` is a string).
 */
import { expect } from 'chai';
import { Child, Otherwise, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { HEARTBEAT, cluster, nodeEvents } from '../cluster/support';

const seen: unknown[] = [];

class Sink {
  @Otherwise()
  any(message: unknown): void {
    seen.push(message);
  }
}

@Supervisor()
class App {
  @Child(Sink) sink!: ActorRef;
}

const incarnationOf = (system: unknown) => (system as { cluster: { incarnation: string } }).cluster.incarnation;

describe('regressions (cluster): hostile frames', () => {
  beforeEach(() => (seen.length = 0));
  afterEach(killLeftovers);

  it('rejects a message letter that has no body: no handler sees it', async () => {
    const c = cluster();
    const b = await c.start('b', App);
    const letters = [[0, '/app/sink', 0]];
    c.network.inject('b', JSON.stringify({ v: 1, k: 'p', n: 'mallory', i: 'm1', t: incarnationOf(b.system), s: 1, a: 0, l: letters }));
    await c.until(() => seen.length > 0 || b.deadLetters.length > 0, 20);
    expect(seen, 'what the handler saw').to.deep.equal([]);
    expect(b.deadLetters.map((d) => d.reason)).to.deep.equal(['rejected']);
    await c.end();
  });

  it('does not let an ack for letters never sent empty the outbox: those letters still arrive, or are dead letters', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    c.network.partition(['a'], ['b']);
    const sink = a.system.lookupActor('rampart://b/app/sink')!;
    for (let i = 0; i < 3; i++) sink.tell(i);
    await c.advance(HEARTBEAT / 4);
    c.network.inject('a', JSON.stringify({ v: 1, k: 'a', n: 'b', i: incarnationOf(b.system), t: incarnationOf(a.system), a: 1_000_000 }));
    await c.advance(HEARTBEAT / 4);
    c.network.heal();
    await c.advance(4 * HEARTBEAT);
    const dead = a.deadLetters.map((d) => d.message);
    expect([...seen, ...dead].sort(), 'each tell handled or dead-lettered').to.deep.equal([0, 1, 2]);
    await c.end();
  });

  it('does not admit a heartbeat whose sender is no valid node name: no node-up, not in nodes()', async () => {
    const c = cluster();
    const b = await c.start('b', App);
    const listed: string[][] = [];
    b.system.events$.subscribe((e) => e.type === 'node-up' && listed.push(b.system.nodes()));
    c.network.inject('b', JSON.stringify({ v: 1, k: 'h', n: 'not a/node.name', i: 'x1', up: [], d: [] }));
    await c.until(() => false, 10);
    expect(nodeEvents(b).filter((e) => e.startsWith('node-up'))).to.deep.equal([]);
    expect(listed).to.deep.equal([]);
    await c.end();
  });
});
