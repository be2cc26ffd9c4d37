import { expect } from 'chai';
import { ActorSystem, ConfigurationError, On, Supervisor, type Logger } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { rejectionOf } from './helpers';

class Db {
  constructor(readonly name: string) {}
}
class Cache {}

@Supervisor()
class App {
  @On(String) echo(text: string) {
    return text;
  }
}

describe('ActorSystem.start options', () => {
  describe('providers', () => {
    it('lists each token once: a token given twice is a ConfigurationError naming the token and both indices', async () => {
      const error = await rejectionOf(
        ActorSystem.start(App, {
          scheduler: new VirtualScheduler(),
          providers: [
            [Db, new Db('a')],
            [Cache, new Cache()],
            [Db, new Db('b')],
          ],
        }),
      );
      expect(error).to.be.instanceOf(ConfigurationError);
      const message = (error as ConfigurationError).message;
      expect(message).to.include('ActorSystem.start(App)');
      expect(message).to.include('providers[2]').and.to.include('providers[0]').and.to.include('Db');
      expect(message).to.include('list each token once');
    });
  });

  describe('logger', () => {
    it('accepts null (silence)', async () => {
      const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler(), logger: null });
      expect(await system.root.ask('hi')).to.equal('hi');
      await system.shutdown();
    });

    it('still refuses something that is not a logger, saying what fits', async () => {
      const error = await rejectionOf(
        ActorSystem.start(App, { scheduler: new VirtualScheduler(), logger: { warn() {} } as unknown as Logger }),
      );
      expect(error).to.be.instanceOf(ConfigurationError);
      expect((error as Error).message).to.include("option 'logger'").and.to.include('console fits');
    });
  });
});
