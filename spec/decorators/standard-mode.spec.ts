/**
 * Standard ECMAScript decorators (TypeScript 5 without `experimentalDecorators`).
 * The fixtures in ./standard/ are compiled here, in memory, in that mode (as tsx, esbuild
 * or Vitest would), then run against the same library the legacy specs use.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { Actor, ActorSystem, Child, On, Otherwise, Supervisor, type ActorClass, type ActorRef, type SystemEvent } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { configurationFailure } from './support';

type Loaded = Record<string, any>;

/** Compiles `file` with standard decorators (no metadata) and loads it as a CommonJS module. */
function loadStandard(file: string): Loaded {
  const path = join(__dirname, 'standard', file);
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
    fileName: path,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: false,
      emitDecoratorMetadata: false,
      esModuleInterop: true,
    },
  });
  expect(outputText, 'standard-decorator output').to.contain('__esDecorate');
  const loaded = new Module(path, module) as Module & { _compile(code: string, file: string): void };
  loaded.filename = path;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(join(__dirname, 'standard'));
  loaded._compile(outputText, path);
  return loaded.exports as Loaded;
}

describe('standard decorators (no experimentalDecorators)', () => {
  describe('a tree declared with @Supervisor, @Child, @On(Type), @Otherwise, @Message and @Actor({ inject })', () => {
    const tree = loadStandard('tree.ts');
    let system: ActorSystem;
    let scheduler: VirtualScheduler;
    const db = new tree.Db();

    beforeEach(async () => {
      scheduler = new VirtualScheduler();
      system = await ActorSystem.start(tree.App, { name: 'app', scheduler, providers: [[tree.Db, db]] });
    });
    afterEach(() => system.shutdown());

    it('starts the children in declaration order under the supervisor', () => {
      expect(system.tree().children.map((c) => c.path)).to.deep.equal(['/app/greeter', '/app/flaky', '/app/counter']);
    });

    it('answers asks through @On(Type) and @Otherwise', async () => {
      const greeter = system.lookup('/app/greeter') as ActorRef;
      expect(await greeter.ask(new tree.Greeting('ada'))).to.equal('hello ada');
      expect(await greeter.ask(42)).to.equal('other 42');
    });

    it('injects the Context and the provider named by @Actor({ inject }), and handles tells', async () => {
      const counter = system.lookup('/app/counter') as ActorRef;
      counter.tell(new tree.Count());
      expect(await counter.ask(new tree.Count())).to.equal('/app/counter:2');
      expect(db.rows).to.deep.equal(['/app/counter', '/app/counter']);
      db.rows.length = 0;
    });

    it('restarts a failing child, which then handles messages again', async () => {
      const events: SystemEvent[] = [];
      system.events$.subscribe((event) => events.push(event));
      const flaky = system.lookup('/app/flaky') as ActorRef;
      const before = tree.flakyStarts.length;
      flaky.tell(new tree.Boom());
      await scheduler.advanceBy(0);
      expect(await flaky.ask('still here')).to.equal('still here');
      expect(tree.flakyStarts.length).to.equal(before + 1);
      expect(events.some((e) => e.type === 'restarted' && e.path === '/app/flaky')).to.equal(true);
    });

    it('gives @Message its wire name', () => {
      expect(Reflect.getOwnMetadata(Symbol.for('rampart:actor'), tree.Greeting)?.messageName).to.equal('standard.greeting');
    });
  });

  it('inherits handlers through the prototype chain; the most derived handler wins', async () => {
    const { Ping, Pong, Plain, Derived } = loadStandard('inherit.ts');
    const system = await ActorSystem.start(Plain, { name: 'app', scheduler: new VirtualScheduler() });
    const derived = system.spawn(Derived as ActorClass);
    expect(await system.root.ask(new Ping())).to.equal('base ping');
    expect(await system.root.ask(new Pong())).to.equal('base pong');
    expect(await derived.ask(new Ping())).to.equal('base ping');
    expect(await derived.ask(new Pong())).to.equal('derived pong');
    await system.shutdown();
  });

  it('runs the README example, which the README shows verbatim', async () => {
    expect(await loadStandard('readme.ts').main()).to.equal('hello ada from /app/greeter');
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('\n### Standard decorators\n');
    expect(start, 'the README has a subsection "Standard decorators"').to.be.greaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const fixture = readFileSync(join(__dirname, 'standard', 'readme.ts'), 'utf8').replaceAll("'../../../lib'", "'rampart'").trimEnd();
    expect(blocks).to.deep.equal([fixture]);
  });

  describe('misuse', () => {
    const { misuses } = loadStandard('misuse.ts');
    class Ping {}
    class Worker {
      @On(Ping) ping(): void {}
    }
    const start = async (declare: () => ActorClass) => {
      const system = await ActorSystem.start(declare(), { name: 'app', scheduler: new VirtualScheduler() });
      await system.shutdown();
    };
    const legacy: Record<string, () => Promise<void>> = {
      staticHandler: () =>
        start(() => {
          class Misused {
            @On(Ping) static greet(): void {}
          }
          return Misused;
        }),
      handlerOnField: () =>
        start(() => {
          class Misused {
            greet = 1;
          }
          (On(Ping) as MethodDecorator)(Misused.prototype, 'greet', undefined as never);
          return Misused;
        }),
      twiceTheSameType: () =>
        start(() => {
          class Misused {
            @On(Ping) one(): void {}
            @On(Ping) two(): void {}
          }
          return Misused;
        }),
      twoDefaults: () =>
        start(() => {
          class Misused {
            @Otherwise() one(): void {}
            @Otherwise() two(): void {}
          }
          return Misused;
        }),
      childNotAClass: () =>
        start(() => {
          @Supervisor()
          class Misused {
            @Child(undefined as unknown as ActorClass) worker!: unknown;
          }
          return Misused;
        }),
      childOnActor: () =>
        start(() => {
          @Actor()
          class Misused {
            @Child(Worker) worker!: unknown;
          }
          return Misused;
        }),
      badChildOption: () =>
        start(() => {
          @Supervisor()
          class Misused {
            @Child(Worker, { restrat: 'permanent' } as never) worker!: unknown;
          }
          return Misused;
        }),
      actorAndSupervisor: () =>
        start(() => {
          @Supervisor()
          @Actor()
          class Misused {}
          return Misused;
        }),
    };

    it('@On() without a type says to name the type, naming class and method', async () => {
      const error = await configurationFailure(misuses.untypedOn);
      expect(error.message).to.equal(
        '@On() on Misused#greet: standard decorators (without "experimentalDecorators") emit no parameter types, ' +
          "so the message type cannot be inferred. Name the type: @On(Greeting), with the class of the method's first parameter.",
      );
    });

    it('a constructor with parameters and no inject says to name them with @Actor({ inject })', async () => {
      const error = await configurationFailure(misuses.constructorWithoutInject);
      expect(error.message).to.contain(
        "Needy's constructor declares 1 parameter(s), but standard decorators emit no parameter types. Name them, in order: @Actor({ inject: [Context, Db] }).",
      );
    });

    for (const name of Object.keys(legacy)) {
      it(`${name}: the same ConfigurationError as the legacy form`, async () => {
        const expected = await configurationFailure(legacy[name]);
        const actual = await configurationFailure(misuses[name]);
        expect(actual.message).to.equal(expected.message);
      });
    }
  });
});
