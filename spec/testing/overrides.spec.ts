import { expect } from 'chai';
import { Actor, ActorSystem, Child, ConfigurationError, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { startTestSystem, VirtualScheduler, type TestKit } from '../../lib/testing';

class Who {}
class SpawnOne {}

/** The real service: in a test, it would reach the outside world. */
class Mailer {
  @On(Who)
  who(): string {
    return 'real mailer';
  }
}

/** Its stand-in. */
class FakeMailer {
  @On(Who)
  who(_who: Who, ctx: Context): string {
    return `fake at ${ctx.path}`;
  }
}

@Actor({ name: 'gateway' })
class Gateway {
  @On(Who)
  who(): string {
    return 'real gateway';
  }
}

@Actor({ name: 'stub' })
class FakeGateway {
  @On(Who)
  who(_who: Who, ctx: Context): string {
    return `fake gateway at ${ctx.path}`;
  }
}

/** Spawns a Mailer and a Gateway on request, and answers their paths. */
class Spawner {
  @On(SpawnOne)
  async spawn(_spawn: SpawnOne, ctx: Context): Promise<string[]> {
    return [await ctx.spawn(Mailer).ask<string>(new Who()), await ctx.spawn(Gateway).ask<string>(new Who())];
  }
}

@Supervisor()
class App {
  @Child(Mailer) mailer!: ActorRef;
  @Child(Mailer, { redundancy: 2 }) mailers!: ActorRef;
  @Child(Spawner) spawner!: ActorRef;
}

@Supervisor()
class RealRoot {
  @Child(Mailer) mailer!: ActorRef;
}

@Supervisor()
class FakeRoot {
  @Child(FakeMailer) stand!: ActorRef;
}

const who = (kit: TestKit, path: string) => kit.system.lookup(path)!.ask<string>(new Who());

describe('startTestSystem options.overrides', () => {
  let kit: TestKit | undefined;
  afterEach(async () => {
    await kit?.shutdown();
    kit = undefined;
  });

  it('builds the fake for a @Child, in a group and for spawn, at the paths the tree declares', async () => {
    kit = await startTestSystem(App, { overrides: [[Mailer, FakeMailer], [Gateway, FakeGateway]], logger: null });

    expect(await who(kit, '/app/mailer')).to.equal('fake at /app/mailer');
    expect(await who(kit, '/app/mailers/0')).to.equal('fake at /app/mailers/0');
    expect(await who(kit, '/app/mailers/1')).to.equal('fake at /app/mailers/1');
    expect(await kit.system.lookupActor('/app/spawner')!.ask(new SpawnOne())).to.deep.equal([
      'fake at /app/spawner/mailer',
      'fake gateway at /app/spawner/gateway',
    ]);
    expect(await kit.system.spawn(Gateway).ask(new Who())).to.equal('fake gateway at /app/gateway');
  });

  it('builds the fake at the root, under the root name of the real class', async () => {
    kit = await startTestSystem(RealRoot, { overrides: [[RealRoot, FakeRoot]], logger: null });

    expect(kit.system.root.path).to.equal('/realRoot');
    expect(await who(kit, '/realRoot/stand')).to.equal('fake at /realRoot/stand');
    expect(kit.system.lookup('/realRoot/mailer')).to.equal(undefined);
  });

  it('stays within its system: another system builds the real classes', async () => {
    kit = await startTestSystem(App, { overrides: [[Mailer, FakeMailer]], logger: null });
    const plain = await ActorSystem.start(App, { scheduler: new VirtualScheduler(), logger: null });
    try {
      expect(await plain.lookup('/app/mailer')!.ask(new Who())).to.equal('real mailer');
      expect(await who(kit, '/app/mailer')).to.equal('fake at /app/mailer');
    } finally {
      plain.kill();
    }
  });

  it('is a ConfigurationError when it is not an array', async () => {
    let error: unknown;
    await startTestSystem(App, { overrides: Mailer as never }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigurationError);
    expect((error as Error).message).to.equal(
      'startTestSystem(App) options.overrides must be an array of [RealClass, FakeClass] pairs, got class Mailer. Write it as overrides: [[RealClass, FakeClass]].',
    );
  });

  it('lists every bad entry in one ConfigurationError: not a pair, not classes, a class overridden twice', async () => {
    let error: unknown;
    await startTestSystem(App, {
      overrides: [[Mailer, FakeMailer], [Mailer] as never, [Gateway, 'FakeGateway'] as never, [Mailer, FakeGateway]],
    }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).to.deep.equal([
      'startTestSystem(App) options.overrides[1] must be a pair of two classes, [RealClass, FakeClass], got [class Mailer].',
      "startTestSystem(App) options.overrides[2] must be a pair of two classes, [RealClass, FakeClass], got [class Gateway, 'FakeGateway'].",
      'startTestSystem(App) options.overrides[3] overrides Mailer again (it is already overridden at startTestSystem(App) options.overrides[0]), so it is unclear which fake to build. ' +
        'Remove one of the two: override each class once.',
    ]);
  });

  it('checks the fake like any actor class, naming it', async () => {
    class NotASupervisor {
      @Child(Mailer) mailer!: ActorRef;
    }
    let error: unknown;
    await startTestSystem(App, { overrides: [[Mailer, NotASupervisor]], logger: null }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigurationError);
    expect((error as Error).message).to.equal("NotASupervisor declares @Child on 'mailer' but is not a supervisor. Add @Supervisor() to NotASupervisor.");
  });
});
