import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context, RestartPolicy } from '../../lib';
import { eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem } from './helpers';

class SpawnKid {
  constructor(
    readonly name: string,
    readonly restart: RestartPolicy = 'permanent',
  ) {}
}

/**
 * `/app` (never gives up) > `/app/sup` (one-for-all over s1, s2; spawns probes on SpawnKid;
 * fails on 'fail'; its own hooks log as `sup`).
 */
async function startSpawner(log: string[]) {
  @Supervisor({ strategy: 'one-for-all' })
  class Sup {
    @Child(probe('s1', log)) s1!: ActorRef;
    @Child(probe('s2', log)) s2!: ActorRef;

    @On(SpawnKid)
    spawn(msg: SpawnKid, ctx: Context): string {
      return ctx.spawn(probe(msg.name, log), { name: msg.name, restart: msg.restart }).path;
    }

    @On(String)
    handle(msg: string, ctx: Context): void {
      if (msg === 'fail') throw new Error('sup failed');
      if (msg === 'quit') ctx.stop();
    }
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Sup, { restart: 'transient' }) sup!: ActorRef;
  }
  const h = await startSystem(App);
  const sup = refAt(h.system, '/app/sup');
  return { h, sup };
}

describe('dynamic children (ctx.spawn)', () => {
  afterEach(killLeftovers);

  it('restarts a failed spawned child alone (one-for-one), even under a one-for-all parent', async () => {
    const log: string[] = [];
    const { h, sup } = await startSpawner(log);
    await sup.ask(new SpawnKid('kid'));
    const kid = refAt(h.system, '/app/sup/kid');
    const s1 = refAt(h.system, '/app/sup/s1');
    expect(await s1.ask('count')).to.equal(1);
    log.length = 0;

    kid.tell('fail');
    kid.tell('after');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['beforeRestart kid', 'restart kid', 'kid got after']);
    expect(eventLog(h)).to.deep.equal(['failed /app/sup/kid', 'restarted /app/sup/kid']);
    expect(await s1.ask('count'), 's1 untouched').to.equal(2);
    expect(await kid.ask('who')).to.equal('kid#2 restarts 1');
    await shutdown(h);
  });

  it('follows the restart policy given to spawn: a temporary kid is not restarted', async () => {
    const log: string[] = [];
    const { h, sup } = await startSpawner(log);
    await sup.ask(new SpawnKid('kid', 'temporary'));
    const kid = refAt(h.system, '/app/sup/kid');
    log.length = 0;

    kid.tell('fail');
    kid.tell('after');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);

    expect(eventLog(h, ['restarted'])).to.deep.equal([]);
    expect(eventLog(h, ['stopped'])).to.deep.equal(['stopped /app/sup/kid']);
    expect(lettersOf(h)).to.deep.equal([
      ['failed', 'fail'],
      ['stopped', 'after'],
    ]);
    expect(h.system.lookup('/app/sup/kid')).to.equal(undefined);
    await shutdown(h);
  });

  it('stops the spawned children when the parent restarts; the static children come back, the spawned ones do not', async () => {
    const log: string[] = [];
    const { h, sup } = await startSpawner(log);
    await sup.ask(new SpawnKid('k1'));
    await sup.ask(new SpawnKid('k2'));
    log.length = 0;

    sup.tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log.slice(0, 2)).to.have.members(['stop k1', 'stop k2']);
    expect(log.slice(2)).to.deep.equal(['stop s2', 'stop s1', 'start s1', 'start s2']);
    expect(h.system.tree().children[0].children.map((node) => node.path)).to.deep.equal(['/app/sup/s1', '/app/sup/s2']);
    expect(eventLog(h, ['stopped']).sort()).to.deep.equal(['stopped /app/sup/k1', 'stopped /app/sup/k2']);
    await shutdown(h);
  });

  it('stops the spawned children, and the static ones, when the parent stops for good', async () => {
    const log: string[] = [];
    const { h, sup } = await startSpawner(log);
    await sup.ask(new SpawnKid('k1'));
    const k1 = refAt(h.system, '/app/sup/k1');
    log.length = 0;

    sup.tell('quit'); // transient: a normal exit is the end
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(100);

    expect(log).to.have.members(['stop k1', 'stop s2', 'stop s1']);
    expect(log.indexOf('stop s2')).to.be.lessThan(log.indexOf('stop s1'));
    expect(h.system.lookup('/app/sup')).to.equal(undefined);
    expect(h.system.lookup('/app/sup/k1')).to.equal(undefined);
    k1.tell('late');
    await h.scheduler.advanceBy(0);
    expect(lettersOf(h, '/app/sup/k1')).to.deep.equal([['stopped', 'late']]);
    await shutdown(h);
  });
});
