import { expect } from 'chai';
import { Backoff, Child, ConfigurationError, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers, probe, refAt, shutdown, startSystem, track } from './helpers';

/** The internal delay function of a backoff, as the supervision engine calls it. */
type Internal = { delayFor(k: number, random?: () => number): number; resetAfterMs: number };
const internal = (backoff: Backoff) => backoff as unknown as Internal;
const delays = (backoff: Backoff, ks: number[], random = () => 0) => ks.map((k) => internal(backoff).delayFor(k, random));

describe('Backoff (unit)', () => {
  it('immediate() waits 0 for every restart', () => {
    expect(delays(Backoff.immediate(), [1, 2, 10])).to.deep.equal([0, 0, 0]);
  });

  it('linear() waits min(k * stepMs, maxMs) for the k-th consecutive restart', () => {
    expect(delays(Backoff.linear({ stepMs: 100, maxMs: 350 }), [1, 2, 3, 4, 5, 20])).to.deep.equal([100, 200, 300, 350, 350, 350]);
  });

  it('exponential() waits min(initialMs * factor^(k-1), maxMs), factor 2 by default', () => {
    expect(delays(Backoff.exponential({ initialMs: 100, maxMs: 1000 }), [1, 2, 3, 4, 5, 6])).to.deep.equal([100, 200, 400, 800, 1000, 1000]);
    expect(delays(Backoff.exponential({ initialMs: 10, factor: 3, maxMs: 500 }), [1, 2, 3, 4, 5])).to.deep.equal([10, 30, 90, 270, 500]);
  });

  it('applies the jitter after the cap: the delay is multiplied by 1 + random * jitter', () => {
    const backoff = Backoff.exponential({ initialMs: 100, maxMs: 1000, jitter: 0.5 });
    expect(internal(backoff).delayFor(1, () => 0)).to.equal(100);
    expect(internal(backoff).delayFor(1, () => 0.5)).to.equal(125);
    expect(internal(backoff).delayFor(5, () => 1), 'capped at 1000, then jittered').to.equal(1500);
    expect(internal(backoff).delayFor(10, () => 0.2)).to.equal(1100);
  });

  it('has exact delays without jitter, whatever the random source says', () => {
    expect(delays(Backoff.exponential({ initialMs: 100, maxMs: 1000 }), [1, 2], () => 0.9)).to.deep.equal([100, 200]);
  });

  it('defaults resetAfterMs to maxMs (0 for immediate), and takes an explicit value', () => {
    expect(internal(Backoff.immediate()).resetAfterMs).to.equal(0);
    expect(internal(Backoff.linear({ stepMs: 10, maxMs: 300 })).resetAfterMs).to.equal(300);
    expect(internal(Backoff.exponential({ initialMs: 10, maxMs: 800 })).resetAfterMs).to.equal(800);
    expect(internal(Backoff.linear({ stepMs: 10, maxMs: 300, resetAfterMs: 50 })).resetAfterMs).to.equal(50);
    expect(internal(Backoff.immediate({ resetAfterMs: 70 })).resetAfterMs).to.equal(70);
  });

  const bad: Array<[string, () => Backoff, string]> = [
    ['a negative stepMs', () => Backoff.linear({ stepMs: -1, maxMs: 100 }), 'stepMs'],
    ['a NaN maxMs', () => Backoff.linear({ stepMs: 10, maxMs: NaN }), 'maxMs'],
    ['a missing maxMs', () => Backoff.exponential({ initialMs: 10 } as never), 'maxMs'],
    ['a non-numeric initialMs', () => Backoff.exponential({ initialMs: '10' as never, maxMs: 100 }), 'initialMs'],
    ['a jitter above 1', () => Backoff.exponential({ initialMs: 10, maxMs: 100, jitter: 1.5 }), 'jitter'],
    ['a negative jitter', () => Backoff.exponential({ initialMs: 10, maxMs: 100, jitter: -0.1 }), 'jitter'],
    ['a NaN factor', () => Backoff.exponential({ initialMs: 10, maxMs: 100, factor: NaN }), 'factor'],
    ['a negative resetAfterMs', () => Backoff.immediate({ resetAfterMs: -5 }), 'resetAfterMs'],
  ];
  for (const [what, make, member] of bad) {
    it(`throws ConfigurationError for ${what}, naming ${member}`, () => {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ConfigurationError);
      expect((error as ConfigurationError).code).to.equal('CONFIGURATION_ERROR');
      expect((error as Error).message).to.include(member);
    });
  }
});

