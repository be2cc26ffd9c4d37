import { expect } from 'chai';
import { isMainThread, threadId } from 'node:worker_threads';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers, startSystem } from '../support/harness';
import { Count, Here, NamedByUrl, Probe, WhereAreYou } from './fixtures/actors';

@Supervisor()
class OneOnAThread {
  @Child(Probe, { thread: true })
  probe!: ActorRef;
}

describe('threads: placement', function () {
  this.timeout(20000);
  afterEach(killLeftovers);

  it('runs the handler of a { thread: true } child off the main thread, at its path', async () => {
    const h = await startSystem(OneOnAThread);
    const ref = h.system.lookupActor('/app/probe')!;
    const here = await ref.ask<Here>(new WhereAreYou());
    expect(isMainThread).to.equal(true);
    expect(here).to.be.instanceOf(Here);
    expect(here.mainThread).to.equal(false);
    expect(here.threadId).to.not.equal(threadId);
    expect(here.path).to.equal('/app/probe');
    expect(ref.path).to.equal('/app/probe');
    expect(h.system.tree().children[0]).to.include({ path: '/app/probe', kind: 'actor', thread: here.threadId });
    await h.system.shutdown();
  });

  it('spawns on a thread a class whose module is a file: URL (import.meta.url in ESM)', async () => {
    const h = await startSystem(OneOnAThread);
    const ref = h.system.spawn(NamedByUrl, { thread: true, name: 'by-url' });
    const here = await ref.ask<Here>(new WhereAreYou());
    expect(here.mainThread).to.equal(false);
    expect(here.path).to.equal('/app/by-url');
    await h.system.shutdown();
  });

  it('keeps the order of tells and answers every ask', async () => {
    const h = await startSystem(OneOnAThread);
    const ref = h.system.lookupActor('/app/probe')!;
    const answers = await Promise.all(Array.from({ length: 1000 }, () => ref.ask<number>(new Count())));
    expect(answers).to.deep.equal(Array.from({ length: 1000 }, (_, i) => i + 1));
    await h.system.shutdown();
  });
});
