import { expect } from 'chai';
import { Actor, Child, On, Supervisor, type ActorRef, type ChildOptions, type Context, type GroupRef } from '../../lib';
import { configurationFailure, rejectedAtStart, startRoot, thrownAtDecoration } from './support';

describe('@Child', () => {
  class Ping {}
  class Worker {
    @On(Ping) ping(_m: Ping, ctx: Context) {
      return ctx.path;
    }
  }

  it('sets the property to an ActorRef at /<root>/<property name>', async () => {
    let held: ActorRef | undefined;
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      beforeStart() {
        held = this.worker;
      }
    }
    const system = await startRoot(App);
    expect(held?.path).to.equal('/app/worker');
    expect(await held!.ask(new Ping())).to.equal('/app/worker');
    await system.shutdown();
  });

  it('uses the `name` option as the path segment', async () => {
    @Supervisor()
    class App {
      @Child(Worker, { name: 'renamed' }) worker!: ActorRef;
    }
    const system = await startRoot(App);
    expect(system.lookup('/app/renamed')).to.not.equal(undefined);
    expect(system.lookup('/app/worker')).to.equal(undefined);
    await system.shutdown();
  });

  it('sets the property to a GroupRef with `redundancy` members', async () => {
    let group: GroupRef | undefined;
    @Supervisor()
    class App {
      @Child(Worker, { redundancy: 3 }) workers!: GroupRef;
      beforeStart() {
        group = this.workers;
      }
    }
    const system = await startRoot(App);
    expect(group?.size).to.equal(3);
    expect(group!.members.map((m) => m.path)).to.deep.equal(['/app/workers/0', '/app/workers/1', '/app/workers/2']);
    expect(system.tree().children[0].kind).to.equal('group');
    expect(system.lookup('/app/workers')).to.equal(group);
    await system.shutdown();
  });

  it('accepts redundancy 1 (a group of one)', async () => {
    @Supervisor()
    class App {
      @Child(Worker, { redundancy: 1 }) workers!: GroupRef;
    }
    const system = await startRoot(App);
    expect((system.lookup('/app/workers') as GroupRef).size).to.equal(1);
    await system.shutdown();
  });

  describe('misuse', () => {
    it('outside a @Supervisor class: ActorSystem.start rejects, naming the class and the property', async () => {
      class NotASupervisor {
        @Child(Worker) strayChild!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(NotASupervisor));
      expect(error.message).to.include('NotASupervisor');
      expect(error.message).to.include('strayChild');
    });

    it('outside a @Supervisor class deeper in the tree: start rejects, naming the class and the property', async () => {
      class PlainParent {
        @Child(Worker) orphanChild!: ActorRef;
      }
      @Supervisor()
      class App {
        @Child(PlainParent) parent!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(App));
      expect(error.message).to.include('PlainParent');
      expect(error.message).to.include('orphanChild');
    });

    it('combined with @Actor on the same class: throws at decoration time', () => {
      const error = thrownAtDecoration(() => {
        @Actor()
        class ActorWithChild {
          @Child(Worker) misplaced!: ActorRef;
        }
        return ActorWithChild;
      });
      expect(error.message).to.include('ActorWithChild');
      expect(error.message).to.include('misplaced');
    });

    it('two children with the same name: start rejects, naming both properties', async () => {
      @Supervisor()
      class Clash {
        @Child(Worker, { name: 'twin' }) firstTwin!: ActorRef;
        @Child(Worker, { name: 'twin' }) secondTwin!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(Clash));
      expect(error.message).to.include('Clash');
      expect(error.message).to.include('twin');
      expect(error.message).to.include('firstTwin');
      expect(error.message).to.include('secondTwin');
    });

    it('an explicit name equal to another child`s property name: start rejects, naming both', async () => {
      @Supervisor()
      class Clash {
        @Child(Worker) shared!: ActorRef;
        @Child(Worker, { name: 'shared' }) impostor!: ActorRef;
      }
      const error = await rejectedAtStart(startRoot(Clash));
      expect(error.message).to.include('shared');
      expect(error.message).to.include('impostor');
    });

    for (const redundancy of [0, -1, 1.5]) {
      it(`redundancy ${redundancy}: throws at decoration time, naming the class and property`, () => {
        const error = thrownAtDecoration(() => {
          @Supervisor()
          class BadGroup {
            @Child(Worker, { redundancy }) pool!: GroupRef;
          }
          return BadGroup;
        });
        expect(error.message).to.include('redundancy');
        expect(error.message).to.include('pool');
      });
    }

    it('an unknown option key: throws at decoration time, naming the key', () => {
      const error = thrownAtDecoration(() => {
        @Supervisor()
        class Misspelt {
          @Child(Worker, { retsart: 'permanent' } as unknown as ChildOptions) worker!: ActorRef;
        }
        return Misspelt;
      });
      expect(error.message).to.include('retsart');
      expect(error.message).to.include('worker');
    });

    it('an unknown restart policy: ConfigurationError naming the value', async () => {
      const error = await configurationFailure(() => {
        @Supervisor()
        class BadPolicy {
          @Child(Worker, { restart: 'sometimes' } as unknown as ChildOptions) worker!: ActorRef;
        }
        return startRoot(BadPolicy);
      });
      expect(error.message).to.include('sometimes');
    });

    it('a negative `tries`: ConfigurationError', async () => {
      const error = await configurationFailure(() => {
        @Supervisor()
        class BadTries {
          @Child(Worker, { tries: -1 }) worker!: ActorRef;
        }
        return startRoot(BadTries);
      });
      expect(error.message).to.include('tries');
    });

    it('an unknown dispatch strategy: ConfigurationError naming the value', async () => {
      const error = await configurationFailure(() => {
        @Supervisor()
        class BadDispatch {
          @Child(Worker, { redundancy: 2, dispatch: 'bogus' } as unknown as ChildOptions) pool!: GroupRef;
        }
        return startRoot(BadDispatch);
      });
      expect(error.message).to.include('bogus');
    });

    it('a child class that is undefined (e.g. a circular import): ConfigurationError naming the property', async () => {
      const error = await configurationFailure(() => {
        const Missing = undefined as unknown as typeof Worker;
        @Supervisor()
        class BrokenImport {
          @Child(Missing) ghost!: ActorRef;
        }
        return startRoot(BrokenImport);
      });
      expect(error.message).to.include('ghost');
    });

    it('an arrow function returning the class, @Child(() => Worker): ConfigurationError at decoration saying to pass the class', () => {
      const lazy = (() => Worker) as unknown as typeof Worker;
      const error = thrownAtDecoration(() => {
        @Supervisor()
        class Lazy {
          @Child(lazy) worker!: ActorRef;
        }
        return Lazy;
      });
      expect(error.message).to.include('Lazy#worker');
      expect(error.message).to.include('@Child(Worker)');
      expect(error.message).to.include('a lazy () => Worker is not supported');
    });

    it('any other function without a prototype (a method, a bound class): ConfigurationError at decoration', () => {
      const holder = { make() {} };
      for (const fn of [holder.make, Worker.bind(null)]) {
        const error = thrownAtDecoration(() => {
          @Supervisor()
          class NoPrototype {
            @Child(fn as unknown as typeof Worker) worker!: ActorRef;
          }
          return NoPrototype;
        });
        expect(error.message).to.include('NoPrototype#worker').and.to.include('no prototype');
      }
    });
  });
});
