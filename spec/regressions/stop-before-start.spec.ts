/**
 * `ref.stop()` is graceful even before the actor has started: the messages already queued are
 * handled, then `afterStop` runs, and never before `beforeStart` has finished.
 */
import { expect } from 'chai';
import { On } from '../../lib';
import type { Context } from '../../lib';
import { advanceUntil, deferred, killLeftovers, shutdown, startSystem, track } from './helpers';
import { Supervisor } from '../../lib';

@Supervisor()
class App {}

function recorder(log: string[], beforeStart?: () => Promise<void>) {
  class Recorder {
    beforeStart(): void | Promise<void> {
      log.push('beforeStart begin');
      if (beforeStart === undefined) return;
      return beforeStart().then(() => void log.push('beforeStart end'));
    }

    afterStop(): void {
      log.push('afterStop');
    }

    @On(String)
    handle(msg: string, _ctx: Context): void {
      log.push(`got ${msg}`);
    }
  }
  return Recorder;
}

describe('regressions: stop before the actor has started', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('handles the queued messages, then runs afterStop, when ref.stop() comes right after system.spawn()', async () => {
    const h = await startSystem(App);
    const log: string[] = [];
    const ref = h.system.spawn(recorder(log), { name: 'early' });
    ref.tell('a');
    ref.tell('b');
    const stopped = track(ref.stop());
    await advanceUntil(h.scheduler, stopped, 100, 10);
    expect(stopped.settled, 'stop() settled').to.equal(true);
    expect(log).to.deep.equal(['beforeStart begin', 'got a', 'got b', 'afterStop']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('runs afterStop only after an async beforeStart has finished, with the queued message handled in between', async () => {
    const h = await startSystem(App);
    const log: string[] = [];
    const gate = deferred();
    const ref = h.system.spawn(
      recorder(log, () => gate.promise),
      { name: 'slow' },
    );
    ref.tell('a');
    await h.scheduler.advanceBy(0);
    const stopped = track(ref.stop());
    await h.scheduler.advanceBy(100);
    expect(log, 'nothing stops while beforeStart runs').to.deep.equal(['beforeStart begin']);
    gate.resolve();
    await advanceUntil(h.scheduler, stopped, 100, 10);
    expect(stopped.settled, 'stop() settled').to.equal(true);
    expect(log).to.deep.equal(['beforeStart begin', 'beforeStart end', 'got a', 'afterStop']);
    await shutdown(h);
  });

  it('handles the messages queued during an async beforeStart when ref.stop() comes meanwhile', async () => {
    const h = await startSystem(App);
    const log: string[] = [];
    const ref = h.system.spawn(
      recorder(log, () => new Promise((resolve) => h.scheduler.schedule(() => resolve(), 500))),
      { name: 'timed' },
    );
    ref.tell('a');
    await h.scheduler.advanceBy(100);
    ref.tell('b');
    const stopped = track(ref.stop());
    await advanceUntil(h.scheduler, stopped, 100, 20);
    expect(stopped.settled, 'stop() settled').to.equal(true);
    expect(log).to.deep.equal(['beforeStart begin', 'beforeStart end', 'got a', 'got b', 'afterStop']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });
});
