import { expect } from 'chai';
import { Backoff, Child, EscalationError, On, Supervisor } from '../../lib';
import type { ActorRef, Context, SupervisorOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { ended, eventLog, killLeftovers, probe, refAt, shutdown, startSystem, track, without } from './helpers';

type Breaks = 'constructor' | 'afterRestart';

/**
 * A worker whose instance number `n` breaks in `where` when `broken(n)`; it logs
 * `new n @time`, `restart n (restarts r)` and what it handles.
 */
function fragile(scheduler: VirtualScheduler, log: string[], where: Breaks, broken: (n: number) => boolean) {
  let made = 0;
  class Fragile {
    private readonly id = ++made;

    constructor() {
      log.push(`new ${this.id} @${scheduler.now()}`);
      if (where === 'constructor' && broken(this.id)) throw new Error(`constructor ${this.id} failed`);
    }

    afterRestart(ctx: Context): void {
      if (where === 'afterRestart' && broken(this.id)) throw new Error(`afterRestart ${this.id} failed`);
      log.push(`restart ${this.id} (restarts ${ctx.restarts})`);
    }

    @On(String)
    handle(msg: string): string {
      if (msg === 'fail') throw new Error('handler failed');
      log.push(`${this.id} got ${msg}`);
      return msg;
    }
  }
  return Fragile;
}

/** `/app` (the given options) > `/app/mid` (midOptions) > `/app/mid/w`, with a linear backoff of stepMs. */
async function startFragile(where: Breaks, broken: (n: number) => boolean, stepMs: number, midOptions: SupervisorOptions, appOptions: SupervisorOptions = { maxRestarts: Infinity }) {
  const log: string[] = [];
  const scheduler = new VirtualScheduler();
  const Worker = fragile(scheduler, log, where, broken);
  @Supervisor(midOptions)
  class Mid {
    @Child(Worker, { backoff: Backoff.linear({ stepMs, maxMs: 10 * stepMs }) }) w!: ActorRef;

    @On(String)
    ping(msg: string): string {
      return `mid ${msg}`;
    }
  }
  @Supervisor(appOptions)
  class App {
    @Child(Mid) mid!: ActorRef;
  }
  const h = await startSystem(App, {}, scheduler);
  return { h, log, w: refAt(h.system, '/app/mid/w'), mid: refAt(h.system, '/app/mid') };
}

describe('failures while restarting', () => {
  afterEach(killLeftovers);

  for (const where of ['constructor', 'afterRestart'] as const) {
    it(`counts a throwing ${where} as another restart and retries after the next backoff delay`, async () => {
      const { h, log, w } = await startFragile(where, (n) => n === 2, 100, { maxRestarts: 5, withinMs: 10_000 });

      w.tell('fail');
      w.tell('queued');
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(99);
      expect(log).to.deep.equal(['new 1 @0']);
      await h.scheduler.advanceBy(1); // t=100: the first attempt breaks
      expect(log).to.deep.equal(['new 1 @0', 'new 2 @100']);
      await h.scheduler.advanceBy(199);
      expect(log).to.have.length(2);
      await h.scheduler.advanceBy(1); // t=300: the second attempt, after the second delay (200)

      expect(log).to.deep.equal(['new 1 @0', 'new 2 @100', 'new 3 @300', 'restart 3 (restarts 2)', '3 got queued']);
      expect(h.events.filter((e) => e.type === 'failed').map((e) => [e.path, e.time])).to.deep.equal([
        ['/app/mid/w', 0],
        ['/app/mid/w', 100],
      ]);
      expect(h.events.filter((e) => e.type === 'restarted').map((e) => [e.path, e.time])).to.deep.equal([['/app/mid/w', 300]]);
      expect(h.system.tree().children[0].children[0].restarts).to.equal(2);
      await shutdown(h);
    });
  }

  it('makes the supervisor give up, rather than loop, when the child can never restart', async () => {
    const { h, log, w } = await startFragile('constructor', (n) => n > 1, 100, { maxRestarts: 2, withinMs: 10_000 }, { maxRestarts: 0 });

    w.tell('fail');
    await h.scheduler.advanceBy(10_000);
    ended(h);

    expect(log).to.deep.equal(['new 1 @0', 'new 2 @100', 'new 3 @300']);
    expect(eventLog(h, ['escalated'])[0]).to.equal('escalated /app/mid');
    expect(eventLog(h, ['escalated'])).to.include('escalated /app');
    const error = await h.system.whenTerminated.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(EscalationError);
    expect(h.scheduler.pending, 'no restart left waiting on the scheduler').to.equal(0);
  });

  it('keeps answering asks and completes shutdown() between two attempts', async () => {
    const { h, log, w, mid } = await startFragile('constructor', (n) => n > 1, 1000, { maxRestarts: Infinity });

    w.tell('fail');
    await h.scheduler.advanceBy(1500); // attempt at 1000 broke; the next is due at 3000
    expect(log).to.deep.equal(['new 1 @0', 'new 2 @1000']);
    expect(await mid.ask('ping')).to.equal('mid ping');

    const done = track(h.system.shutdown());
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);
    expect(done.settled, 'shutdown completed').to.equal(true);
    expect(done.error).to.equal(undefined);
    ended(h);

    await h.scheduler.advanceBy(10_000);
    expect(log, 'no attempt after shutdown').to.deep.equal(['new 1 @0', 'new 2 @1000']);
  });

  it('retries a round in which a bystander fails to start again', async () => {
    const log: string[] = [];
    let c2Made = 0;
    class C2 {
      private readonly id = ++c2Made;

      beforeStart(): void {
        if (this.id === 2) throw new Error('c2 could not start');
        log.push(`start c2#${this.id}`);
      }

      @On(String)
      who(): string {
        return `c2#${this.id}`;
      }
    }
    @Supervisor({ strategy: 'one-for-all', maxRestarts: 5 })
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(C2) c2!: ActorRef;
    }
    const h = await startSystem(App);
    log.length = 0;

    refAt(h.system, '/app/c1').tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);

    expect(eventLog(h, ['failed'])).to.deep.equal(['failed /app/c1', 'failed /app/c2']);
    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    expect(await refAt(h.system, '/app/c2').ask('who')).to.equal('c2#3');
    expect(await refAt(h.system, '/app/c1').ask('count')).to.equal(1);
    // c2#2 broke in beforeStart: a failure of c2, so the second round stops c1 and gives c2#3 afterRestart.
    expect(without(log, 'beforeRestart c1')).to.deep.equal(['restart c1', 'stop c1', 'start c1']);
    await shutdown(h);
  });
});
