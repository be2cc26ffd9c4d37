import { expect } from 'chai';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from './support';

const notices: string[] = [];

class Watcher {
  @On(String)
  watch(address: string, ctx: Context): void {
    ctx.watch(ctx.system.lookupActor(address)!);
  }

  @On(Terminated)
  terminated(notice: Terminated): void {
    notices.push(`${notice.ref.address} ${notice.reason}`);
  }
}

class Target {
  @On(String)
  ping(): string {
    return 'pong';
  }
}

@Supervisor()
class App {
  @Child(Watcher) watcher!: ActorRef;
  @Child(Target) target!: ActorRef;
}

describe('remote death watch (memory transport, virtual time)', () => {
  beforeEach(() => (notices.length = 0));
  afterEach(killLeftovers);

  it('delivers Terminated with reason stopped when the remote actor stops for good', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    a.system.lookupActor('/app/watcher')!.tell('rampart://b/app/target');
    await c.until(() => false, 20);
    expect(notices).to.deep.equal([]);
    await b.system.lookupActor('/app/target')!.stop();
    await c.until(() => notices.length > 0);
    expect(notices).to.deep.equal(['rampart://b/app/target stopped']);
    await c.end();
  });

  it('delivers Terminated at once for a path with no actor', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    a.system.lookupActor('/app/watcher')!.tell('rampart://b/app/nobody');
    await c.until(() => notices.length > 0);
    expect(notices).to.deep.equal(['rampart://b/app/nobody stopped']);
    await c.end();
  });

  it('delivers Terminated with reason node-down when the node goes, and at once for a node that is not up', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    a.system.lookupActor('/app/watcher')!.tell('rampart://b/app/target');
    a.system.lookupActor('/app/watcher')!.tell('rampart://nowhere/app/target');
    await c.until(() => notices.length > 0);
    expect(notices).to.deep.equal(['rampart://nowhere/app/target node-down']);
    c.network.crash('b');
    await c.advance(FAILURE_TIMEOUT + 2 * HEARTBEAT);
    await c.until(() => notices.length > 1);
    expect(notices).to.deep.equal(['rampart://nowhere/app/target node-down', 'rampart://b/app/target node-down']);
    await c.end();
  });

  it('sends no Terminated after unwatch, and forgets the watches of a node that went down', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App);
    const unwatcher = a.system.spawn(Unwatcher, { name: 'unwatcher' });
    unwatcher.tell('rampart://b/app/target');
    await c.until(() => false, 20);
    await b.system.lookupActor('/app/target')!.stop();
    await c.until(() => false, 20);
    expect(notices).to.deep.equal([]);
    await c.end();
  });
});

class Unwatcher {
  @On(String)
  watchThenUnwatch(address: string, ctx: Context): void {
    const ref = ctx.system.lookupActor(address)!;
    ctx.watch(ref);
    ctx.unwatch(ref);
  }

  @On(Terminated)
  terminated(notice: Terminated): void {
    notices.push(`unexpected ${notice.ref.address}`);
  }
}
