import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRefOf, RefOf } from '../../lib';
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

describe('system.lookupActor / lookupGroup', () => {
  class Echo {
    @On(String) echo(text: string) {
      return `echo ${text}`;
    }
  }
  @Supervisor()
  class App {
    @Child(Echo) worker!: RefOf<Echo>;
    @Child(Echo, { redundancy: 2 }) pool!: GroupRefOf<Echo>;
  }

  it('narrow lookup to one kind, undefined for the other kind', async () => {
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    try {
      expect(system.lookupActor<string>('/app/worker')?.path).to.equal('/app/worker');
      expect(system.lookupGroup<string>('/app/worker')).to.equal(undefined);
      expect(system.lookupGroup<string>('/app/pool')?.size).to.equal(2);
      expect(system.lookupActor<string>('/app/pool')).to.equal(undefined);
      expect(system.lookupActor<string>('/app/pool/0')?.path).to.equal('/app/pool/0');
      expect(system.lookupActor('/app/nobody')).to.equal(undefined);
      expect(system.lookupGroup('/app/nobody')).to.equal(undefined);
      expect(await system.lookupGroup<string>('/app/pool')!.ask<string>('hi')).to.equal('echo hi');
    } finally {
      await system.shutdown();
    }
  });

  it('a typed ref from spawn(A) is the same ref at run time', async () => {
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    try {
      const spawned = system.spawn(Echo, { name: 'typed' });
      const reply: string = await spawned.ask('typed');
      expect(reply).to.equal('echo typed');
      expect(system.lookupActor('/app/typed')?.address).to.equal(spawned.address);
    } finally {
      await system.shutdown();
    }
  });
});
