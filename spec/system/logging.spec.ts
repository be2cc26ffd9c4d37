import { expect } from 'chai';
import { ActorSystem, Child, EscalationError, On, Supervisor } from '../../lib';
import type { ActorRef, Logger, SystemOptions } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { ended, killLeftovers, shutdown, startSystem } from '../support/harness';
import { rejectionOf } from './helpers';

type Level = 'debug' | 'info' | 'warn' | 'error';
interface Call {
  level: Level;
  args: unknown[];
}

/** A logger that records each call with its raw arguments. */
function recorder(): Logger & { calls: Call[]; at(level: Level): string[] } {
  const calls: Call[] = [];
  const record = (level: Level) => (...args: unknown[]) => void calls.push({ level, args });
  return {
    calls,
    at: (level) => calls.filter((c) => c.level === level).map((c) => String(c.args[0])),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** Replaces console's methods with recorders while `body` runs; restores them afterwards. */
async function withConsole(body: (calls: Call[]) => Promise<void>): Promise<void> {
  const levels = ['debug', 'info', 'warn', 'error', 'log'] as const;
  const saved = levels.map((level) => console[level]);
  const calls: Call[] = [];
  for (const level of levels) console[level] = (...args: unknown[]) => void calls.push({ level: level as Level, args });
  try {
    await body(calls);
  } finally {
    levels.forEach((level, i) => (console[level] = saved[i]));
  }
}

class Ping {}
class Crash {}

class Worker {
  @On(Ping) ping() {
    return 'pong';
  }
  @On(Crash) crash() {
    throw new Error('worker crashed');
  }
}

@Supervisor({ maxRestarts: Infinity })
class App {
  @Child(Worker) worker!: ActorRef;
}

/** Asserts the shape of a failure line: one line of text, then the stack indented below it. */
function expectLineWithStack(text: string, ...includes: string[]): void {
  const [first, ...rest] = text.split('\n');
  for (const part of includes) expect(first, `the first line of ${JSON.stringify(text)}`).to.include(part);
  expect(rest.length, 'stack lines below the line').to.be.greaterThan(0);
  for (const line of rest) expect(line, 'each stack line is indented').to.match(/^ {4}/);
  expect(rest.some((line) => /^ {4}at /.test(line)), 'a stack frame').to.equal(true);
}

describe('failures are visible', () => {
  afterEach(killLeftovers);

  it('logs an actor failure at error level, with the path, the message type and the stack, in one string argument', async () => {
    const logger = recorder();
    const h = await startSystem(App, { logger });
    h.system.lookup('/app/worker')!.tell(new Crash());
    await h.scheduler.advanceBy(0);
    const errors = logger.calls.filter((c) => c.level === 'error');
    expect(errors, JSON.stringify(logger.calls)).to.have.length(1);
    expect(errors[0].args, 'one string argument').to.have.length(1);
    expectLineWithStack(String(errors[0].args[0]), 'rampart: ', '/app/worker', 'Crash', 'Error: worker crashed');
    await shutdown(h);
  });

  it('logs the failure whether or not anyone observes events$', async () => {
    const logger = recorder();
    const system = await ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler(), logger });
    system.lookup('/app/worker')!.tell(new Crash());
    await settle();
    expect(logger.at('error')).to.have.length(1);
    expect(logger.at('error')[0]).to.include('/app/worker').and.to.include('worker crashed');
    system.kill();
  });

  it('logs nothing for messages that are handled', async () => {
    const logger = recorder();
    const h = await startSystem(App, { logger });
    const worker = h.system.lookup('/app/worker')!;
    for (let i = 0; i < 10; i++) expect(await worker.ask(new Ping())).to.equal('pong');
    expect(logger.calls).to.deep.equal([]);
    await shutdown(h);
  });

  it('logs a failure while restarting (constructor) at error level, saying it failed to start', async () => {
    let constructions = 0;
    class Fragile {
      constructor() {
        if (constructions++ > 0) throw new Error('cannot construct again');
      }
      @On(Crash) crash() {
        throw new Error('first failure');
      }
    }
    @Supervisor({ maxRestarts: 1 })
    class Holder {
      @Child(Fragile, { tries: 1 }) fragile!: ActorRef;
    }
    const logger = recorder();
    const h = await startSystem(Holder, { logger });
    h.system.lookup('/app/fragile')!.tell(new Crash());
    await h.scheduler.advanceBy(0);
    const errors = logger.at('error');
    expect(errors.length, JSON.stringify(errors)).to.be.greaterThan(1);
    expectLineWithStack(errors[0], '/app/fragile', 'Crash', 'first failure');
    expectLineWithStack(errors[1], '/app/fragile', 'start', 'cannot construct again');
    await shutdown(h);
  });

  it('logs an escalation at error level once, with the EscalationError and the failure that caused it', async () => {
    @Supervisor({ maxRestarts: 0 })
    class Team {
      @Child(Worker) worker!: ActorRef;
    }
    @Supervisor({ maxRestarts: Infinity })
    class Company {
      @Child(Team) team!: ActorRef;
    }
    const logger = recorder();
    const h = await startSystem(Company, { logger });
    h.system.lookup('/app/team/worker')!.tell(new Crash());
    await h.scheduler.advanceBy(0);
    const errors = logger.at('error');
    expect(errors.filter((l) => l.includes('/app/team/worker')), 'the worker failure').to.have.length(1);
    const escalations = errors.filter((l) => l.includes('EscalationError'));
    expect(escalations, JSON.stringify(errors)).to.have.length(1);
    expect(escalations[0].split('\n')[0]).to.include('/app/team').and.to.include('gave up');
    expect(escalations[0]).to.include('Caused by: Error: worker crashed');
    await shutdown(h);
  });

  it('logs at error level that the system terminates when its root gives up', async () => {
    @Supervisor({ maxRestarts: 0 })
    class Fragile {
      @On(Crash) crash() {
        throw new Error('root crashed');
      }
    }
    const logger = recorder();
    const h = await startSystem(Fragile, { logger });
    h.system.root.tell(new Crash());
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);
    expect(await rejectionOf(h.system.whenTerminated)).to.be.instanceOf(EscalationError);
    ended(h);
    const errors = logger.at('error');
    expect(errors.some((l) => l.includes('/app') && l.includes('root crashed') && l.includes('Crash'))).to.equal(true);
    const termination = errors.filter((l) => /terminat/.test(l.split('\n')[0]));
    expect(termination, JSON.stringify(errors)).to.have.length(1);
    expect(termination[0]).to.include('/app').and.to.include('gave up').and.to.include('whenTerminated');
  });

  it('logs a hint (a class without handlers) at warn level, and dead letters only at debug', async () => {
    class Mute {}
    @Supervisor()
    class Holder {
      @Child(Mute) mute!: ActorRef;
    }
    const logger = recorder();
    const system = await ActorSystem.start(Holder, { name: 'app', scheduler: new VirtualScheduler(), logger });
    system.lookup('/app/mute')!.tell('anything');
    await settle();
    expect(logger.at('warn').some((l) => l.includes('Mute') && l.includes('no @On handler'))).to.equal(true);
    expect(logger.at('debug').some((l) => l.includes("dead letter 'unhandled'"))).to.equal(true);
    expect(logger.at('error')).to.deep.equal([]);
    await system.shutdown();
  });

  it('keeps the runtime working when the logger itself throws', async () => {
    const throwing: Logger = {
      debug() {
        throw new Error('logger down');
      },
      info() {
        throw new Error('logger down');
      },
      warn() {
        throw new Error('logger down');
      },
      error() {
        throw new Error('logger down');
      },
    };
    const h = await startSystem(App, { logger: throwing });
    const worker = h.system.lookup('/app/worker')!;
    worker.tell(new Crash());
    await h.scheduler.advanceBy(0);
    expect(await worker.ask(new Ping())).to.equal('pong');
    expect(h.events.some((e) => e.type === 'restarted' && e.path === '/app/worker')).to.equal(true);
    await shutdown(h);
  });

  describe('on the console', () => {
    async function failOnce(options: Pick<SystemOptions, 'logger'>): Promise<void> {
      const system = await ActorSystem.start(App, { name: 'app', scheduler: new VirtualScheduler(), ...options });
      system.lookup('/app/worker')!.tell(new Crash());
      await settle();
      system.kill();
    }

    it('the default logger prints one string per failure: the line, then the stack indented below it', async () => {
      await withConsole(async (calls) => {
        await failOnce({});
        const errors = calls.filter((c) => c.level === 'error');
        expect(errors, JSON.stringify(calls)).to.have.length(1);
        expect(errors[0].args).to.have.length(1);
        expectLineWithStack(String(errors[0].args[0]), 'rampart: ', '/app/worker', 'Crash', 'worker crashed');
      });
    });

    it('logger: console prints the same: one string argument with the stack in it', async () => {
      await withConsole(async (calls) => {
        await failOnce({ logger: console });
        const errors = calls.filter((c) => c.level === 'error');
        expect(errors, JSON.stringify(calls)).to.have.length(1);
        expect(errors[0].args).to.have.length(1);
        expectLineWithStack(String(errors[0].args[0]), '/app/worker', 'worker crashed');
      });
    });

    it('logger: null prints nothing at all: no failure, escalation, termination, hint or dead letter', async () => {
      await withConsole(async (calls) => {
        class Mute {}
        @Supervisor({ maxRestarts: 0 })
        class Fragile {
          @Child(Mute) mute!: ActorRef;
          @Child(Worker) worker!: ActorRef;
          @On(Crash) crash() {
            throw new Error('root crashed');
          }
        }
        const scheduler = new VirtualScheduler();
        const system = await ActorSystem.start(Fragile, { name: 'app', scheduler, logger: null });
        system.lookup('/app/mute')!.tell('anything');
        system.lookup('/app/worker')!.tell(new Crash());
        for (let i = 0; i < 3; i++) await scheduler.advanceBy(0);
        await rejectionOf(system.whenTerminated);
        expect(calls).to.deep.equal([]);
      });
    });
  });
});
