/**
 * Death watch keys on addresses. A watcher that replaces a worker at the same path (stop it,
 * spawn a new one with the same name, watch that) watches the new one: when it stops for
 * good, a Terminated arrives, as one did for the old one.
 */
import { expect } from 'chai';
import { On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { advanceUntil, killLeftovers, shutdown, startSystem } from './helpers';

class Worker {
  @On(String)
  handle(): void {}
}

describe('regressions (review): death watch and a path that is reused', function () {
  this.timeout(4000);
  afterEach(killLeftovers);

  it('delivers Terminated for a worker watched again after it was replaced at the same path within one handler', async () => {
    const got: string[] = [];
    class Boss {
      private worker: ActorRef | undefined;

      @On(String)
      async handle(msg: string, ctx: Context): Promise<void> {
        if (msg === 'hire') {
          this.worker = ctx.spawn(Worker, { name: 'worker' });
          ctx.watch(this.worker);
        } else if (msg === 'replace') {
          await this.worker!.stop();
          this.worker = ctx.spawn(Worker, { name: 'worker' });
          ctx.watch(this.worker);
        } else if (msg === 'fire') {
          await this.worker!.stop();
        }
      }

      @On(Terminated)
      terminated(t: Terminated): void {
        got.push(`terminated ${t.ref.path}`);
      }
    }
    @Supervisor()
    class App {}
    const h = await startSystem(App);
    const boss = h.system.spawn(Boss, { name: 'boss' });
    boss.tell('hire');
    boss.tell('replace');
    await advanceUntil(h.scheduler, () => got.length >= 1, 10, 20);
    boss.tell('fire');
    await advanceUntil(h.scheduler, () => got.length >= 2, 10, 20);
    expect(got, 'one Terminated for the old worker, one for the new').to.deep.equal([
      'terminated /app/boss/worker',
      'terminated /app/boss/worker',
    ]);
    await shutdown(h);
  });
});
