import { expect } from 'chai';
import { ConfigurationError, On, RampartError, type Context } from '../../lib';
import { startWith, thrownAtDecoration, WORKER_PATH } from './support';
import type { TypeOnlyMessage } from './type-only-message';

describe('@On', () => {
  class Ping {}
  class Pong {}

  it('routes instances of the explicit class type to the method, and the return value is the reply', async () => {
    class Worker {
      @On(Ping) ping(_message: unknown) {
        return 'pong';
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal('pong');
    await system.shutdown();
  });

  it('infers the message class from the first parameter when no type is given', async () => {
    class Worker {
      @On() ping(message: Ping) {
        return message instanceof Ping ? 'inferred ping' : 'wrong';
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal('inferred ping');
    await system.shutdown();
  });

  it('lets an explicit type override the parameter type', async () => {
    class Worker {
      @On(Pong) handle(_message: Ping) {
        return 'explicit wins';
      }
      @On(Ping) ping() {
        return 'ping handler';
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Pong())).to.equal('explicit wins');
    expect(await ref.ask(new Ping())).to.equal('ping handler');
    await system.shutdown();
  });

  it('accepts several @On on one method, each routing its own type to it', async () => {
    const seen: string[] = [];
    class Worker {
      @On(Ping)
      @On(Pong)
      either(message: Ping | Pong) {
        seen.push(message.constructor.name);
        return seen.length;
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal(1);
    expect(await ref.ask(new Pong())).to.equal(2);
    expect(seen).to.deep.equal(['Ping', 'Pong']);
    await system.shutdown();
  });

  it('passes the context as the second argument', async () => {
    class Worker {
      @On(Ping) ping(_message: Ping, ctx: Context) {
        return ctx.path;
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal(WORKER_PATH);
    await system.shutdown();
  });

  it('replies to an ask with the resolved value of an async handler', async () => {
    class Worker {
      @On(Ping) async ping() {
        await Promise.resolve();
        return 'late pong';
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal('late pong');
    await system.shutdown();
  });

  it('calls the handler with `this` bound to the actor instance', async () => {
    class Worker {
      count = 0;
      @On(Ping) ping() {
        this.count += 1;
        return this.count;
      }
    }
    const { system, ref } = await startWith(Worker);
    ref.tell(new Ping());
    expect(await ref.ask(new Ping())).to.equal(2);
    await system.shutdown();
  });

  describe('when the type cannot be inferred, throws ConfigurationError at decoration time', () => {
    interface Shape {
      sides: number;
    }

    function expectNamed(error: ConfigurationError, className: string, method: string) {
      expect(error).to.be.instanceOf(RampartError);
      expect(error.message).to.include(className);
      expect(error.message).to.include(method);
    }

    it('for an interface parameter, naming the class and method', () => {
      const error = thrownAtDecoration(() => {
        class InterfaceActor {
          @On() handleShape(_message: Shape) {}
        }
        return InterfaceActor;
      });
      expectNamed(error, 'InterfaceActor', 'handleShape');
    });

    it('for a union parameter', () => {
      const error = thrownAtDecoration(() => {
        class UnionActor {
          @On() handleEither(_message: Ping | Pong) {}
        }
        return UnionActor;
      });
      expectNamed(error, 'UnionActor', 'handleEither');
    });

    it('for an `any` parameter', () => {
      const error = thrownAtDecoration(() => {
        class AnyActor {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          @On() handleAnything(_message: any) {}
        }
        return AnyActor;
      });
      expectNamed(error, 'AnyActor', 'handleAnything');
    });

    it('for an `unknown` parameter', () => {
      const error = thrownAtDecoration(() => {
        class UnknownActor {
          @On() handleUnknown(_message: unknown) {}
        }
        return UnknownActor;
      });
      expectNamed(error, 'UnknownActor', 'handleUnknown');
    });

    it('for an `object` parameter', () => {
      const error = thrownAtDecoration(() => {
        class ObjectActor {
          @On() handleObject(_message: object) {}
        }
        return ObjectActor;
      });
      expectNamed(error, 'ObjectActor', 'handleObject');
    });

    it('for a method with no parameter', () => {
      const error = thrownAtDecoration(() => {
        class NoParamActor {
          @On() handleNothing() {}
        }
        return NoParamActor;
      });
      expectNamed(error, 'NoParamActor', 'handleNothing');
    });

    it('for a class that was imported with `import type` (metadata says Object)', () => {
      const error = thrownAtDecoration(() => {
        class TypeOnlyActor {
          @On() handleTypeOnly(_message: TypeOnlyMessage) {}
        }
        return TypeOnlyActor;
      });
      expectNamed(error, 'TypeOnlyActor', 'handleTypeOnly');
    });
  });
});
