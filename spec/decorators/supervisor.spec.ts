import { expect } from 'chai';
import { Child, On, Supervisor, type ActorRef, type SupervisorOptions } from '../../lib';
import { configurationFailure, startRoot, thrownAtDecoration } from './support';

describe('@Supervisor', () => {
  class Ping {}
  class Worker {
    @On(Ping) ping() {
      return 'worker pong';
    }
  }

  it('makes the class a supervisor whose @Child properties become its children, in declaration order', async () => {
    @Supervisor()
    class App {
      @Child(Worker) first!: ActorRef;
      @Child(Worker) second!: ActorRef;
    }
    const system = await startRoot(App);
    const tree = system.tree();
    expect(tree.kind).to.equal('supervisor');
    expect(tree.path).to.equal('/app');
    expect(tree.children.map((c) => [c.path, c.kind])).to.deep.equal([
      ['/app/first', 'actor'],
      ['/app/second', 'actor'],
    ]);
    await system.shutdown();
  });

  it('may also have @On handlers, answered at the root', async () => {
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      @On(Ping) ping() {
        return 'supervisor pong';
      }
    }
    const system = await startRoot(App);
    expect(await system.root.ask(new Ping())).to.equal('supervisor pong');
    await system.shutdown();
  });

  it('sets the @Child properties before the supervisor`s beforeStart', async () => {
    let seenInBeforeStart: string | undefined;
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      beforeStart() {
        seenInBeforeStart = this.worker?.path;
      }
    }
    const system = await startRoot(App);
    expect(seenInBeforeStart).to.equal('/app/worker');
    await system.shutdown();
  });

  it('accepts every documented option, including maxRestarts 0 and Infinity', () => {
    expect(() => {
      @Supervisor({ strategy: 'one-for-all', maxRestarts: 0, withinMs: 1000 })
      class Strict {}
      @Supervisor({ strategy: 'rest-for-one', maxRestarts: Infinity })
      class Lenient {}
      return [Strict, Lenient];
    }).to.not.throw();
  });

  it('throws ConfigurationError at decoration time for an unknown option key, naming the key', () => {
    const error = thrownAtDecoration(() => {
      @Supervisor({ retsart: 'permanent' } as unknown as SupervisorOptions)
      class Misspelt {}
      return Misspelt;
    });
    expect(error.message).to.include('retsart');
    expect(error.message).to.include('Misspelt');
  });

  it('rejects an unknown strategy with ConfigurationError naming the value', async () => {
    const error = await configurationFailure(() => {
      @Supervisor({ strategy: 'bogus' } as unknown as SupervisorOptions)
      class BogusStrategy {}
      return startRoot(BogusStrategy);
    });
    expect(error.message).to.include('bogus');
  });

  for (const maxRestarts of [-1, Number.NaN]) {
    it(`rejects maxRestarts ${maxRestarts} with ConfigurationError`, async () => {
      const error = await configurationFailure(() => {
        @Supervisor({ maxRestarts })
        class BadIntensity {}
        return startRoot(BadIntensity);
      });
      expect(error.message).to.include('maxRestarts');
    });
  }

  for (const withinMs of [-5, Number.NaN]) {
    it(`rejects withinMs ${withinMs} with ConfigurationError`, async () => {
      const error = await configurationFailure(() => {
        @Supervisor({ withinMs })
        class BadWindow {}
        return startRoot(BadWindow);
      });
      expect(error.message).to.include('withinMs');
    });
  }
});
