import { expect } from 'chai';
import { Child, On, Supervisor, UnreachableError } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from './support';

const received = new Map<string, number[]>();

class Counter {
  @On(Number)
  count(n: number, ctx: Context): number {
    const key = `${ctx.system.node}${ctx.path}`;
    received.set(key, [...(received.get(key) ?? []), n]);
    return n;
  }
}

/** Sends `n` numbers to b's counter from inside an actor (so they have a sender). */
class Sender {
  @On(Number)
  send(n: number, ctx: Context): void {
    const counter = ctx.system.lookupActor('rampart://b/app/counter')!;
    for (let i = 0; i < n; i++) counter.tell(i);
  }
}

class Never {
  @On(String)
  hang(): Promise<never> {
    return new Promise(() => undefined);
  }
}

@Supervisor()
class App {
  @Child(Counter) counter!: ActorRef;
  @Child(Sender) sender!: ActorRef;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('links between nodes (memory transport, virtual time)', () => {
  beforeEach(() => received.clear());
  afterEach(killLeftovers);

  it('delivers everything exactly once, in order, after a partition shorter than failureTimeoutMs heals', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    for (let i = 0; i < 100; i++) counter.tell(i);
    c.network.partition(['a'], ['b']);
    for (let i = 100; i < 300; i++) counter.tell(i);
    await c.advance(FAILURE_TIMEOUT - 2 * HEARTBEAT);
    c.network.heal();
    for (let i = 300; i < 400; i++) counter.tell(i);
    await c.advance(3 * HEARTBEAT);
    expect(received.get('b/app/counter')).to.deep.equal(range(400));
    expect(a.deadLetters).to.deep.equal([]);
    expect(b.deadLetters).to.deep.equal([]);
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    await c.end();
  });

  it('keeps order per pair of sender and receiver across many packets', async () => {
    const c = cluster();
    const a = await c.start('a', App, { maxFrameBytes: 4096 });
    await c.start('b', App, { maxFrameBytes: 4096 });
    a.system.lookupActor('/app/sender')!.tell(5000);
    await c.until(() => received.get('b/app/counter')?.length === 5000);
    expect(received.get('b/app/counter')).to.deep.equal(range(5000));
    await c.end();
  });

  it('makes every unacknowledged tell a dead letter unreachable, and rejects asks in flight, the moment the node goes down', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    c.network.crash('b');
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    counter.tell(1);
    counter.tell(2);
    const asked = track(counter.ask(3, { timeoutMs: 60_000 }));
    await c.advance(FAILURE_TIMEOUT - HEARTBEAT);
    expect(a.deadLetters).to.deep.equal([]);
    expect(asked.settled).to.equal(false);
    await c.advance(2 * HEARTBEAT);
    expect(a.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([
      ['unreachable', '/app/counter', 1],
      ['unreachable', '/app/counter', 2],
      ['unreachable', '/app/counter', 3],
    ]);
    expect(asked.error).to.be.instanceOf(UnreachableError);
    await c.end();
  });

  it('rejects an ask that was delivered but not yet answered when its node goes down, without a dead letter', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    b.system.spawn(Never, { name: 'never' });
    const asked = track(a.system.lookupActor('rampart://b/app/never')!.ask('wait', { timeoutMs: 60_000 }));
    await c.advance(HEARTBEAT);
    c.network.crash('b');
    await c.advance(FAILURE_TIMEOUT + HEARTBEAT);
    expect(asked.error).to.be.instanceOf(UnreachableError);
    expect(a.deadLetters).to.deep.equal([]);
    await c.end();
  });

  it('makes a tell that does not fit in a full outbox a dead letter overflow', async () => {
    const c = cluster();
    const a = await c.start('a', App, { outboxLimit: 10 });
    await c.start('b', App);
    c.network.partition(['a'], ['b']);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    for (let i = 0; i < 12; i++) counter.tell(i);
    expect(a.deadLetters.map((d) => [d.reason, d.message])).to.deep.equal([
      ['overflow', 10],
      ['overflow', 11],
    ]);
    c.network.heal();
    await c.advance(3 * HEARTBEAT);
    expect(received.get('b/app/counter')).to.deep.equal(range(10));
    await c.end();
  });

  it('resends what a NATS outage would have dropped: frames lost one way are resent after a heartbeat interval', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    c.network.partition(['a'], ['b']);
    counter.tell(7);
    await c.advance(HEARTBEAT / 2);
    c.network.heal();
    await c.advance(2 * HEARTBEAT);
    expect(received.get('b/app/counter')).to.deep.equal([7]);
    expect(a.deadLetters.concat(b.deadLetters)).to.deep.equal([]);
    await c.end();
  });

  it('loses nothing on shutdown: the node waits for its peers to acknowledge, then says goodbye', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    for (let i = 0; i < 50; i++) counter.tell(i);
    await a.system.shutdown();
    c.nodes.delete('a');
    await c.advance(10);
    expect(received.get('b/app/counter')).to.deep.equal(range(50));
    expect(a.deadLetters).to.deep.equal([]);
    expect(b.events.filter((e) => e.type === 'node-down').map((e) => e.reason)).to.deep.equal(['left']);
    await c.end();
  });

  it('acknowledges what it received before it says goodbye, so the senders dead-letter nothing it handled', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    for (let i = 0; i < 10; i++) counter.tell(i);
    await c.until(() => received.get('b/app/counter')?.length === 10); // delivered, the ack still waiting for its delay
    await b.system.shutdown();
    c.nodes.delete('b');
    await c.advance(2 * HEARTBEAT);
    expect(a.deadLetters).to.deep.equal([]);
    expect(a.events.filter((e) => e.type === 'node-down').map((e) => e.reason)).to.deep.equal(['left']);
    await c.end();
  });
});
