import { expect } from 'chai';
import { Backoff, Child, EscalationError, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { ended, eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, track, without } from './helpers';

/** A supervisor class (maxRestarts 0) over probes c1, c2, c3 that logs its own hooks as `sup`. */
function givingUpSup(log: string[], errors: unknown[]) {
  @Supervisor({ maxRestarts: 0 })
  class Sup {
    @Child(probe('c1', log)) c1!: ActorRef;
    @Child(probe('c2', log)) c2!: ActorRef;
    @Child(probe('c3', log)) c3!: ActorRef;

    beforeStart(): void {
      log.push('start sup');
    }

    afterStop(): void {
      log.push('stop sup');
    }

    beforeRestart(): void {
      log.push('beforeRestart sup');
    }

    afterRestart(_ctx: Context, error: unknown): void {
      errors.push(error);
      log.push('restart sup');
    }
  }
  return Sup;
}

describe('escalation', () => {
  afterEach(killLeftovers);

  it('stops the children in reverse order, fails with EscalationError, and is restarted with a fresh subtree', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const Sup = givingUpSup(log, errors);
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Sup) sup!: ActorRef;
    }
    const h = await startSystem(App);
    const refs = ['c1', 'c2', 'c3'].map((name) => refAt(h.system, `/app/sup/${name}`));
    log.length = 0;

    refs[1].tell('fail');
    await h.scheduler.advanceBy(0);

    expect(without(log, 'stop c2', 'beforeRestart c2')).to.deep.equal([
      'stop c3',
      'stop c1',
      'beforeRestart sup',
      'restart sup',
      'start c1',
      'start c2',
      'start c3',
    ]);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(EscalationError);
    expect((errors[0] as EscalationError).code).to.equal('ESCALATION');
    expect((errors[0] as Error).message).to.include('/app/sup');
    const escalated = h.events.find((e) => e.type === 'escalated');
    expect(escalated?.path).to.equal('/app/sup');
    const steps = eventLog(h, ['escalated', 'restarted']);
    expect(steps[0]).to.equal('escalated /app/sup');
    expect(steps).to.include('restarted /app/sup');
    for (const [i, ref] of refs.entries()) expect(await ref.ask('who')).to.match(new RegExp(`^c${i + 1}#2 `));
    await shutdown(h);
  });

  it('keeps the queued messages of every ref in the subtree for the fresh instances', async () => {
    const log: string[] = [];
    const Sup = givingUpSup(log, []);
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Sup, { backoff: Backoff.linear({ stepMs: 100, maxMs: 100 }) }) sup!: ActorRef;
    }
    const h = await startSystem(App);
    const [c1, c2, c3] = ['c1', 'c2', 'c3'].map((name) => refAt(h.system, `/app/sup/${name}`));
    log.length = 0;

    c2.tell('fail');
    c2.tell('b1');
    await h.scheduler.advanceBy(0);
    c1.tell('a1');
    c3.tell('z1');
    c2.tell('b2');
    await h.scheduler.advanceBy(50);
    expect(log.filter((entry) => entry.includes(' got '))).to.deep.equal([]);

    await h.scheduler.advanceBy(50);

    expect(log.filter((entry) => entry.startsWith('start'))).to.deep.equal(['start c1', 'start c2', 'start c3']);
    expect(log.filter((entry) => entry.includes(' got '))).to.have.members(['c1 got a1', 'c2 got b1', 'c2 got b2', 'c3 got z1']);
    expect(log.indexOf('c2 got b1')).to.be.lessThan(log.indexOf('c2 got b2'));
    for (const name of ['c1', 'c2', 'c3']) {
      const firstGot = log.findIndex((entry) => entry.startsWith(`${name} got`));
      expect(firstGot, `${name} handles its queue after its fresh start`).to.be.greaterThan(log.indexOf(`start ${name}`));
    }
    expect(lettersOf(h)).to.deep.equal([['failed', 'fail']]);
    await shutdown(h);
  });

  it('escalates through two levels: both supervisors give up and the grandparent restarts the whole subtree', async () => {
    const log: string[] = [];
    @Supervisor({ maxRestarts: 0 })
    class Low {
      @Child(probe('leaf', log)) leaf!: ActorRef;
    }
    @Supervisor({ maxRestarts: 0 })
    class Mid {
      @Child(Low) low!: ActorRef;
      @Child(probe('side', log)) side!: ActorRef;
    }
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Mid) mid!: ActorRef;
    }
    const h = await startSystem(App);
    const leaf = refAt(h.system, '/app/mid/low/leaf');
    const side = refAt(h.system, '/app/mid/side');
    log.length = 0;

    leaf.tell('fail');
    leaf.tell('after');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);

    expect(eventLog(h, ['escalated'])).to.deep.equal(['escalated /app/mid/low', 'escalated /app/mid']);
    expect(eventLog(h, ['restarted'])).to.include('restarted /app/mid');
    expect(eventLog(h, ['failed']).filter((line) => line.endsWith('/app'))).to.deep.equal([]);
    expect(without(log, 'stop leaf', 'beforeRestart leaf', 'leaf got after')).to.deep.equal(['stop side', 'start leaf', 'start side']);
    expect(log.indexOf('leaf got after')).to.be.greaterThan(log.indexOf('start leaf'));
    expect(await leaf.ask('who')).to.match(/^leaf#2 /);
    expect(await side.ask('who')).to.match(/^side#2 /);
    await shutdown(h);
  });

  it('terminates the system when the root gives up: whenTerminated rejects with EscalationError', async () => {
    const log: string[] = [];
    @Supervisor({ maxRestarts: 0 })
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(probe('c2', log)) c2!: ActorRef;
    }
    const h = await startSystem(App);
    log.length = 0;

    refAt(h.system, '/app/c1').tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(10_000);
    ended(h);

    let error: unknown;
    await h.system.whenTerminated.catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(EscalationError);
    expect((error as Error).message).to.include('/app');
    expect(eventLog(h, ['escalated'])).to.include('escalated /app');
    expect(log).to.include('stop c2');
    expect(log.filter((entry) => entry.startsWith('start') || entry.startsWith('restart'))).to.deep.equal([]);
    h.system.root.tell('late');
    await h.scheduler.advanceBy(0);
    expect(lettersOf(h).slice(-1)).to.deep.equal([['stopped', 'late']]);
  });

  it('terminates the system the first time the root gives up, also when its maxRestarts is above 0', async () => {
    const log: string[] = [];
    @Supervisor({ maxRestarts: 1, withinMs: 1000 })
    class App {
      @Child(probe('w', log)) w!: ActorRef;
    }
    const h = await startSystem(App);
    const w = refAt(h.system, '/app/w');

    w.tell('fail');
    await h.scheduler.advanceBy(100);
    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    w.tell('fail'); // a second restart within 1000 ms: more than maxRestarts, so /app gives up
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(10_000);

    expect(eventLog(h, ['escalated'])).to.include('escalated /app');
    const outcome = track(h.system.whenTerminated);
    await h.scheduler.advanceBy(0);
    expect(outcome.settled, 'whenTerminated settled').to.equal(true);
    expect(outcome.error).to.be.instanceOf(EscalationError);
    expect(eventLog(h, ['restarted']).filter((line) => line === 'restarted /app'), 'the root is not restarted').to.deep.equal([]);
    ended(h);
    h.system.kill();
  });
});
