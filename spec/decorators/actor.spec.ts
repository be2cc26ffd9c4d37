import { expect } from 'chai';
import { Actor, On, Supervisor, type ActorOptions } from '../../lib';
import { configurationFailure, startRoot, startWith, thrownAtDecoration } from './support';

describe('@Actor', () => {
  class Ping {}

  it('leaves a plain actor class working as a child', async () => {
    @Actor()
    class Worker {
      @On(Ping) ping() {
        return 'pong';
      }
    }
    const { system, ref } = await startWith(Worker);
    expect(await ref.ask(new Ping())).to.equal('pong');
    await system.shutdown();
  });

  it('uses `name` as the default path segment when the class is spawned', async () => {
    @Actor({ name: 'custom-name' })
    class Named {
      @On(Ping) ping() {
        return 'named';
      }
    }
    @Supervisor()
    class App {}
    const system = await startRoot(App);
    const ref = system.spawn(Named);
    expect(ref.path).to.equal('/app/custom-name');
    expect(await ref.ask(new Ping())).to.equal('named');
    expect(system.lookup('/app/custom-name')).to.not.equal(undefined);
    await system.shutdown();
  });

  it('accepts a valid bounded mailbox', () => {
    expect(() => {
      @Actor({ mailbox: { capacity: 10, overflow: 'drop-oldest' } })
      class Bounded {}
      return Bounded;
    }).to.not.throw();
  });

  it('throws ConfigurationError at decoration time for an unknown option key, naming the key', () => {
    const error = thrownAtDecoration(() => {
      @Actor({ nmae: 'typo' } as unknown as ActorOptions)
      class Misspelt {}
      return Misspelt;
    });
    expect(error.message).to.include('nmae');
    expect(error.message).to.include('Misspelt');
  });

  it('rejects an unknown overflow policy with ConfigurationError', async () => {
    const error = await configurationFailure(() => {
      @Actor({ mailbox: { capacity: 5, overflow: 'bogus' } } as unknown as ActorOptions)
      class BadOverflow {}
      return startWith(BadOverflow).then((started) => started.system);
    });
    expect(error.message).to.include('bogus');
  });

  it('rejects a negative mailbox capacity with ConfigurationError', async () => {
    const error = await configurationFailure(() => {
      @Actor({ mailbox: { capacity: -1, overflow: 'drop-newest' } })
      class NegativeCapacity {}
      return startWith(NegativeCapacity).then((started) => started.system);
    });
    expect(error.message).to.include('capacity');
  });
});
