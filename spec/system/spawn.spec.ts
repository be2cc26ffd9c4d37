import { expect } from 'chai';
import { Actor, ActorSystem, Child, ConfigurationError, Context, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';

describe('system.spawn', () => {
  class WhoAreYou {}

  class Echo {
    @On(WhoAreYou) who(_: WhoAreYou, ctx: Context) {
      return { path: ctx.path, parent: ctx.parent?.path };
    }
  }
  @Supervisor()
  class App {
    @Child(Echo) worker!: ActorRef;
  }

  let system: ActorSystem;
  beforeEach(async () => {
    system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
  });
  afterEach(async () => {
    await system.shutdown();
  });

  it('adds a dynamic child under the root, reachable by lookup and shown in tree()', async () => {
    const ref = system.spawn(Echo, { name: 'extra' });

    expect(ref.path).to.equal('/app/extra');
    expect(system.lookup('/app/extra')?.path).to.equal('/app/extra');
    expect(await ref.ask(new WhoAreYou())).to.deep.equal({ path: '/app/extra', parent: '/app' });
    const children = system.tree().children.map((node) => ({ path: node.path, kind: node.kind }));
    expect(children).to.deep.equal([
      { path: '/app/worker', kind: 'actor' },
      { path: '/app/extra', kind: 'actor' },
    ]);
  });

  it('runs beforeStart and delivers messages told right after spawn, in order', async () => {
    const log: string[] = [];
    class Recorder {
      async beforeStart() {
        await settle(1);
        log.push('started');
      }
      @On(String) note(text: string) {
        log.push(text);
      }
    }

    const ref = system.spawn<string>(Recorder, { name: 'recorder' });
    ref.tell('one');
    ref.tell('two');
    await settle();

    expect(log).to.deep.equal(['started', 'one', 'two']);
  });

  it('picks a unique name when none is given', async () => {
    const first = system.spawn(Echo);
    const second = system.spawn(Echo);

    expect(first.path).to.match(/^\/app\/[^/]+$/);
    expect(second.path).to.match(/^\/app\/[^/]+$/);
    expect(first.path).to.not.equal(second.path);
    expect(first.path).to.not.equal('/app/worker');
    expect(system.lookup(first.path)?.path).to.equal(first.path);
    expect(system.lookup(second.path)?.path).to.equal(second.path);
    expect(system.tree().children.map((node) => node.path)).to.include.members([first.path, second.path]);
    expect(await second.ask(new WhoAreYou())).to.deep.equal({ path: second.path, parent: '/app' });
  });

  it('uses @Actor({ name }) as the default segment, and still keeps names unique', () => {
    @Actor({ name: 'ping-service' })
    class Pinger {}

    const first = system.spawn(Pinger);
    const second = system.spawn(Pinger);

    expect(first.path).to.match(/^\/app\/ping-service/);
    expect(second.path).to.match(/^\/app\/ping-service/);
    expect(second.path).to.not.equal(first.path);
  });

  it('throws ConfigurationError for an undecorated class with constructor parameters', () => {
    class Service {}
    class NeedsService {
      constructor(readonly service: Service) {}
    }

    let thrown: unknown;
    try {
      system.spawn(NeedsService, { name: 'needs' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).to.be.instanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).code).to.equal('CONFIGURATION_ERROR');
    expect((thrown as Error).message).to.include('NeedsService').and.to.include('@Actor()');
    expect(system.lookup('/app/needs')).to.equal(undefined);
  });
});
