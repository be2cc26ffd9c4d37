import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';

describe('system.lookup', () => {
  class Echo {
    @On(String) echo(text: string) {
      return `echo ${text}`;
    }
  }
  @Supervisor()
  class Inner {
    @Child(Echo) leaf!: ActorRef;
  }
  @Supervisor()
  class App {
    @Child(Echo) worker!: ActorRef;
    @Child(Inner) inner!: ActorRef;
  }

  let system: ActorSystem;
  beforeEach(async () => {
    system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
  });
  afterEach(async () => {
    await system.shutdown();
  });

  it('returns a working ref for a static child', async () => {
    const ref = system.lookup<string>('/app/worker');

    expect(ref?.path).to.equal('/app/worker');
    expect(await ref!.ask('hi')).to.equal('echo hi');
  });

  it('returns refs for a nested supervisor and its child', async () => {
    expect(system.lookup('/app/inner')?.path).to.equal('/app/inner');
    expect(await system.lookup<string>('/app/inner/leaf')!.ask('deep')).to.equal('echo deep');
  });

  it('returns the root for the root path', () => {
    expect(system.lookup('/app')?.path).to.equal(system.root.path);
  });

  it('returns the ref of a spawned actor', async () => {
    const spawned = system.spawn<string>(Echo, { name: 'extra' });

    const found = system.lookup<string>('/app/extra');

    expect(found?.path).to.equal(spawned.path);
    expect(await found!.ask('spawned')).to.equal('echo spawned');
  });

  it('returns undefined for unknown paths', () => {
    expect(system.lookup('/app/nobody')).to.equal(undefined);
    expect(system.lookup('/app/inner/nobody')).to.equal(undefined);
    expect(system.lookup('/app/worker/child')).to.equal(undefined);
    expect(system.lookup('/other/worker')).to.equal(undefined);
    expect(system.lookup('/')).to.equal(undefined);
  });
});
