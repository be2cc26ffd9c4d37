/**
 * A `Context` belongs to one incarnation. One kept by a replaced incarnation (or by an actor
 * that stopped for good) starts no timer and spawns nothing: no message from it reaches the
 * new incarnation, no dead letter piles up after the actor stopped, and the scheduler holds
 * nothing for it.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers, refAt, shutdown, startSystem, type Harness } from './helpers';

let kept: Context | undefined;
const received: string[] = [];

class Keeper {
  @On(String)
  handle(msg: string, ctx: Context): string {
    if (msg === 'keep') kept = ctx;
    else if (msg === 'fail') throw new Error('replace me');
    else if (msg === 'quit') ctx.stop();
    else received.push(msg);
    return msg;
  }
}

class Idle {}

@Supervisor({ maxRestarts: Infinity })
class App {
  @Child(Keeper) keeper!: ActorRef;
}

async function startWithStaleContext(how: 'fail' | 'quit' | 'stop'): Promise<{ h: Harness; keeper: ActorRef; stale: Context }> {
  kept = undefined;
  received.length = 0;
  const h = await startSystem(App);
  const keeper = refAt(h.system, '/app/keeper');
  await keeper.ask('keep');
  if (how === 'stop') await keeper.stop();
  else keeper.tell(how);
  await h.scheduler.advanceBy(0);
  await h.scheduler.advanceBy(0);
  expect(kept, 'the first incarnation kept its context').to.not.equal(undefined);
  return { h, keeper, stale: kept! };
}

describe('regressions: a stale context', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  for (const how of ['fail', 'quit'] as const) {
    const after = how === 'fail' ? 'a failure' : 'a normal exit (ctx.stop())';

    it(`starts no ctx.every() timer after ${after} replaced its incarnation`, async () => {
      const { h, keeper } = await startWithStaleContext(how);
      const pending = h.scheduler.pending;
      kept!.every(100, 'tick');
      await h.scheduler.advanceBy(350);
      expect(received, 'ticks delivered to the new incarnation').to.deep.equal([]);
      expect(h.scheduler.pending, 'scheduler actions').to.be.at.most(pending);
      await keeper.stop();
      const letters = h.deadLetters.length;
      await h.scheduler.advanceBy(1000);
      expect(h.deadLetters.slice(letters).map((d) => d.message), 'dead letters after the actor stopped').to.deep.equal([]);
      await shutdown(h);
    });

    it(`publishes no dead letter every 100 ms after the actor stopped, from a ctx.every() of a context replaced by ${after}`, async () => {
      const { h, keeper } = await startWithStaleContext(how);
      kept!.every(100, 'tick');
      await keeper.stop();
      const letters = h.deadLetters.length;
      await h.scheduler.advanceBy(1000);
      expect(h.deadLetters.slice(letters).map((d) => d.message), 'dead letters after the actor stopped').to.deep.equal([]);
      await shutdown(h);
      await h.scheduler.advanceBy(1000);
      expect(h.scheduler.pending, 'scheduler actions after shutdown').to.equal(0);
    });

    it(`starts no ctx.schedule() timer after ${after} replaced its incarnation`, async () => {
      const { h } = await startWithStaleContext(how);
      const pending = h.scheduler.pending;
      kept!.schedule(10_000, 'later');
      expect(h.scheduler.pending, 'scheduler actions').to.be.at.most(pending);
      await h.scheduler.advanceBy(10_000);
      expect(received).to.deep.equal([]);
      await shutdown(h);
    });

    it(`spawns no child from ctx.spawn() after ${after} replaced its incarnation`, async () => {
      const { h } = await startWithStaleContext(how);
      try {
        kept!.spawn(Idle, { name: 'orphan' });
      } catch {
        // throwing is one way to ignore it
      }
      await h.scheduler.advanceBy(0);
      expect(h.system.lookup('/app/keeper/orphan')).to.equal(undefined);
      expect(h.events.filter((e) => e.type === 'started').map((e) => e.path)).to.not.include('/app/keeper/orphan');
      expect(h.system.tree().children[0].children).to.deep.equal([]);
      await shutdown(h);
    });
  }

  it('starts no timer and spawns nothing from the context of an actor that stopped for good (guard)', async () => {
    const { h } = await startWithStaleContext('stop');
    const pending = h.scheduler.pending;
    kept!.every(100, 'tick');
    kept!.schedule(100, 'later');
    expect(() => kept!.spawn(Idle, { name: 'orphan' })).to.throw();
    expect(h.scheduler.pending).to.be.at.most(pending);
    const letters = h.deadLetters.length;
    await h.scheduler.advanceBy(1000);
    expect(h.deadLetters.length - letters).to.equal(0);
    await shutdown(h);
  });
});
