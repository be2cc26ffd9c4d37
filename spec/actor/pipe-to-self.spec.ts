import { expect } from 'chai';
import { On, Otherwise } from '../../lib';
import type { Context } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, shutdown, startWorker, type Deferred } from './helpers';

class Start {
  constructor(
    readonly job: Deferred<string>,
    readonly map?: (value: string | undefined, error?: unknown) => unknown,
  ) {}
}
class Loaded {
  constructor(readonly value: string) {}
}
class LoadFailed {
  constructor(readonly error: unknown) {}
}

/** Pipes each `Start`'s job to self; logs everything else it receives, in order. */
function piper(log: unknown[]) {
  class Piper {
    @On(Start)
    start(msg: Start, ctx: Context): void {
      ctx.pipeToSelf(msg.job.promise, msg.map as never);
      log.push('started');
    }
    @On(String)
    fail(msg: string): void {
      if (msg === 'fail') throw new Error('boom');
      log.push(msg);
    }
    @Otherwise()
    other(msg: unknown): void {
      log.push(msg);
    }
  }
  return Piper;
}

describe('Context: pipeToSelf', () => {
  afterEach(killLeftovers);

  it('tells the value to self when the promise fulfils (no map)', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    h.ref.tell(new Start(job));
    await settle();
    job.resolve('hello');
    await settle();
    expect(log).to.deep.equal(['started', 'hello']);
    await shutdown(h);
  });

  it('tells the error itself when the promise rejects (no map)', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    const error = new Error('no row');
    h.ref.tell(new Start(job));
    await settle();
    job.reject(error);
    await settle();
    expect(log).to.deep.equal(['started', error]);
    await shutdown(h);
  });

  it('tells map(value) on success and map(undefined, error) on failure', async () => {
    const log: unknown[] = [];
    const calls: unknown[][] = [];
    const map = (value: string | undefined, ...rest: unknown[]) => {
      calls.push([value, ...rest]);
      return rest.length > 0 ? new LoadFailed(rest[0]) : new Loaded(value!);
    };
    const h = await startWorker(piper(log));
    const good = deferred<string>();
    const bad = deferred<string>();
    h.ref.tell(new Start(good, map));
    h.ref.tell(new Start(bad, map));
    await settle();
    good.resolve('row');
    const error = new Error('gone');
    bad.reject(error);
    await settle();
    expect(log).to.deep.equal(['started', 'started', new Loaded('row'), new LoadFailed(error)]);
    expect(calls).to.deep.equal([['row'], [undefined, error]]);
    await shutdown(h);
  });

  it('does not block the mailbox: later messages are handled while the promise is pending', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    h.ref.tell(new Start(job));
    h.ref.tell('next');
    h.ref.tell('and next');
    await settle();
    expect(log).to.deep.equal(['started', 'next', 'and next']);
    job.resolve('finally');
    await settle();
    expect(log).to.deep.equal(['started', 'next', 'and next', 'finally']);
    await shutdown(h);
  });

  it('drops the result after a restart: it belonged to the failed incarnation', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    h.ref.tell(new Start(job));
    h.ref.tell('fail');
    await h.scheduler.advanceBy(0);
    await settle();
    expect(h.events.some((e) => e.type === 'restarted' && e.path === '/app/worker')).to.equal(true);
    job.resolve('stale');
    await settle();
    h.ref.tell('after');
    await settle();
    expect(log).to.deep.equal(['started', 'after']);
    expect(h.deadLetters.map((d) => d.message)).to.deep.equal(['fail']);
    await shutdown(h);
  });

  it('drops the result after a stop', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    h.ref.tell(new Start(job));
    await settle();
    await h.ref.stop();
    job.resolve('too late');
    await settle();
    expect(log).to.deep.equal(['started']);
    expect(h.deadLetters).to.deep.equal([]);
    await shutdown(h);
  });

  it('a map that throws is a failure of the actor: the outcome is dead-lettered failed and the actor restarts', async () => {
    const log: unknown[] = [];
    const h = await startWorker(piper(log));
    const job = deferred<string>();
    const error = new Error('bad map');
    h.ref.tell(
      new Start(job, () => {
        throw error;
      }),
    );
    await settle();
    job.resolve('value');
    await settle();
    await h.scheduler.advanceBy(0);
    const failed = h.events.find((e) => e.type === 'failed');
    expect(failed?.error).to.equal(error);
    expect(h.deadLetters.map((d) => [d.reason, d.message])).to.deep.equal([['failed', 'value']]);
    expect(h.events.some((e) => e.type === 'restarted')).to.equal(true);
    await shutdown(h);
  });

  it('throws a TypeError naming ctx.pipeToSelf() and the path for a promise that is not a thenable', async () => {
    const errors: unknown[] = [];
    class Bad {
      @On(String)
      handle(msg: string, ctx: Context): void {
        try {
          if (msg === 'promise') ctx.pipeToSelf(42 as never);
          else ctx.pipeToSelf(Promise.resolve(1), 'nope' as never);
        } catch (error) {
          errors.push(error);
        }
      }
    }
    const h = await startWorker(Bad);
    h.ref.tell('promise');
    h.ref.tell('map');
    await settle();
    expect(errors.map((e) => [(e as Error).constructor, (e as Error).message])).to.deep.equal([
      [TypeError, 'ctx.pipeToSelf() at /app/worker needs a promise (or another thenable) as its first argument, got 42.'],
      [TypeError, `ctx.pipeToSelf() at /app/worker: map must be a function (value, error) => message, or left out, got 'nope'.`],
    ]);
    await shutdown(h);
  });

  it('treats a thenable whose then throws as a rejection, never a throw', async () => {
    const log: unknown[] = [];
    const error = new Error('hostile then');
    let reads = 0;
    const hostile = {
      get then() {
        if (reads++ === 0) return () => undefined; // passes the check
        throw error;
      },
    };
    class Hostile {
      @On(String)
      handle(_msg: string, ctx: Context): void {
        ctx.pipeToSelf(hostile as never, (_v, e) => ['piped', e] as never);
      }
      @Otherwise()
      other(msg: unknown): void {
        log.push(msg);
      }
    }
    const h = await startWorker(Hostile);
    h.ref.tell('go');
    await settle();
    expect(log).to.deep.equal([['piped', error]]);
    await shutdown(h);
  });
});
