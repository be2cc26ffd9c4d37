import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef, SupervisorOptions } from '../../lib';
import type { Harness } from './helpers';
import { eventLog, killLeftovers, probe, refAt, shutdown, startSystem } from './helpers';

/** `/app` (never gives up) > `/app/sup` (the intensity under test) > `/app/sup/w`. */
async function startIntensity(options: SupervisorOptions) {
  const log: string[] = [];
  @Supervisor(options)
  class Sup {
    @Child(probe('w', log)) w!: ActorRef;
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Sup) sup!: ActorRef;
  }
  const h = await startSystem(App);
  return { h, w: refAt(h.system, '/app/sup/w'), log };
}

/** Makes `w` fail at virtual time `at` and lets the supervisor decide. */
async function failAt(h: Harness, w: ActorRef, at: number): Promise<void> {
  await h.scheduler.advanceTo(at);
  w.tell('fail');
  await h.scheduler.advanceBy(0);
}

const gaveUp = (h: Harness) => eventLog(h, ['escalated']).includes('escalated /app/sup');

describe('restart intensity', () => {
  afterEach(killLeftovers);

  it('is a sliding window: 3 failures spread over more than withinMs are fine', async () => {
    const { h, w } = await startIntensity({ maxRestarts: 2, withinMs: 1000 });

    for (const at of [0, 600, 1300]) await failAt(h, w, at);

    expect(gaveUp(h)).to.equal(false);
    expect(eventLog(h, ['restarted'])).to.deep.equal(Array(3).fill('restarted /app/sup/w'));
    expect(await w.ask('who')).to.equal('w#4 restarts 3');
    await shutdown(h);
  });

  it('gives up at the restart that makes more than maxRestarts within withinMs', async () => {
    const { h, w } = await startIntensity({ maxRestarts: 2, withinMs: 1000 });

    await failAt(h, w, 0);
    await failAt(h, w, 100);
    expect(gaveUp(h)).to.equal(false);
    await failAt(h, w, 200);

    expect(gaveUp(h)).to.equal(true);
    await shutdown(h);
  });

  it('slides rather than resets: failures at 600, 1300 and 1500 give up although 0 has left the window', async () => {
    const { h, w } = await startIntensity({ maxRestarts: 2, withinMs: 1000 });

    for (const at of [0, 600, 1300]) await failAt(h, w, at);
    expect(gaveUp(h)).to.equal(false);
    await failAt(h, w, 1500);

    expect(gaveUp(h)).to.equal(true);
    await shutdown(h);
  });

  it('gives up at the first failure with maxRestarts: 0', async () => {
    const { h, w, log } = await startIntensity({ maxRestarts: 0 });
    log.length = 0;

    await failAt(h, w, 0);

    const steps = eventLog(h, ['failed', 'escalated']);
    expect(steps[0]).to.equal('failed /app/sup/w');
    expect(steps.slice(1)).to.have.members(['escalated /app/sup', 'failed /app/sup']);
    expect(log.filter((entry) => entry === 'restart w'), 'w is not restarted by /app/sup itself').to.deep.equal([]);
    await shutdown(h);
  });

  it('never gives up with maxRestarts: Infinity', async () => {
    const { h, w } = await startIntensity({ maxRestarts: Infinity, withinMs: 1000 });

    for (let i = 0; i < 50; i++) w.tell('fail');
    for (let i = 0; i < 50; i++) await h.scheduler.advanceBy(0);

    expect(gaveUp(h)).to.equal(false);
    expect(await w.ask('who')).to.equal('w#51 restarts 50');
    await shutdown(h);
  });

  it('defaults to maxRestarts 3 within 5000 ms', async () => {
    const { h, w } = await startIntensity({});

    for (const at of [0, 1000, 2000, 5500]) await failAt(h, w, at);
    expect(gaveUp(h), '1000, 2000 and 5500 are within 5000 ms: 3 restarts').to.equal(false);
    await failAt(h, w, 5600);

    expect(gaveUp(h), 'a fourth restart within 5000 ms').to.equal(true);
    await shutdown(h);
  });
});
