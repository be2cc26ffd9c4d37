import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, kill, killLeftovers, lettersOf, refAt, shutdown, startSystem, track } from './helpers';

describe('dead letters', () => {
  afterEach(killLeftovers);

  it('publishes each reason with scheduler.now() as time, and mirrors each on events$', async () => {
    const gate = deferred<string>();
    class Strict {
      @On(String)
      handle(msg: string): string {
        if (msg === 'fail') throw new Error('boom');
        return msg;
      }
    }
    class Slow {
      @On(String)
      async handle(): Promise<string> {
        return gate.promise;
      }
    }
    class Tiny {
      @On(Number)
      async handle(): Promise<void> {
        await new Promise<void>(() => undefined); // never settles: keeps one in flight
      }
    }
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Strict) strict!: ActorRef;
      @Child(Slow) slow!: ActorRef;
      @Child(Tiny, { mailbox: { capacity: 1, overflow: 'drop-newest' } }) tiny!: ActorRef;
      @Child(Strict) doomed!: ActorRef;
    }
    const h = await startSystem(App, { askTimeoutMs: 10 });
    const strict = refAt(h.system, '/app/strict');
    const slow = refAt(h.system, '/app/slow');
    const tiny = refAt(h.system, '/app/tiny');
    const doomed = refAt(h.system, '/app/doomed');
    doomed.kill();

    await h.scheduler.advanceBy(100);
    strict.tell(42); // unhandled at t = 100
    await settle();

    await h.scheduler.advanceBy(100);
    strict.tell('fail'); // failed at t = 200
    await settle();

    await h.scheduler.advanceBy(100);
    tiny.tell(0);
    await settle();
    tiny.tell(1); // queued
    tiny.tell(2); // overflow at t = 300
    await settle();

    await h.scheduler.advanceBy(100);
    doomed.tell('too late'); // stopped at t = 400
    await settle();

    const late = track(slow.ask('q')); // times out at t = 410
    await h.scheduler.advanceBy(100);
    expect(late.error).to.not.equal(undefined);
    gate.resolve('late reply'); // timeout at t = 500
    await settle();

    expect(h.deadLetters.map(({ reason, message, path, time }) => ({ reason, message, path, time }))).to.deep.equal([
      { reason: 'unhandled', message: 42, path: '/app/strict', time: 100 },
      { reason: 'failed', message: 'fail', path: '/app/strict', time: 200 },
      { reason: 'overflow', message: 2, path: '/app/tiny', time: 300 },
      { reason: 'stopped', message: 'too late', path: '/app/doomed', time: 400 },
      { reason: 'timeout', message: 'late reply', path: '/app/slow', time: 500 },
    ]);
    const mirrored = h.events
      .filter((event) => event.type === 'dead-letter')
      .map(({ type, path, reason, message, time }) => ({ type, path, reason, message, time }));
    expect(mirrored).to.deep.equal(
      h.deadLetters.map(({ path, reason, message, time }) => ({ type: 'dead-letter', path, reason, message, time })),
    );
    kill(h);
  });

  it('dead-letters a message that no handler matches, as unhandled, without failing the actor', async () => {
    const log: string[] = [];
    class OnlyStrings {
      @On(String)
      handle(msg: string): void {
        log.push(msg);
      }
    }
    @Supervisor()
    class App {
      @Child(OnlyStrings) worker!: ActorRef;
    }
    const h = await startSystem(App);
    const worker = refAt(h.system, '/app/worker');

    worker.tell('a');
    worker.tell(1);
    worker.tell('b');
    await settle();

    expect(log).to.deep.equal(['a', 'b']);
    expect(lettersOf(h)).to.deep.equal([['unhandled', 1]]);
    expect(h.events.filter((event) => event.type === 'failed')).to.deep.equal([]);
    await shutdown(h);
  });
});
