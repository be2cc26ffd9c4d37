import { expect } from 'chai';
import { Actor, Child, Otherwise, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { cluster, type Cluster } from '../cluster/support';
import { killLeftovers } from '../support/harness';
import { Forward, Here, Probe, WhereAreYou } from './fixtures/actors';

@Supervisor()
class ThreadNode {
  @Child(Probe, { thread: true })
  probe!: ActorRef;
}

@Actor()
class Echo {
  @Otherwise()
  echo(message: unknown, ctx: Context): string {
    return `${String(message)} (echoed by ${ctx.path} on node b)`;
  }
}

@Supervisor()
class PlainNode {
  @Child(Echo)
  echo!: ActorRef;
}

describe('threads: refs across nodes', function () {
  this.timeout(30000);
  let c: Cluster;
  afterEach(async () => {
    await c?.end();
    killLeftovers();
  });

  it('reaches an actor on a worker thread of another node, and it reaches back', async () => {
    c = cluster();
    await c.start('a', ThreadNode);
    const b = await c.start('b', PlainNode);
    await c.advance(300);
    const remote = b.system.lookupActor('rampart://a/app/probe')!;
    const asking = remote.ask<Here>(new WhereAreYou());
    let here: Here | undefined;
    void asking.then((value) => (here = value));
    await c.until(() => here !== undefined, 20000);
    expect(here).to.be.instanceOf(Here);
    expect(here!.mainThread).to.equal(false);
    expect(here!.path).to.equal('/app/probe');
    // the worker on node a asks an actor of node b, whose ref came in the message, across the link
    let echoed: unknown;
    void remote.ask(new Forward(b.system.lookupActor('/app/echo')!, 'across')).then((value) => (echoed = value));
    await c.until(() => echoed !== undefined, 20000);
    expect(echoed).to.equal('across (echoed by /app/echo on node b)');
  });
});