/** `/app` (never gives up) > flaky (the given backoff) and steady. Returns afterRestart times of flaky. */
async function startFlaky(backoff: Backoff) {
  const log: string[] = [];
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(probe('flaky', log), { backoff }) flaky!: ActorRef;
    @Child(probe('steady', log)) steady!: ActorRef;
  }
  const h = await startSystem(App);
  const restartTimes = () => h.events.filter((e) => e.type === 'restarted' && e.path === '/app/flaky').map((e) => e.time);
  return { h, log, flaky: refAt(h.system, '/app/flaky'), steady: refAt(h.system, '/app/steady'), restartTimes };
}

describe('Backoff (in a supervisor)', () => {
  afterEach(killLeftovers);

  it('immediate restarts at the time of the failure', async () => {
    const { h, flaky, restartTimes } = await startFlaky(Backoff.immediate());
    await h.scheduler.advanceBy(40);

    flaky.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(restartTimes()).to.deep.equal([40]);
    await shutdown(h);
  });

  it('linear waits k * stepMs up to maxMs for consecutive restarts, exactly at those virtual times', async () => {
    const { h, flaky, restartTimes } = await startFlaky(Backoff.linear({ stepMs: 100, maxMs: 250 }));

    for (let i = 0; i < 4; i++) flaky.tell('fail'); // each new incarnation fails at once on the next one
    await h.scheduler.advanceBy(99);
    expect(restartTimes()).to.deep.equal([]);
    await h.scheduler.advanceBy(1);
    expect(restartTimes()).to.deep.equal([100]);
    await h.scheduler.advanceBy(1000);

    expect(restartTimes()).to.deep.equal([100, 300, 550, 800]);
    await shutdown(h);
  });

  it('exponential waits initialMs * factor^(k-1) up to maxMs', async () => {
    const { h, flaky, restartTimes } = await startFlaky(Backoff.exponential({ initialMs: 100, factor: 2, maxMs: 1000 }));

    for (let i = 0; i < 5; i++) flaky.tell('fail');
    await h.scheduler.advanceBy(5000);

    expect(restartTimes()).to.deep.equal([100, 300, 700, 1500, 2500]);
    await shutdown(h);
  });

  it('starts k over once the incarnation has run resetAfterMs without failing', async () => {
    const { h, flaky, restartTimes } = await startFlaky(Backoff.linear({ stepMs: 100, maxMs: 1000, resetAfterMs: 500 }));

    flaky.tell('fail'); // t=0, k=1: restart at 100
    await h.scheduler.advanceTo(150);
    flaky.tell('fail'); // ran 50 ms only, k=2: restart at 350
    await h.scheduler.advanceTo(900);
    flaky.tell('fail'); // ran 550 ms >= 500, k=1 again: restart at 1000
    await h.scheduler.advanceTo(2000);

    expect(restartTimes()).to.deep.equal([100, 350, 1000]);
    await shutdown(h);
  });

  it('queues messages during the delay, and never blocks the siblings', async () => {
    const { h, log, flaky, steady } = await startFlaky(Backoff.linear({ stepMs: 1000, maxMs: 1000 }));
    log.length = 0;

    flaky.tell('fail');
    await h.scheduler.advanceBy(10);
    flaky.tell('during');
    const reply = track(steady.ask('count'));
    steady.tell('hello');
    await h.scheduler.advanceBy(10);

    expect(reply.value, 'the sibling answers during the delay').to.equal(1);
    expect(log.filter((entry) => !entry.startsWith('beforeRestart'))).to.deep.equal(['steady got hello']);

    await h.scheduler.advanceBy(980);
    expect(log.filter((entry) => !entry.startsWith('beforeRestart'))).to.deep.equal(['steady got hello', 'restart flaky', 'flaky got during']);
    await shutdown(h);
  });

  it("does not hold back a sibling's restart while another child waits out its delay", async () => {
    const { h, flaky, steady, restartTimes } = await startFlaky(Backoff.linear({ stepMs: 1000, maxMs: 1000 }));

    flaky.tell('fail');
    await h.scheduler.advanceBy(10);
    steady.tell('fail'); // steady has the immediate backoff
    steady.tell('after');
    const reply = track(steady.ask('who'));
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(10);

    const steadyRestarts = h.events.filter((e) => e.type === 'restarted' && e.path === '/app/steady').map((e) => e.time);
    expect(steadyRestarts, 'steady restarts at the time of its own failure').to.deep.equal([10]);
    expect(reply.value).to.equal('steady#2 restarts 1');
    expect(restartTimes()).to.deep.equal([]);
    await h.scheduler.advanceBy(980);
    expect(restartTimes()).to.deep.equal([1000]);
    await shutdown(h);
  });
});
