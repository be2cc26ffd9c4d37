import { expect } from 'chai';
import { ActorSystem, Child, Context, On, Supervisor } from '../../lib';
import type { ActorRef, DeadLetter } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { record } from './helpers';

describe('system.broadcast', () => {
  class Ping {}
  class Other {}

  it('reaches every non-supervisor actor once; supervisors do not get it; an unmatched actor dead-letters it', async () => {
    const received: string[] = [];
    class Listener {
      @On(Ping) ping(_: Ping, ctx: Context) {
        received.push(ctx.path);
      }
    }
    class Deaf {
      @On(Other) other() {
        received.push('deaf got other');
      }
    }
    @Supervisor()
    class Inner {
      @Child(Listener) c!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Listener) a!: ActorRef;
      @Child(Inner) inner!: ActorRef;
      @Child(Listener) b!: ActorRef;
      @Child(Deaf) deaf!: ActorRef;
      @On(Ping) ping() {
        received.push('root supervisor');
      }
    }
    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    system.spawn(Listener, { name: 'spawned' });
    const deadLetters = record(system.deadLetters$);
    const ping = new Ping();

    system.broadcast(ping);
    await settle();

    expect([...received].sort()).to.deep.equal(['/app/a', '/app/b', '/app/inner/c', '/app/spawned']);
    expect(deadLetters.map((d: DeadLetter) => ({ path: d.path, reason: d.reason }))).to.deep.equal([
      { path: '/app/deaf', reason: 'unhandled' },
    ]);
    expect(deadLetters[0].message).to.equal(ping);
    await system.shutdown();
  });
});
