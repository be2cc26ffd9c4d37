import { expect } from 'chai';
import { Child, On, Supervisor, memoryTransport } from '../../lib';
import type { ClusterTransport } from '../../lib';
import type { TransportConnection, TransportSetup } from '../../lib/cluster/types';
import { killLeftovers } from '../support/harness';
import { HEARTBEAT, cluster } from './support';

class Sink {
  @On(Number)
  take(n: number): number {
    return n;
  }
}

@Supervisor()
class App {
  @Child(Sink) sink!: unknown;
}

/** A memory transport that records the kind of every frame its node sends to one peer. */
function recording(inner: ClusterTransport, kinds: string[]): ClusterTransport {
  return {
    kind: 'recording',
    async connect(setup: TransportSetup): Promise<TransportConnection> {
      const connection = await inner.connect(setup);
      return {
        ...connection,
        send(peer: string, frame: string) {
          kinds.push((JSON.parse(frame) as { k: string }).k);
          connection.send(peer, frame);
        },
      };
    },
  };
}

describe('acknowledgements are batched (memory transport)', () => {
  afterEach(killLeftovers);

  it('acks a burst of 1,000 tells with a handful of cumulative acks, not one per letter', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const fromB: string[] = [];
    await c.start('b', App, { transport: recording(memoryTransport(c.network), fromB) });
    const sink = a.system.lookupActor('rampart://b/app/sink')!;
    for (let i = 0; i < 1000; i++) sink.tell(i);
    await c.advance(HEARTBEAT);
    const acks = fromB.filter((k) => k === 'a').length;
    expect(acks).to.be.greaterThan(0);
    expect(acks).to.be.at.most(6);
    await c.end();
  });

  it('sends no ack of its own for sequential asks: each ack rides on the reply, or on the next ask', async () => {
    const c = cluster();
    const fromA: string[] = [];
    const a = await c.start('a', App, { transport: recording(memoryTransport(c.network), fromA) });
    const fromB: string[] = [];
    await c.start('b', App, { transport: recording(memoryTransport(c.network), fromB) });
    fromA.length = fromB.length = 0;
    const sink = a.system.lookupActor('rampart://b/app/sink')!;
    for (let i = 0; i < 50; i++) expect(await sink.ask(i)).to.equal(i);
    expect(fromA.filter((k) => k === 'p').length).to.equal(50);
    expect(fromA.filter((k) => k === 'a').length).to.equal(0);
    expect(fromB.filter((k) => k === 'a').length).to.equal(0);
    await c.end();
  });
});
