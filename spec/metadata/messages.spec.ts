import { expect } from 'chai';
import { Actor, ActorSystem, Child, ConfigurationError, Context, On, Supervisor } from '../../lib';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Shape {
  size: number;
}

async function startError(root: new (...args: any[]) => object, options = {}): Promise<ConfigurationError> {
  try {
    const system = await ActorSystem.start(root, { logger: quiet, ...options });
    await system.shutdown();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected ActorSystem.start to reject');
}

describe('error messages, word for word', () => {
  it('explains an uninferable @On type and how to fix it', () => {
    let error: unknown;
    try {
      class Painter {
        @On() paint(_shape: Shape) {}
      }
      void Painter;
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.equal(
      "@On() on Painter#paint cannot infer the message type: the first parameter's design type is Object. " +
        "That happens for an interface, a union, a literal type, a function type, any, unknown, or a class imported with 'import type' " +
        "(or elided under isolatedModules or verbatimModuleSyntax). To fix it, import the class as a value (not with 'import type'), or pass the type explicitly: @On(MyMessage).",
    );
  });

  it('names the option, suggests the fix for a typo, and lists the allowed options', () => {
    class Worker {
      @On(String) work() {}
    }
    expect(() => Child(Worker, { retsart: 'permanent' } as object)({}, 'worker')).to.throw(
      ConfigurationError,
      "@Child() on Object#worker: unknown option 'retsart' (did you mean 'restart'?); allowed options are " +
        'name, redundancy, restart, tries, backoff, shutdownTimeoutMs, dispatch, mailbox, resize, distributor, thread, threads.',
    );
  });

  it('rejects a non-positive redundancy at decoration time', () => {
    class Worker {
      @On(String) work() {}
    }
    expect(() => {
      @Supervisor()
      class Pool {
        @Child(Worker, { redundancy: 0 }) workers!: unknown;
      }
      void Pool;
    }).to.throw(ConfigurationError, "@Child() on Pool#workers: option 'redundancy' must be an integer >= 1, got 0.");
  });

  it('gathers every start-time problem into one error, each naming class, member and fix', async () => {
    class Database {}
    @Actor()
    class Repository {
      constructor(readonly db: Database, readonly ctx: Context) {}
      @On(String) find() {}
    }
    class Orphan {
      @Child(Repository) repo!: unknown;
    }
    @Supervisor()
    class App {
      @Child(Repository) first!: unknown;
      @Child(Repository, { name: 'first' }) second!: unknown;
      @Child(Orphan) orphan!: unknown;
    }
    const error = await startError(App);
    expect(error.problems).to.deep.equal([
      "Constructor parameter #0 of Repository has type class Database, which rampart cannot resolve. " +
        'Type it as Context, or register a class token for it: ActorSystem.start(Root, { providers: [[Token, instance]] }).',
      "App has two children named 'first': properties 'first' and 'second'. Children's names must be unique within a supervisor: " +
        "give one another name with @Child(Class, { name: '…' }).",
      "Orphan declares @Child on 'repo' but is not a supervisor. Add @Supervisor() to Orphan.",
    ]);
    expect(error.message).to.match(/^Invalid actor configuration \(3 problems\):\n {2}- Constructor parameter #0 of Repository/);
  });

  it('tells an undecorated class with constructor parameters to add @Actor()', async () => {
    class Mailer {
      constructor(readonly host: string) {}
      @On(String) send() {}
    }
    @Supervisor()
    class App {
      @Child(Mailer) mailer!: unknown;
    }
    const error = await startError(App);
    expect(error.message).to.equal(
      "Mailer's constructor declares 1 parameter(s), but Mailer has no class decorator, so TypeScript emitted no parameter types. " +
        'Add @Actor() to Mailer (or @Supervisor() for a supervisor), or remove the parameters.',
    );
  });

  it('rejects an unknown ActorSystem.start option with a suggestion', async () => {
    @Supervisor()
    class App {}
    const error = await startError(App, { askTimeout: 10 });
    expect(error.message).to.equal(
      "ActorSystem.start(App): unknown option 'askTimeout' (did you mean 'askTimeoutMs'?); allowed options are " +
        'name, providers, askTimeoutMs, scheduler, cluster, logger.',
    );
  });
});
