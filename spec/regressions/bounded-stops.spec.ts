/**
 * Every stop is bounded by the `shutdownTimeoutMs` of what is stopping (the root's default is
 * 5000 ms, and the root's own handler and `afterStop` count): `shutdown()` always ends, a
 * restart round does not wait forever for a bystander's `afterStop`, and a supervisor that
 * gives up does not wait forever for its children.
 */
import { expect } from 'chai';
import { Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import {
  advanceUntil,
  ended,
  eventLog,
  killLeftovers,
  probe,
  recordingLogger,
  refAt,
  shutdown,
  startSystem,
  track,
  without,
} from './helpers';

const never = () => new Promise<void>(() => undefined);

describe('regressions: every stop is bounded', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it("ends shutdown() within the root's default 5000 ms when the root's afterStop never settles", async () => {
    @Supervisor()
    class App {
      afterStop(): Promise<void> {
        return never();
      }
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    ended(h);
    const done = track(h.system.shutdown());
    const took = await advanceUntil(h.scheduler, done, 500, 40);
    expect(done.settled, 'shutdown() settled').to.equal(true);
    expect(took).to.be.at.most(5500);
    const terminated = track(h.system.whenTerminated);
    await h.scheduler.advanceBy(0);
    expect(terminated.settled, 'whenTerminated settled').to.equal(true);
    expect(terminated.error).to.equal(undefined);
  });

  it("ends shutdown() within the root's default 5000 ms when a root handler never settles", async () => {
    @Supervisor()
    class App {
      @On(String)
      async stuck(): Promise<void> {
        await never();
      }
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    ended(h);
    h.system.root.tell('hang');
    h.system.root.tell('queued');
    await h.scheduler.advanceBy(0);
    const done = track(h.system.shutdown());
    const took = await advanceUntil(h.scheduler, done, 500, 40);
    expect(done.settled, 'shutdown() settled').to.equal(true);
    expect(took).to.be.at.most(5500);
    expect(h.deadLetters.map((d) => [d.reason, d.message])).to.deep.include(['stopped', 'queued']);
  });

  it("finishes a one-for-all round after a bystander's shutdownTimeoutMs when its afterStop never settles", async () => {
    const log: string[] = [];
    class Stuck extends probe('c2', log) {
      override afterStop(): Promise<void> {
        super.afterStop();
        return never();
      }
    }
    @Supervisor({ strategy: 'one-for-all', maxRestarts: 5 })
    class App {
      @Child(probe('c1', log)) c1!: ActorRef;
      @Child(Stuck, { shutdownTimeoutMs: 200 }) c2!: ActorRef;
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    log.length = 0;
    refAt(h.system, '/app/c1').tell('fail');
    refAt(h.system, '/app/c2').tell('queued');
    const answer = track(refAt(h.system, '/app/c2').ask('who', { timeoutMs: 60_000 }));
    const took = await advanceUntil(h.scheduler, answer, 100, 20);
    expect(answer.settled, 'the bystander answered after the round').to.equal(true);
    expect(took).to.be.at.most(300);
    expect(answer.value).to.equal('c2#2 restarts 1');
    expect(without(log, 'beforeRestart c1')).to.deep.equal(['stop c2', 'restart c1', 'start c2', 'c2 got queued']);
    await shutdown(h);
  });

  it("escalates past a child's shutdownTimeoutMs when the child's afterStop never settles", async () => {
    const log: string[] = [];
    class Stuck extends probe('stuck', log) {
      override afterStop(): Promise<void> {
        super.afterStop();
        return never();
      }
    }
    @Supervisor({ maxRestarts: 0 })
    class Sup {
      @Child(Stuck, { shutdownTimeoutMs: 200 }) stuck!: ActorRef;
      @Child(probe('bad', log)) bad!: ActorRef;
    }
    @Supervisor({ maxRestarts: 5 })
    class App {
      @Child(Sup) sup!: ActorRef;
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    refAt(h.system, '/app/sup/bad').tell('fail');
    const restarted = () => h.events.some((e) => e.type === 'restarted' && e.path === '/app/sup');
    const took = await advanceUntil(h.scheduler, restarted, 100, 20);
    expect(eventLog(h, ['escalated'])).to.deep.equal(['escalated /app/sup']);
    expect(restarted(), 'the supervisor that gave up was restarted by its parent').to.equal(true);
    expect(took).to.be.at.most(300);
    expect(await refAt(h.system, '/app/sup/stuck').ask('who')).to.match(/^stuck#2 /);
    await shutdown(h);
  });

  it("terminates the system past a child's shutdownTimeoutMs when the root gives up and the child's afterStop never settles", async () => {
    class Stuck {
      afterStop(): Promise<void> {
        return never();
      }
    }
    @Supervisor({ maxRestarts: 0 })
    class App {
      @Child(Stuck, { shutdownTimeoutMs: 200 }) stuck!: ActorRef;
      @Child(probe('bad', [])) bad!: ActorRef;
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    ended(h);
    const terminated = track(h.system.whenTerminated);
    refAt(h.system, '/app/bad').tell('fail');
    const took = await advanceUntil(h.scheduler, terminated, 100, 20);
    expect(terminated.settled, 'whenTerminated settled').to.equal(true);
    expect(took).to.be.at.most(300);
    expect((terminated.error as Error)?.name).to.equal('EscalationError');
  });

  it("restarts a one-for-one child past its shutdownTimeoutMs when its beforeRestart never settles", async () => {
    const log: string[] = [];
    class Stuck extends probe('c1', log) {
      override beforeRestart(): Promise<void> {
        return never();
      }
    }
    @Supervisor({ maxRestarts: 5 })
    class App {
      @Child(Stuck, { shutdownTimeoutMs: 200, backoff: Backoff.immediate() }) c1!: ActorRef;
    }
    const h = await startSystem(App, { logger: recordingLogger() });
    refAt(h.system, '/app/c1').tell('fail');
    const answer = track(refAt(h.system, '/app/c1').ask('who', { timeoutMs: 60_000 }));
    const took = await advanceUntil(h.scheduler, answer, 100, 20);
    expect(answer.settled, 'the restarted child answered').to.equal(true);
    expect(took).to.be.at.most(300);
    await shutdown(h);
  });
});
