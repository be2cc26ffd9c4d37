import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context, GroupRef } from '../../lib';
import { groupAt, killLeftovers, shutdown, startSystem, track, until } from './helpers';

class Ping {}

describe('system.broadcast with groups', () => {
  afterEach(killLeftovers);

  it('reaches every non-supervisor actor once, group members included (also those a resize added), and no supervisor', async () => {
    const received: string[] = [];
    class Listener {
      @On(Ping) ping(_: Ping, ctx: Context): void {
        received.push(ctx.path);
      }
    }
    @Supervisor()
    class Inner {
      @Child(Listener, { redundancy: 2 }) pool!: GroupRef;
      @On(Ping) ping(): void {
        received.push('inner supervisor');
      }
    }
    @Supervisor()
    class App {
      @Child(Listener) solo!: ActorRef;
      @Child(Listener, { redundancy: 3 }) workers!: GroupRef;
      @Child(Inner) inner!: ActorRef;
      @On(Ping) ping(): void {
        received.push('root supervisor');
      }
    }
    const h = await startSystem(App);
    h.system.spawn(Listener, { name: 'spawned' });
    const grown = track(groupAt(h.system, '/app/inner/pool').resize(3));
    await until(h, grown);

    h.system.broadcast(new Ping());
    await h.scheduler.advanceBy(0);

    expect([...received].sort()).to.deep.equal([
      '/app/inner/pool/0',
      '/app/inner/pool/1',
      '/app/inner/pool/2',
      '/app/solo',
      '/app/spawned',
      '/app/workers/0',
      '/app/workers/1',
      '/app/workers/2',
    ]);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('skips members stopped for good, without dead letters', async () => {
    const received: string[] = [];
    class Listener {
      @On(Ping) ping(_: Ping, ctx: Context): void {
        received.push(ctx.path);
      }
    }
    @Supervisor()
    class App {
      @Child(Listener, { redundancy: 3 }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    await groupAt(h.system, '/app/workers').members[0].stop();

    h.system.broadcast(new Ping());
    await h.scheduler.advanceBy(0);

    expect([...received].sort()).to.deep.equal(['/app/workers/1', '/app/workers/2']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });
});
