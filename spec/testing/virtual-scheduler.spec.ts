import { expect } from 'chai';
import { VirtualScheduler, settle } from '../../lib/testing';

describe('VirtualScheduler', () => {
  it('runs due actions in time order and moves the clock to the target', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    scheduler.schedule(() => log.push(`b@${scheduler.now()}`), 20);
    scheduler.schedule(() => log.push(`a@${scheduler.now()}`), 10);
    scheduler.schedule(() => log.push(`c@${scheduler.now()}`), 30);

    await scheduler.advanceBy(20);

    expect(log).to.deep.equal(['a@10', 'b@20']);
    expect(scheduler.now()).to.equal(20);
    expect(scheduler.pending).to.equal(1);
  });

  it('lets promises settle between two due actions', async () => {
    const scheduler = new VirtualScheduler();
    const log: string[] = [];
    scheduler.schedule(() => {
      log.push('first');
      void Promise.resolve().then(() => {
        log.push('its continuation');
        scheduler.schedule(() => log.push('scheduled by the continuation'), 0);
      });
    }, 5);
    scheduler.schedule(() => log.push('second'), 6);

    await scheduler.advanceBy(6);

    expect(log).to.deep.equal(['first', 'its continuation', 'scheduled by the continuation', 'second']);
  });

  it('repeats periodic actions, and stops them when unsubscribed', async () => {
    const scheduler = new VirtualScheduler();
    const times: number[] = [];
    const subscription = scheduler.schedule(function (this: { schedule(state?: unknown, delay?: number): unknown }) {
      times.push(scheduler.now());
      this.schedule(undefined, 10);
    }, 10);

    await scheduler.advanceBy(35);
    subscription.unsubscribe();
    await scheduler.advanceBy(100);

    expect(times).to.deep.equal([10, 20, 30]);
  });

  it('runAll runs until nothing is left', async () => {
    const scheduler = new VirtualScheduler();
    let count = 0;
    scheduler.schedule(() => {
      count++;
      scheduler.schedule(() => count++, 1000);
    }, 1000);

    await scheduler.runAll();

    expect(count).to.equal(2);
    expect(scheduler.now()).to.equal(2000);
    await settle();
  });
});
