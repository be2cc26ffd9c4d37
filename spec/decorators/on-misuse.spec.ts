import { expect } from 'chai';
import { On, Otherwise, type MessageType } from '../../lib';
import { startWith, thrownAtDecoration } from './support';

class Ping {}
class Pong {}

/** What a JavaScript caller (or an `as any`) can pass where a class belongs. */
const loose = (value: unknown) => value as MessageType;

describe('@On misuse: a ConfigurationError at decoration time that says what to write instead', () => {
  describe('a type that is a function without a prototype, which can never match', () => {
    it('@On(() => Ping) says to pass the class itself, not a function returning it: @On(Ping)', () => {
      const error = thrownAtDecoration(() => {
        class Arrowed {
          @On(loose(() => Ping)) handle() {}
        }
        return Arrowed;
      });
      expect(error.message).to.include('Arrowed#handle');
      expect(error.message).to.include('pass the class itself, not a function returning it');
      expect(error.message).to.include('@On(Ping)');
    });

    it('an async arrow, a method and a bound function are refused too (no prototype, never a match)', () => {
      const holder = { method() {} };
      for (const type of [async () => Ping, holder.method, Ping.bind(null)]) {
        const error = thrownAtDecoration(() => {
          class NoPrototype {
            @On(loose(type)) handle() {}
          }
          return NoPrototype;
        });
        expect(error.message).to.include('NoPrototype#handle').and.to.include('no prototype');
        expect(error.message).to.include('pass the class itself');
      }
    });
  });

  describe('an inferred type that is Function or Object', () => {
    it('Function (a function-typed parameter) says to import the class as a value or to pass @On(Type)', () => {
      const error = thrownAtDecoration(() => {
        class Callbacks {
          @On() handle(_callback: () => void) {}
        }
        return Callbacks;
      });
      expect(error.message).to.include('Callbacks#handle').and.to.include('design type is Function');
      expect(error.message).to.include('import the class as a value').and.to.include('@On(MyMessage)');
    });

    it('Object (an interface) gets the same advice', () => {
      interface Shape {
        size: number;
      }
      const error = thrownAtDecoration(() => {
        class Shapes {
          @On() handle(_shape: Shape) {}
        }
        return Shapes;
      });
      expect(error.message).to.include('Shapes#handle').and.to.include('design type is Object');
      expect(error.message).to.include('import the class as a value').and.to.include('@On(MyMessage)');
    });
  });

  describe('two handlers of one class for the same type', () => {
    it('@On(Ping) on two methods names both methods and says to keep one', () => {
      const error = thrownAtDecoration(() => {
        class Twice {
          @On(Ping) a() {}
          @On(Ping) b() {}
        }
        return Twice;
      });
      expect(error.message).to.include('Twice#b').and.to.include('Twice#a').and.to.include('Ping');
      expect(error.message).to.include('one handler per message type');
    });

    it('one inferred and one explicit handler for the same class clash too', () => {
      const error = thrownAtDecoration(() => {
        class Mixed {
          @On() inferred(_ping: Ping) {}
          @On(Ping) explicit() {}
        }
        return Mixed;
      });
      expect(error.message).to.include('Mixed#explicit').and.to.include('Mixed#inferred');
    });

    it('two @On(String) clash, and so do two handlers for the same primitive by inference', () => {
      const explicit = thrownAtDecoration(() => {
        class Strings {
          @On(String) a() {}
          @On(String) b() {}
        }
        return Strings;
      });
      expect(explicit.message).to.include('Strings#b').and.to.include('Strings#a').and.to.include('String');
      const inferred = thrownAtDecoration(() => {
        class Numbers {
          @On(Number) a() {}
          @On() b(_n: number) {}
        }
        return Numbers;
      });
      expect(inferred.message).to.include('Numbers#b').and.to.include('Number');
    });

    it('the same @On(Ping) twice on one method is refused as well', () => {
      const error = thrownAtDecoration(() => {
        class Stutter {
          @On(Ping)
          @On(Ping)
          a() {}
        }
        return Stutter;
      });
      expect(error.message).to.include('Stutter#a').and.to.include('twice');
    });

    it('stays legal for a subclass: its handler for a type its base handles overrides it (most derived wins)', async () => {
      class Base {
        @On(Ping) base() {
          return 'base';
        }
        @On(Pong) pong() {
          return 'pong';
        }
      }
      class Derived extends Base {
        @On(Ping) derived() {
          return 'derived';
        }
        @Otherwise() other() {
          return 'other';
        }
      }
      const { system, ref } = await startWith(Derived);
      expect(await ref.ask(new Ping())).to.equal('derived');
      expect(await ref.ask(new Pong())).to.equal('pong');
      await system.shutdown();
    });

    it('handlers of one class for different types stay legal', () => {
      class Distinct {
        @On(Ping) a() {}
        @On(Pong) b() {}
        @On(String) c() {}
        @On(Number) d() {}
      }
      expect(Distinct).to.be.a('function');
    });
  });
});
