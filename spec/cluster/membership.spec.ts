import { expect } from 'chai';
import { ActorSystem, Child, ClusterError, ConfigurationError, MemoryNetwork, On, Supervisor, memoryTransport } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { killLeftovers } from '../support/harness';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster, nodeEvents } from './support';

class Echo {
  @On(String)
  echo(text: string): string {
    return text;
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: unknown;
}

describe('cluster membership (memory transport, virtual time)', () => {
  afterEach(killLeftovers);

  it('lists the live nodes, sorted, this one included, as soon as start resolves', async () => {
    const c = cluster();
    await c.start('b', App);
    await c.start('a', App);
    expect(c.at('a').system.nodes()).to.deep.equal(['a', 'b']);
    expect(c.at('b').system.nodes()).to.deep.equal(['a', 'b']);
    expect(c.at('a').system.node).to.equal('a');
    await c.end();
  });

  it('emits node-up when a node is first heard, and node-down left when it shuts down', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    await c.advance(HEARTBEAT * 3);
    expect(nodeEvents(a)).to.deep.equal(['node-up b']);
    expect(a.events.find((e) => e.type === 'node-up')?.path).to.equal('/');
    await b.system.shutdown();
    c.nodes.delete('b');
    expect(nodeEvents(a)).to.deep.equal(['node-up b', 'node-down b left']);
    expect(a.system.nodes()).to.deep.equal(['a']);
    await c.end();
  });

  it('declares a crashed node down, unreachable, once failureTimeoutMs passes without a heartbeat', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    c.network.crash('b');
    await c.advance(FAILURE_TIMEOUT - HEARTBEAT);
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    await c.advance(HEARTBEAT * 3);
    expect(a.system.nodes()).to.deep.equal(['a']);
    expect(nodeEvents(a)).to.deep.equal(['node-up b', 'node-down b unreachable']);
    await c.end();
  });

  it('declares a killed node down at once: its inbox is gone (no responders)', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    b.system.kill();
    c.nodes.delete('b');
    a.system.lookupActor('rampart://b/app/echo')!.tell('hello?');
    await c.scheduler.advanceBy(0);
    expect(nodeEvents(a)).to.deep.equal(['node-up b', 'node-down b unreachable']);
    await c.end();
  });

  it('rejects start with ClusterError when a live node already has the name', async () => {
    const c = cluster();
    await c.start('a', App);
    let error: unknown;
    try {
      await c.start('a', App);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ClusterError);
    expect((error as ClusterError).code).to.equal('CLUSTER');
    expect((error as Error).message).to.contain("node name 'a' is taken");
    await c.end();
  });

  it('lets two clusters with different names share one network without mixing', async () => {
    const network = new MemoryNetwork();
    const scheduler = new VirtualScheduler();
    const start = (node: string, name: string) =>
      ActorSystem.start(App, { scheduler, logger: null, cluster: { transport: memoryTransport(network), node, name } });
    const x = await start('a', 'red');
    const y = await start('a', 'blue');
    const z = await start('b', 'blue');
    expect(x.nodes()).to.deep.equal(['a']);
    expect(y.nodes()).to.deep.equal(['a', 'b']);
    for (const s of [x, y, z]) s.kill();
  });

  it('refuses bad cluster options with one ConfigurationError that names each problem', async () => {
    let error: unknown;
    try {
      await ActorSystem.start(App, {
        cluster: { transport: {} as never, node: 'no spaces', heartbeatIntervalMs: 1000, failureTimeoutMs: 500, outboxLimit: 0, nodes: 1 } as never,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).to.contain("option 'cluster'.transport must be a cluster transport: natsTransport({ servers }) or memoryTransport()");
    expect(problems).to.contain("option 'cluster'.node must be 1-64 characters of letters, digits, '_' and '-'");
    expect(problems).to.contain('failureTimeoutMs (500) must be longer than heartbeatIntervalMs (1000)');
    expect(problems).to.contain("option 'cluster'.outboxLimit must be a finite integer >= 1");
    expect(problems).to.contain("unknown option 'nodes' (did you mean 'node'?)");
  });

  it('never takes back an incarnation it declared down: after a long partition the node rejoins as a new one', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    c.network.partition(['a'], ['b']);
    await c.advance(FAILURE_TIMEOUT * 2);
    expect(a.system.nodes()).to.deep.equal(['a']);
    expect(b.system.nodes()).to.deep.equal(['b']);
    c.network.heal();
    await c.advance(HEARTBEAT * 6);
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    expect(b.system.nodes()).to.deep.equal(['a', 'b']);
    expect(nodeEvents(a)).to.deep.equal(['node-up b', 'node-down b unreachable', 'node-up b']);
    expect(await a.system.lookupActor('rampart://b/app/echo')!.ask('whole again')).to.equal('whole again');
    await c.end();
  });

  it('heals a one-sided view: the node that was declared down rejoins when it finds itself missing', async () => {
    const c = cluster();
    const a = await c.start('a', App, { failureTimeoutMs: FAILURE_TIMEOUT * 10 });
    const b = await c.start('b', App);
    // Only b's patience runs out: b declares a down, a still counts b as up.
    c.network.partition(['a'], ['b']);
    await c.advance(FAILURE_TIMEOUT * 2);
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    expect(b.system.nodes()).to.deep.equal(['b']);
    c.network.heal();
    await c.advance(HEARTBEAT * 8);
    expect(nodeEvents(b)).to.deep.equal(['node-down a unreachable', 'node-up a']); // its first node-up came during its start
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    expect(b.system.nodes()).to.deep.equal(['a', 'b']);
    expect(await b.system.lookupActor('rampart://a/app/echo')!.ask('ping')).to.equal('ping');
    await c.end();
  });

  it('holds no timer after every node has shut down', async () => {
    const c = cluster();
    await c.start('a', App);
    await c.start('b', App);
    await c.end();
    expect(c.scheduler.pending).to.equal(0);
  });
});
