import { expect } from 'chai';
import { Child, On, Otherwise, Supervisor, type ActorRef } from '../../lib';
import { recordingLogger, startRoot } from '../decorators/support';

describe('a child class with no handler', () => {
  it('is allowed: the system starts', async () => {
    class SilentAllowed {}
    @Supervisor()
    class App {
      @Child(SilentAllowed) silent!: ActorRef;
    }
    const logger = recordingLogger();
    const system = await startRoot(App, { logger });
    expect(system.lookup('/app/silent')).to.not.equal(undefined);
    await system.shutdown();
  });

  it('is warned about through the logger exactly once, even across two starts', async () => {
    class SilentOnce {}
    @Supervisor()
    class App {
      @Child(SilentOnce) silent!: ActorRef;
    }
    const logger = recordingLogger();
    const first = await startRoot(App, { logger });
    await first.shutdown();
    const second = await startRoot(App, { logger });
    await second.shutdown();
    const mentions = logger.calls.warn.filter((line) => line.includes('SilentOnce'));
    expect(mentions, `warnings: ${JSON.stringify(logger.calls.warn)}`).to.have.length(1);
  });

  it('is warned about once even when it appears twice in one tree', async () => {
    class SilentTwice {}
    @Supervisor()
    class App {
      @Child(SilentTwice) left!: ActorRef;
      @Child(SilentTwice) right!: ActorRef;
    }
    const logger = recordingLogger();
    const system = await startRoot(App, { logger });
    await system.shutdown();
    expect(logger.calls.warn.filter((line) => line.includes('SilentTwice'))).to.have.length(1);
  });

  it('is not warned about when it has an @On handler or an @Otherwise', async () => {
    class Ping {}
    class HasHandler {
      @On(Ping) ping() {}
    }
    class HasOtherwise {
      @Otherwise() any() {}
    }
    @Supervisor()
    class App {
      @Child(HasHandler) handler!: ActorRef;
      @Child(HasOtherwise) otherwise!: ActorRef;
    }
    const logger = recordingLogger();
    const system = await startRoot(App, { logger });
    await system.shutdown();
    const mentions = logger.calls.warn.filter((line) => line.includes('HasHandler') || line.includes('HasOtherwise'));
    expect(mentions).to.deep.equal([]);
  });
});
