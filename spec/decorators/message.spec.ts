import { expect } from 'chai';
import { Child, Message, On, Supervisor, type ActorRef } from '../../lib';
import { messageClassFor } from '../../lib/metadata';
import { configurationFailure, startRoot, startWith } from './support';

/** Wire names live in a process-wide registry: every spec uses its own. */
let counter = 0;
const wireName = (label: string) => `spec.decorators.message.${label}.${++counter}`;

describe('@Message', () => {
  it('records the wire name of the class', () => {
    const name = wireName('recorded');
    @Message(name)
    class Recorded {}
    expect(messageClassFor(name)).to.equal(Recorded);
  });

  it('leaves the message class usable: instances still match @On through the prototype chain', async () => {
    @Message(wireName('greeting'))
    class Greeting {
      constructor(readonly who: string) {}
    }
    class LoudGreeting extends Greeting {}
    class Greeter {
      @On(Greeting) greet(message: Greeting) {
        return `hello ${message.who}`;
      }
    }
    const { system, ref } = await startWith(Greeter);
    expect(new Greeting('x')).to.be.instanceOf(Greeting);
    expect(await ref.ask(new Greeting('ann'))).to.equal('hello ann');
    expect(await ref.ask(new LoudGreeting('bob'))).to.equal('hello bob');
    await system.shutdown();
  });

  it('accepts distinct wire names on distinct classes', async () => {
    @Message(wireName('left'))
    class Left {}
    @Message(wireName('right'))
    class Right {}
    class Both {
      @On(Left) left() {
        return 'left';
      }
      @On(Right) right() {
        return 'right';
      }
    }
    const { system, ref } = await startWith(Both);
    expect(await ref.ask(new Left())).to.equal('left');
    expect(await ref.ask(new Right())).to.equal('right');
    await system.shutdown();
  });

  it('refuses a second, different class with the same wire name (at decoration or at start)', async () => {
    const shared = wireName('clash');
    const error = await configurationFailure(() => {
      @Message(shared)
      class Original {}
      @Message(shared)
      class Impostor {}
      class Listener {
        @On(Original) original() {}
        @On(Impostor) impostor() {}
      }
      @Supervisor()
      class App {
        @Child(Listener) listener!: ActorRef;
      }
      return startRoot(App);
    });
    expect(error.message).to.include(shared);
  });

  it('refuses two different classes that share both a class name and a wire name', async () => {
    const shared = wireName('same-class-name');
    const error = await configurationFailure(() => {
      const fromModuleA = (() => {
        @Message(shared)
        class OrderPlaced {
          readonly source = 'a';
        }
        return OrderPlaced;
      })();
      const fromModuleB = (() => {
        @Message(shared)
        class OrderPlaced {
          readonly source = 'b';
        }
        return OrderPlaced;
      })();
      class Listener {
        @On(fromModuleA) a() {}
        @On(fromModuleB) b() {}
      }
      @Supervisor()
      class App {
        @Child(Listener) listener!: ActorRef;
      }
      return startRoot(App);
    });
    expect(error.message).to.include(shared);
  });
});
