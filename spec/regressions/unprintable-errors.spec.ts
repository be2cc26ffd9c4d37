/**
 * Failure values that `String()` cannot convert: `Object.create(null)`, and an Error whose
 * `message` getter throws. Describing them for an error message or a log line must never
 * stop the runtime: escalation still happens, the system still terminates, `start` still
 * rejects with `StartError`, and a restart round still completes.
 */
import { expect } from 'chai';
import { Child, EscalationError, On, StartError, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { ActorSystem } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import {
  adopt,
  advanceUntil,
  ended,
  eventLog,
  expectSettles,
  probe,
  recordingLogger,
  refAt,
  shutdown,
  startSystem,
  track,
  without,
  escapesOfEachTest,
} from './helpers';

function bareObject(): unknown {
  return Object.create(null);
}

function errorWithThrowingMessage(): unknown {
  const error = new Error('placeholder');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('the message cannot be read');
    },
  });
  return error;
}

/** Throws the value that `make` returns for the message 'fail'. */
function failingWith(make: () => unknown) {
  class Failing {
    @On(String)
    handle(msg: string): string {
      if (msg === 'fail') throw make();
      return msg;
    }
  }
  return Failing;
}

const unprintables = [
  ['Object.create(null)', bareObject],
  ['an Error whose message getter throws', errorWithThrowingMessage],
] as const;

describe('regressions: failure values that cannot be printed', function () {
  this.timeout(2000);
  const escapes = escapesOfEachTest();

  for (const [label, make] of unprintables) {
    describe(label, () => {
      it('escalates when a supervisor gives up on it, and its parent restarts the supervisor', async () => {
        @Supervisor({ maxRestarts: 0 })
        class Sup {
          @Child(failingWith(make)) worker!: ActorRef;
        }
        @Supervisor({ maxRestarts: 5 })
        class App {
          @Child(Sup) sup!: ActorRef;
        }
        const h = await startSystem(App, { logger: recordingLogger() });
        refAt(h.system, '/app/sup/worker').tell('fail');
        await advanceUntil(h.scheduler, () => h.events.some((e) => e.type === 'restarted' && e.path === '/app/sup'), 100, 20);
        expect(eventLog(h, ['escalated', 'restarted'])).to.include.members(['escalated /app/sup', 'restarted /app/sup']);
        const escalated = h.events.find((e) => e.type === 'escalated');
        expect(escalated?.error).to.be.instanceOf(EscalationError);
        expect(await refAt(h.system, '/app/sup/worker').ask('still here')).to.equal('still here');
        expect(escapes.errors).to.deep.equal([]);
        await shutdown(h);
      });

      it('rejects whenTerminated with EscalationError when the root gives up on a child failing with it', async () => {
        @Supervisor({ maxRestarts: 0 })
        class App {
          @Child(failingWith(make)) worker!: ActorRef;
        }
        const h = await startSystem(App, { logger: recordingLogger() });
        const terminated = track(h.system.whenTerminated);
        refAt(h.system, '/app/worker').tell('fail');
        await expectSettles(h.scheduler, terminated, 'whenTerminated');
        ended(h);
        expect(terminated.error).to.be.instanceOf(EscalationError);
        expect(eventLog(h, ['escalated'])).to.deep.equal(['escalated /app']);
        expect(escapes.errors).to.deep.equal([]);
      });

      it("rejects whenTerminated with EscalationError when the root's own handler fails with it and the root gives up", async () => {
        @Supervisor({ maxRestarts: 0 })
        class App {
          @On(String)
          handle(): void {
            throw make();
          }
        }
        const h = await startSystem(App, { logger: recordingLogger() });
        const terminated = track(h.system.whenTerminated);
        h.system.root.tell('fail');
        await expectSettles(h.scheduler, terminated, 'whenTerminated');
        ended(h);
        expect(terminated.error).to.be.instanceOf(EscalationError);
        expect(escapes.errors).to.deep.equal([]);
      });

      it('rejects ActorSystem.start with StartError (cause: the thrown value) when a beforeStart throws it', async () => {
        const thrown = make();
        class Broken {
          beforeStart(): void {
            throw thrown;
          }
        }
        @Supervisor()
        class App {
          @Child(Broken) broken!: ActorRef;
        }
        let caught: unknown;
        try {
          adopt(await ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler(), logger: recordingLogger() }));
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(StartError);
        expect((caught as StartError).path).to.equal('/app/broken');
        expect((caught as StartError).cause).to.equal(thrown);
      });

      it("completes a one-for-all round when a bystander's afterStop throws it", async () => {
        const log: string[] = [];
        const Bystander = probe('c2', log);
        class Unprintable extends Bystander {
          override afterStop(): void {
            super.afterStop();
            throw make();
          }
        }
        @Supervisor({ strategy: 'one-for-all', maxRestarts: 5 })
        class App {
          @Child(probe('c1', log)) c1!: ActorRef;
          @Child(Unprintable) c2!: ActorRef;
        }
        const h = await startSystem(App, { logger: recordingLogger() });
        log.length = 0;
        const c1 = refAt(h.system, '/app/c1');
        const c2 = refAt(h.system, '/app/c2');
        c1.tell('fail');
        c2.tell('queued');
        const answer = track(c2.ask('who', { timeoutMs: 60_000 }));
        await expectSettles(h.scheduler, answer, 'an ask to the bystander');
        expect(answer.value).to.equal('c2#2 restarts 1');
        expect(without(log, 'beforeRestart c1')).to.deep.equal(['stop c2', 'restart c1', 'start c2', 'c2 got queued']);
        expect(escapes.errors).to.deep.equal([]);
        await shutdown(h);
      });

      it("completes a one-for-one restart when the failed child's beforeRestart throws it", async () => {
        const log: string[] = [];
        class Unprintable extends probe('c1', log) {
          override beforeRestart(): void {
            throw make();
          }
        }
        @Supervisor({ maxRestarts: 5 })
        class App {
          @Child(Unprintable) c1!: ActorRef;
        }
        const h = await startSystem(App, { logger: recordingLogger() });
        const c1 = refAt(h.system, '/app/c1');
        c1.tell('fail');
        const answer = track(c1.ask('who', { timeoutMs: 60_000 }));
        await expectSettles(h.scheduler, answer, 'an ask after the restart');
        expect(answer.value).to.equal('c1#2 restarts 1');
        expect(escapes.errors).to.deep.equal([]);
        await shutdown(h);
      });
    });
  }
});
