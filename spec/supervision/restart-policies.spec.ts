import { expect } from 'chai';
import { ActorStoppedError, Child, Supervisor } from '../../lib';
import type { ActorRef, RestartPolicy } from '../../lib';
import { Slow, deferred, eventLog, killLeftovers, lettersOf, probe, refAt, shutdown, startSystem, track, without } from './helpers';

/** `/app` > `/app/sup` (maxRestarts 1 within 1000) > `/app/sup/w` with the given policy. */
async function startPolicy(log: string[], restart: RestartPolicy) {
  @Supervisor({ maxRestarts: 1, withinMs: 1000 })
  class Sup {
    @Child(probe('w', log), { restart }) w!: ActorRef;
  }
  @Supervisor({ maxRestarts: Infinity })
  class App {
    @Child(Sup) sup!: ActorRef;
  }
  const h = await startSystem(App);
  const w = refAt(h.system, '/app/sup/w');
  log.length = 0;
  return { h, w };
}

describe('restart policies', () => {
  afterEach(killLeftovers);

  describe('permanent', () => {
    it('is restarted after a failure, with its queue', async () => {
      const log: string[] = [];
      const { h, w } = await startPolicy(log, 'permanent');

      w.tell('fail');
      w.tell('next');
      await h.scheduler.advanceBy(0);

      expect(log).to.deep.equal(['beforeRestart w', 'restart w', 'w got next']);
      expect(eventLog(h)).to.deep.equal(['failed /app/sup/w', 'restarted /app/sup/w']);
      await shutdown(h);
    });

    it('is restarted after ctx.stop(): afterStop, then beforeStart, and the queue goes to the new instance', async () => {
      const log: string[] = [];
      const { h, w } = await startPolicy(log, 'permanent');

      w.tell('quit');
      w.tell('next');
      await h.scheduler.advanceBy(0);

      expect(log).to.deep.equal(['stop w', 'start w', 'w got next']);
      expect(eventLog(h)).to.deep.equal(['restarted /app/sup/w']);
      expect(h.deadLetters).to.deep.equal([]);
      expect(await w.ask('who')).to.equal('w#2 restarts 1');
      await shutdown(h);
    });

    it('counts a restart after ctx.stop() toward the intensity', async () => {
      const log: string[] = [];
      const { h, w } = await startPolicy(log, 'permanent'); // maxRestarts 1 within 1000

      w.tell('quit');
      await h.scheduler.advanceBy(0);
      expect(eventLog(h, ['escalated'])).to.deep.equal([]);

      w.tell('quit');
      await h.scheduler.advanceBy(0);
      expect(eventLog(h, ['escalated'])).to.deep.equal(['escalated /app/sup']);
      await shutdown(h);
    });
  });

  describe('transient', () => {
    it('is restarted after a failure', async () => {
      const log: string[] = [];
      const { h, w } = await startPolicy(log, 'transient');

      w.tell('fail');
      w.tell('next');
      await h.scheduler.advanceBy(0);

      expect(log).to.deep.equal(['beforeRestart w', 'restart w', 'w got next']);
      expect(eventLog(h)).to.deep.equal(['failed /app/sup/w', 'restarted /app/sup/w']);
      await shutdown(h);
    });

    it('is not restarted after ctx.stop(); its queue becomes dead letters stopped', async () => {
      const log: string[] = [];
      const { h, w } = await startPolicy(log, 'transient');

      w.tell('quit');
      w.tell('next');
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(1000);

      expect(log).to.deep.equal(['stop w']);
      expect(eventLog(h)).to.deep.equal(['stopped /app/sup/w']);
      expect(lettersOf(h)).to.deep.equal([['stopped', 'next']]);
      expect(h.system.lookup('/app/sup/w')).to.equal(undefined);
      await shutdown(h);
    });
  });

  describe('temporary', () => {
    for (const [how, expectedLetters] of [
      ['fail', [['failed', 'fail'], ['stopped', 'next']]],
      ['quit', [['stopped', 'next']]],
    ] as const) {
      it(`is never restarted, also not after '${how}'; its queue becomes dead letters stopped`, async () => {
        const log: string[] = [];
        const { h, w } = await startPolicy(log, 'temporary');

        w.tell(how);
        w.tell('next');
        await h.scheduler.advanceBy(0);
        await h.scheduler.advanceBy(1000);

        expect(without(log, 'beforeRestart w', 'stop w')).to.deep.equal([]);
        expect(eventLog(h, ['restarted', 'stopped'])).to.deep.equal(['stopped /app/sup/w']);
        expect(lettersOf(h)).to.deep.equal(expectedLetters);
        expect(h.system.lookup('/app/sup/w')).to.equal(undefined);
        const supNode = h.system.tree().children[0];
        expect(supNode.children).to.deep.equal([]);

        w.tell('late');
        const ask = track(w.ask('late ask'));
        await h.scheduler.advanceBy(0);
        expect(ask.error).to.be.instanceOf(ActorStoppedError);
        expect(lettersOf(h).slice(-2)).to.deep.equal([
          ['stopped', 'late'],
          ['stopped', 'late ask'],
        ]);
        await shutdown(h);
      });
    }

    it('is not restarted when it is stopped as a bystander; its queue becomes dead letters stopped', async () => {
      const log: string[] = [];
      @Supervisor({ strategy: 'one-for-all' })
      class App {
        @Child(probe('c1', log)) c1!: ActorRef;
        @Child(probe('tmp', log), { restart: 'temporary' }) tmp!: ActorRef;
        @Child(probe('c3', log)) c3!: ActorRef;
      }
      const h = await startSystem(App);
      const c1 = refAt(h.system, '/app/c1');
      const tmp = refAt(h.system, '/app/tmp');
      log.length = 0;
      const gate = deferred();
      tmp.tell(new Slow('job', gate.promise));
      await h.scheduler.advanceBy(0);
      tmp.tell('q1');
      tmp.tell('q2');

      c1.tell('fail');
      await h.scheduler.advanceBy(0);
      gate.resolve();
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(1000);

      expect(without(log, 'beforeRestart c1')).to.deep.equal([
        'tmp begin job',
        'stop c3',
        'tmp end job',
        'stop tmp',
        'restart c1',
        'start c3',
      ]);
      expect(lettersOf(h)).to.deep.equal([
        ['failed', 'fail'],
        ['stopped', 'q1'],
        ['stopped', 'q2'],
      ]);
      expect(h.system.lookup('/app/tmp')).to.equal(undefined);
      expect(h.system.tree().children.map((node) => node.path)).to.deep.equal(['/app/c1', '/app/c3']);
      await shutdown(h);
    });
  });
});
