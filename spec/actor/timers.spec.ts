import { expect } from 'chai';
import { On } from '../../lib';
import type { Cancellable, Context } from '../../lib';
import { killLeftovers, shutdown, startWorker } from './helpers';

/** Starts a timer on `'schedule <ms>'` or `'every <ms>'`; counts every `'tick'` it receives. */
function timedWorker(ticks: number[], timers: Cancellable[], options: { failOn?: string } = {}) {
  class Timed {
    @On(String)
    handle(msg: string, ctx: Context): void {
      const [command, ms] = msg.split(' ');
      if (command === 'schedule') timers.push(ctx.schedule(Number(ms), 'tick'));
      else if (command === 'every') timers.push(ctx.every(Number(ms), 'tick'));
      else if (command === 'tick') ticks.push(ticks.length + 1);
      if (command === options.failOn) throw new Error('boom');
    }
  }
  return Timed;
}

describe('Context timers: schedule and every', () => {
  afterEach(killLeftovers);

  it('schedule(delayMs) sends the message to self once, when the delay has passed', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('schedule 100');
    await h.scheduler.advanceBy(99);
    expect(ticks).to.have.length(0);

    await h.scheduler.advanceBy(1);
    expect(ticks).to.have.length(1);

    await h.scheduler.advanceBy(1000);
    expect(ticks).to.have.length(1);
    await shutdown(h);
  });

  it('schedule(...).cancel() before the delay prevents the delivery', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('schedule 100');
    await h.scheduler.advanceBy(50);
    timers[0].cancel();
    await h.scheduler.advanceBy(1000);

    expect(ticks).to.have.length(0);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('every(intervalMs) sends the message to self at each interval', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('every 50');
    await h.scheduler.advanceBy(49);
    expect(ticks).to.have.length(0);

    await h.scheduler.advanceBy(1);
    expect(ticks).to.have.length(1);

    await h.scheduler.advanceBy(100);
    expect(ticks).to.have.length(3);
    await shutdown(h);
  });

  it('every(...).cancel() stops further deliveries', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('every 50');
    await h.scheduler.advanceBy(150);
    expect(ticks).to.have.length(3);

    timers[0].cancel();
    await h.scheduler.advanceBy(500);
    expect(ticks).to.have.length(3);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('cancel() is idempotent', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('every 10');
    await h.scheduler.advanceBy(10);
    timers[0].cancel();
    timers[0].cancel();
    await h.scheduler.advanceBy(100);

    expect(ticks).to.have.length(1);
    await shutdown(h);
  });

  it('a stop cancels the timers of the actor, without dead letters', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers));

    h.ref.tell('every 50');
    h.ref.tell('schedule 120');
    await h.scheduler.advanceBy(100);
    expect(ticks).to.have.length(2);

    await h.ref.stop();
    await h.scheduler.advanceBy(1000);

    expect(ticks).to.have.length(2);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('a restart cancels the timers of the failed incarnation', async () => {
    const ticks: number[] = [];
    const timers: Cancellable[] = [];
    const h = await startWorker(timedWorker(ticks, timers, { failOn: 'fail' }));

    h.ref.tell('every 50');
    await h.scheduler.advanceBy(100);
    expect(ticks).to.have.length(2);

    h.ref.tell('fail');
    await h.scheduler.advanceBy(0); // the restart
    await h.scheduler.advanceBy(1000);

    expect(ticks).to.have.length(2);
    expect(h.events.filter((event) => event.type === 'restarted')).to.have.length(1);
    expect(h.deadLetters.map((letter) => letter.reason)).to.deep.equal(['failed']);
    await shutdown(h);
  });
});
