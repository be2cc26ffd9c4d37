/**
 * Races between watch and stop. A watch of an actor that has already stopped delivers
 * `Terminated` at once, and leaves nothing behind: when that path's static child is rebuilt
 * (its supervisor restarted) and watched again, its next stop delivers `Terminated` again.
 */
import { expect } from 'chai';
import { Child, On, Supervisor, Terminated } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { advanceUntil, killLeftovers, probe, refAt, shutdown, startSystem } from './helpers';

const got: string[] = [];

class Watcher {
  @On(String)
  watch(_msg: string, ctx: Context): void {
    ctx.watch(ctx.system.lookup('/app/target') as ActorRef ?? targetRef);
  }

  @On(Terminated)
  terminated(msg: Terminated): void {
    got.push(`Terminated ${msg.ref.path}`);
  }
}

let targetRef: ActorRef;

@Supervisor({ maxRestarts: 5 })
class App {
  @Child(probe('target', [])) target!: ActorRef;
  @Child(Watcher) watcher!: ActorRef;

  @On(Number)
  fail(): void {
    throw new Error('the root fails, so its subtree is rebuilt');
  }
}

describe('regressions (hunt): watch, stop and rebuild', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('delivers Terminated at once for a watch of an actor that already stopped (guard)', async () => {
    got.length = 0;
    const h = await startSystem(App);
    targetRef = refAt(h.system, '/app/target');
    await targetRef.stop();
    await refAt(h.system, '/app/watcher').ask('watch');
    await advanceUntil(h.scheduler, () => got.length > 0, 10, 5);
    expect(got).to.deep.equal(['Terminated /app/target']);
    await shutdown(h);
  });

  it('delivers Terminated again when a rebuilt static child is watched again and stops', async () => {
    got.length = 0;
    const h = await startSystem(App);
    targetRef = refAt(h.system, '/app/target');
    await targetRef.stop();
    await refAt(h.system, '/app/watcher').ask('watch'); // watched after it died: Terminated at once
    await advanceUntil(h.scheduler, () => got.length > 0, 10, 5);
    h.system.root.tell(1); // the root restarts and rebuilds /app/target
    await advanceUntil(h.scheduler, () => h.system.lookup('/app/target') !== undefined, 10, 10);
    expect(h.system.lookup('/app/target'), 'the target was rebuilt').to.not.equal(undefined);
    await refAt(h.system, '/app/watcher').ask('watch');
    await refAt(h.system, '/app/target').stop();
    await advanceUntil(h.scheduler, () => got.length > 1, 10, 5);
    expect(got).to.deep.equal(['Terminated /app/target', 'Terminated /app/target']);
    await shutdown(h);
  });
});
