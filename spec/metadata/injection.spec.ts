import { expect } from 'chai';
import { Actor, ActorSystem, Child, ConfigurationError, Context, On, Supervisor, type ActorRef } from '../../lib';
import { rejectedAtStart, startRoot, startWith, WORKER_PATH } from '../decorators/support';

describe('constructor injection', () => {
  class Query {}

  it('gives a parameter typed Context the actor`s own context', async () => {
    @Actor()
    class Worker {
      constructor(private readonly ctx: Context) {}
      @On(Query) where() {
        return [this.ctx.path, this.ctx.self.path];
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Query())).to.deep.equal([WORKER_PATH, WORKER_PATH]);
    await system.shutdown();
  });

  it('gives a parameter the instance registered for its class in `providers`', async () => {
    class Database {
      readonly rows = ['a', 'b'];
    }
    const db = new Database();
    @Actor()
    class Repository {
      constructor(private readonly database: Database) {}
      @On(Query) count() {
        return [this.database === db, this.database.rows.length];
      }
    }
    const { system, ref } = await startWith(Repository, { providers: [[Database, db]] });
    expect(await ref.ask(new Query())).to.deep.equal([true, 2]);
    await system.shutdown();
  });

  it('mixes providers and the context in any order', async () => {
    class Clock {
      now() {
        return 42;
      }
    }
    class Config {
      readonly region = 'eu';
    }
    @Actor()
    class Mixed {
      constructor(
        private readonly config: Config,
        private readonly ctx: Context,
        private readonly clock: Clock,
      ) {}
      @On(Query) describe() {
        return `${this.config.region}@${this.clock.now()}:${this.ctx.path}`;
      }
    }
    const { system, ref } = await startWith(Mixed, {
      providers: [
        [Clock, new Clock()],
        [Config, new Config()],
      ],
    });
    expect(await ref.ask(new Query())).to.equal(`eu@42:${WORKER_PATH}`);
    await system.shutdown();
  });

  it('injects into a @Supervisor constructor too', async () => {
    class Settings {
      readonly answer = 7;
    }
    class Worker {}
    let seen: number | undefined;
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      constructor(settings: Settings, ctx: Context) {
        seen = settings.answer + (ctx.path === '/app' ? 0 : 100);
      }
    }
    const system = await startRoot(App, { providers: [[Settings, new Settings()]] });
    expect(seen).to.equal(7);
    await system.shutdown();
  });

  it('rejects start with ConfigurationError naming the class and the index of an unregistered parameter', async () => {
    class Cache {}
    @Actor()
    class NeedsCache {
      constructor(_ctx: Context, _cache: Cache) {}
    }
    @Supervisor()
    class App {
      @Child(NeedsCache) worker!: ActorRef;
    }
    const error = await rejectedAtStart(startRoot(App));
    expect(error.message).to.include('NeedsCache');
    expect(error.message).to.match(/\b1\b/);
    expect(error.problems.some((p) => p.includes('NeedsCache'))).to.equal(true);
  });

  it('does not construct anything when a parameter cannot be resolved', async () => {
    class Cache {}
    const constructed: string[] = [];
    class First {
      constructor() {
        constructed.push('first');
      }
    }
    @Actor()
    class Second {
      constructor(_cache: Cache) {
        constructed.push('second');
      }
    }
    @Supervisor()
    class App {
      @Child(First) first!: ActorRef;
      @Child(Second) second!: ActorRef;
    }
    await rejectedAtStart(startRoot(App));
    expect(constructed).to.deep.equal([]);
  });

  describe('an undecorated class', () => {
    it('with no constructor parameters is constructed without arguments', async () => {
      let args: number | undefined;
      class Plain {
        constructor(...rest: unknown[]) {
          args = rest.length;
        }
        @On(Query) ok() {
          return 'ok';
        }
      }
      const { system, ref } = await startWith(Plain);
      expect(await ref.ask(new Query())).to.equal('ok');
      expect(args).to.equal(0);
      await system.shutdown();
    });

    it('whose only parameters have defaults (length 0) is fine', async () => {
      class Defaults {
        constructor(readonly greeting = 'hi') {}
        @On(Query) greet() {
          return this.greeting;
        }
      }
      const { system, ref } = await startWith(Defaults);
      expect(await ref.ask(new Query())).to.equal('hi');
      await system.shutdown();
    });

    it('that declares parameters makes start reject with ConfigurationError saying to add @Actor()', async () => {
      class Database {}
      class Undecorated {
        constructor(readonly db: Database) {}
      }
      @Supervisor()
      class App {
        @Child(Undecorated) worker!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(App, { providers: [[Database, new Database()]] }));
      expect(error.message).to.include('Undecorated');
      expect(error.message).to.include('@Actor');
    });

    it('that declares parameters makes spawn throw ConfigurationError saying to add @Actor()', async () => {
      class UndecoratedSpawn {
        constructor(readonly n: number) {}
      }
      @Supervisor()
      class App {}
      const system: ActorSystem = await startRoot(App);
      let caught: unknown;
      try {
        system.spawn(UndecoratedSpawn);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigurationError);
      expect((caught as Error).message).to.include('UndecoratedSpawn');
      expect((caught as Error).message).to.include('@Actor');
      await system.shutdown();
    });
  });

  describe('@Actor({ inject })', () => {
    class Database {}
    const db = new Database();

    it('gives the constructor the named types in order, and wins over design:paramtypes', async () => {
      @Actor({ inject: [Database, Context] })
      class Repository {
        // Emitted design:paramtypes say (Object, Object); `inject` says what to pass.
        constructor(
          private readonly database: unknown,
          private readonly ctx: unknown,
        ) {}
        @On(Query) where() {
          return [this.database === db, (this.ctx as Context).path];
        }
      }
      const { system, ref } = await startWith(Repository, { providers: [[Database, db]] });
      expect(await ref.ask(new Query())).to.deep.equal([true, WORKER_PATH]);
      await system.shutdown();
    });

    it('names too few types: a ConfigurationError at start that says to list one per parameter', async () => {
      @Actor({ inject: [Context] })
      class Repository {
        constructor(
          readonly ctx: Context,
          readonly database: Database,
        ) {}
        @On(Query) where() {}
      }
      @Supervisor()
      class App {
        @Child(Repository) repository!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(App, { providers: [[Database, db]] }));
      expect(error.message).to.include(
        "Repository's constructor declares 2 parameter(s), but @Actor({ inject }) names 1 type(s). List one type per parameter, in order: @Actor({ inject: [Context, Db] }).",
      );
    });

    it('is not an array of classes: a ConfigurationError at decoration', () => {
      expect(() => Actor({ inject: ['Database'] as never })).to.not.throw();
      expect(() => {
        @Actor({ inject: ['Database'] as never })
        class Repository {}
        return Repository;
      }).to.throw(ConfigurationError, "@Actor() on Repository: option 'inject' must be an array of classes, one per constructor parameter, but item #0 is 'Database'.");
    });
  });
});
