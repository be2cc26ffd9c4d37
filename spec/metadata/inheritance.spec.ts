import { expect } from 'chai';
import { Child, On, Otherwise, Supervisor, UnhandledMessageError, type ActorRef } from '../../lib';
import { startRoot, startWith } from '../decorators/support';

describe('metadata inheritance', () => {
  class Ping {}
  class Status {}
  class Extra {}

  class BaseWorker {
    @On(Ping) ping() {
      return 'base ping';
    }
    @On(Status) status() {
      return 'base status';
    }
  }

  it('a subclass keeps its parent`s @On handlers', async () => {
    class Derived extends BaseWorker {}
    const { system, ref } = await startWith(Derived);
    expect(await ref.ask(new Ping())).to.equal('base ping');
    expect(await ref.ask(new Status())).to.equal('base status');
    await system.shutdown();
  });

  it('a subclass may override one handler and keep the others', async () => {
    class Overriding extends BaseWorker {
      @On(Ping) override ping() {
        return 'derived ping';
      }
    }
    const { system, ref } = await startWith(Overriding);
    expect(await ref.ask(new Ping())).to.equal('derived ping');
    expect(await ref.ask(new Status())).to.equal('base status');
    await system.shutdown();
  });

  it('a handler added in a subclass does not leak into the parent class', async () => {
    class Extended extends BaseWorker {
      @On(Extra) extra() {
        return 'extra';
      }
    }
    const derived = await startWith(Extended);
    expect(await derived.ref.ask(new Extra())).to.equal('extra');
    await derived.system.shutdown();

    const base = await startWith(BaseWorker);
    let caught: unknown;
    await base.ref.ask(new Extra()).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(UnhandledMessageError);
    await base.system.shutdown();
  });

  it('a subclass keeps its parent`s @Otherwise', async () => {
    class Lenient {
      @Otherwise() fallback() {
        return 'fallback';
      }
    }
    class StrictSubclass extends Lenient {
      @On(Ping) ping() {
        return 'ping';
      }
    }
    const { system, ref } = await startWith(StrictSubclass);
    expect(await ref.ask(new Ping())).to.equal('ping');
    expect(await ref.ask(new Extra())).to.equal('fallback');
    await system.shutdown();
  });

  it('a subclass of a supervisor keeps its parent`s children and may add more, without changing the parent', async () => {
    class Worker {
      @On(Ping) ping() {
        return 'pong';
      }
    }
    @Supervisor()
    class BaseApp {
      @Child(Worker) worker!: ActorRef;
    }
    @Supervisor()
    class DerivedApp extends BaseApp {
      @Child(Worker) helper!: ActorRef;
    }
    const derived = await startRoot(DerivedApp);
    expect(derived.tree().children.map((c) => c.path)).to.deep.equal(['/app/worker', '/app/helper']);
    await derived.shutdown();
    const base = await startRoot(BaseApp);
    expect(base.tree().children.map((c) => c.path)).to.deep.equal(['/app/worker']);
    await base.shutdown();
  });
});
