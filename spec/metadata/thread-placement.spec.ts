import { expect } from 'chai';
import { pathToFileURL } from 'node:url';
import { Actor, ActorSystem, Child, ConfigurationError, On, Supervisor } from '../../lib';

/** A class a worker could load: it names its module, and the module exports it. */
@Actor({ module: __filename })
export class Loadable {
  @On(String) echo(text: string): string {
    return text;
  }
}

class NoModule {
  @On(String) echo(text: string): string {
    return text;
  }
}

@Actor({ module: __filename })
class NotExported {
  @On(String) echo(text: string): string {
    return text;
  }
}

/** Supervisors stay on the main thread. */
@Supervisor()
export class PlacedSupervisor {}

export class Db {}

/** Takes an injected provider, which cannot cross to a worker. */
@Actor({ module: __filename })
export class NeedsDb {
  constructor(readonly db: Db) {}

  @On(String) echo(text: string): string {
    return text;
  }
}

async function startError(Root: new () => object): Promise<ConfigurationError> {
  try {
    const system = await ActorSystem.start(Root, { logger: null, providers: [[Db, new Db()]] });
    await system.shutdown();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('start did not reject');
}

describe('metadata: placing a class on a worker thread', () => {
  it('asks for @Actor({ module }) on a class without one', async () => {
    @Supervisor()
    class App {
      @Child(NoModule, { thread: true }) worker!: unknown;
    }
    const error = await startError(App);
    expect(error.problems).to.deep.equal([
      '@Child(NoModule, { thread: true }) on App.worker places NoModule on a worker thread, but a worker cannot load it: ' +
        'add @Actor({ module: __filename }) to NoModule (import.meta.url in ESM), and export NoModule from that module.',
    ]);
  });

  it('asks to export a class that its module does not export', async () => {
    @Supervisor()
    class App {
      @Child(NotExported, { thread: true }) worker!: unknown;
    }
    const error = await startError(App);
    expect(error.problems).to.have.length(1);
    expect(error.problems[0]).to.contain(`but its module '${__filename}' does not export it: add 'export' to class NotExported there.`);
  });

  it('says a file: URL module names no file, and leaves an ES module otherwise to the worker that imports it', async () => {
    class Missing {}
    Actor({ module: 'file:///nowhere/missing.mjs' })(Missing);
    class Elsewhere {}
    Actor({ module: pathToFileURL(__filename).href })(Elsewhere); // not exported: only the worker can tell
    @Supervisor()
    class App {
      @Child(Missing, { thread: true }) missing!: unknown;
      @Child(Elsewhere, { thread: true }) elsewhere!: unknown;
    }
    const error = await startError(App);
    expect(error.problems).to.deep.equal([
      "@Child(Missing, { thread: true }) on App.missing places Missing on a worker thread, but its module 'file:///nowhere/missing.mjs' (from @Actor({ module })) cannot be loaded: there is no such file.",
    ]);
  });

  it('keeps supervisors, and actors with injected providers, on the main thread, saying why', async () => {
    @Supervisor()
    class App {
      @Child(PlacedSupervisor, { thread: true }) sub!: unknown;
      @Child(NeedsDb, { thread: true }) db!: unknown;
    }
    const error = await startError(App);
    expect(error.problems).to.deep.equal([
      '@Child(PlacedSupervisor, { thread: true }) on App.sub: PlacedSupervisor is a supervisor, and supervisors stay on the main thread. Put { thread: true } on its children instead.',
      '@Child(NeedsDb, { thread: true }) on App.db: the constructor of NeedsDb takes injected providers, which cannot cross to a worker thread. Inject only the Context there, and send the worker what it needs in messages.',
    ]);
  });

  it('checks spawn({ thread: true }) the same way, at the call', async () => {
    @Supervisor()
    class Empty {}
    const system = await ActorSystem.start(Empty, { logger: null });
    expect(() => system.spawn(NoModule, { thread: true })).to.throw(ConfigurationError, 'add @Actor({ module: __filename }) to NoModule');
    await system.shutdown();
  });

  it('validates the options at decoration time', () => {
    expect(() => Actor({ module: 42 as never })(class Bad {})).to.throw(ConfigurationError, "option 'module' must be a non-empty string");
    expect(() => {
      @Supervisor()
      class App {
        @Child(Loadable, { redundancy: 2, threads: 2 }) pool!: unknown;
      }
      return App;
    }).to.throw(ConfigurationError, "option 'threads' spreads the members over worker threads; add 'thread: true' or remove 'threads'");
    expect(() => {
      @Supervisor()
      class App {
        @Child(Loadable, { thread: true, threads: 2 }) one!: unknown;
      }
      return App;
    }).to.throw(ConfigurationError, "option 'threads' applies to groups only");
    expect(() => {
      @Supervisor()
      class App {
        @Child(Loadable, { thread: 'yes' as never }) one!: unknown;
      }
      return App;
    }).to.throw(ConfigurationError, "option 'thread' must be true or false");
  });
});
