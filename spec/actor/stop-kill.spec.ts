import { expect } from 'chai';
import { ActorStoppedError, On } from '../../lib';
import type { ActorRef } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, lettersOf, rejectionOf, shutdown, startWorker, track, type Deferred } from './helpers';

/** Logs each message; message 1 blocks until `gate` is released, so the rest queue up. */
function gatedWorker(log: string[], gate: Deferred) {
  class GatedWorker {
    @On(Number)
    async handle(n: number): Promise<string> {
      log.push(`start ${n}`);
      if (n === 1) await gate.promise;
      log.push(`end ${n}`);
      return `done ${n}`;
    }

    afterStop(): void {
      log.push('afterStop');
    }
  }
  return GatedWorker;
}

describe('ref.stop() and ref.kill()', () => {
  afterEach(killLeftovers);

  it('stop() handles the queued messages first, then runs afterStop, then resolves', async () => {
    const log: string[] = [];
    const gate = deferred();
    const h = await startWorker(gatedWorker(log, gate));

    h.ref.tell(1);
    await settle();
    h.ref.tell(2);
    h.ref.tell(3);
    const stopping = track(h.ref.stop());
    await settle();
    expect(stopping.settled).to.equal(false);

    gate.resolve();
    await settle();
    expect(stopping.settled).to.equal(true);
    expect(log).to.deep.equal(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3', 'afterStop']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('stop() resolves only after an async afterStop has completed', async () => {
    const log: string[] = [];
    const cleanup = deferred();
    class Worker {
      async afterStop(): Promise<void> {
        log.push('afterStop begin');
        await cleanup.promise;
        log.push('afterStop end');
      }
    }
    const h = await startWorker(Worker);

    const stopping = track(h.ref.stop());
    await settle();
    expect(log).to.deep.equal(['afterStop begin']);
    expect(stopping.settled).to.equal(false);

    cleanup.resolve();
    await settle();
    expect(stopping.settled).to.equal(true);
    expect(log).to.deep.equal(['afterStop begin', 'afterStop end']);
    await shutdown(h);
  });

  it('kill() dead-letters the queued messages as stopped and skips afterStop', async () => {
    const log: string[] = [];
    const gate = deferred();
    const h = await startWorker(gatedWorker(log, gate));

    h.ref.tell(1);
    await settle();
    h.ref.tell(2);
    h.ref.tell(3);
    h.ref.kill();
    await settle();

    expect(lettersOf(h)).to.deep.equal([
      ['stopped', 2],
      ['stopped', 3],
    ]);
    expect(h.deadLetters.every((letter) => letter.path === '/app/worker')).to.equal(true);

    gate.resolve(); // the abandoned handler finishes; nothing more runs
    await settle();
    expect(log).to.deep.equal(['start 1', 'end 1']);
    await shutdown(h);
  });

  it('kill() rejects the in-flight ask at once with ActorStoppedError', async () => {
    const log: string[] = [];
    const gate = deferred();
    const h = await startWorker(gatedWorker(log, gate));

    const reply = track(h.ref.ask(1));
    await settle();
    h.ref.kill();
    await settle();

    expect(reply.error).to.be.instanceOf(ActorStoppedError);

    gate.resolve(); // the old incarnation's reply is ignored
    await settle();
    expect(reply.error).to.be.instanceOf(ActorStoppedError);
    await shutdown(h);
  });

  it('kill() rejects the queued asks with ActorStoppedError and dead-letters them as stopped', async () => {
    const log: string[] = [];
    const gate = deferred();
    const h = await startWorker(gatedWorker(log, gate));

    h.ref.tell(1);
    await settle();
    const queued = track(h.ref.ask(2));
    h.ref.kill();
    await settle();

    expect(queued.error).to.be.instanceOf(ActorStoppedError);
    expect(lettersOf(h)).to.deep.equal([['stopped', 2]]);
    gate.resolve();
    await shutdown(h);
  });

  it('stop() answers the in-flight and the queued asks before it stops', async () => {
    const log: string[] = [];
    const gate = deferred();
    const h = await startWorker(gatedWorker(log, gate));

    const inFlight = h.ref.ask(1);
    await settle();
    const queued = h.ref.ask(2);
    const stopping = h.ref.stop();
    gate.resolve();

    expect(await inFlight).to.equal('done 1');
    expect(await queued).to.equal('done 2');
    await stopping;
    expect(log).to.deep.equal(['start 1', 'end 1', 'start 2', 'end 2', 'afterStop']);
    await shutdown(h);
  });

  for (const how of ['stop', 'kill'] as const) {
    describe(`after ref.${how}()`, () => {
      async function stoppedWorker() {
        class Worker {
          @On(String)
          handle(msg: string): string {
            return msg;
          }
        }
        const h = await startWorker(Worker);
        if (how === 'stop') await h.ref.stop();
        else h.ref.kill();
        await settle();
        h.deadLetters.length = 0;
        return h;
      }

      it('a tell becomes a dead letter stopped', async () => {
        const h = await stoppedWorker();

        h.ref.tell('hello');
        await settle();

        expect(h.deadLetters.map(({ reason, message, path }) => ({ reason, message, path }))).to.deep.equal([
          { reason: 'stopped', message: 'hello', path: '/app/worker' },
        ]);
        await shutdown(h);
      });

      it('an ask rejects with ActorStoppedError and is a dead letter stopped', async () => {
        const h = await stoppedWorker();

        const error = await rejectionOf(h.ref.ask('hello'));

        expect(error).to.be.instanceOf(ActorStoppedError);
        expect((error as ActorStoppedError).code).to.equal('ACTOR_STOPPED');
        expect((error as Error).message).to.include('/app/worker');
        expect(lettersOf(h)).to.deep.equal([['stopped', 'hello']]);
        await shutdown(h);
      });

      it('the child has left lookup() and tree(), and is not restarted', async () => {
        const h = await stoppedWorker();
        await h.scheduler.advanceBy(10_000);

        expect(h.system.lookup('/app/worker')).to.equal(undefined);
        expect(h.system.tree().children.map((node) => node.path)).to.not.include('/app/worker');
        expect(h.events.filter((event) => event.type === 'restarted')).to.deep.equal([]);
        await shutdown(h);
      });
    });
  }

  it('publishes a stopped event for the stopped child', async () => {
    class Worker {}
    const h = await startWorker(Worker);

    await h.ref.stop();

    expect(h.events.filter((e) => e.type === 'stopped').map((e) => e.path)).to.include('/app/worker');
    await shutdown(h);
  });

  it('a second stop() or kill() of a stopped ref is harmless', async () => {
    const log: string[] = [];
    const h = await startWorker(gatedWorker(log, deferred()));
    const ref: ActorRef = h.ref;

    await ref.stop();
    await ref.stop();
    ref.kill();

    expect(log).to.deep.equal(['afterStop']);
    await shutdown(h);
  });
});
