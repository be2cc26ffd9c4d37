import { expect } from 'chai';
import { On, UnhandledMessageError } from '../../lib';
import { settle } from '../../lib/testing';
import { killLeftovers, rejectionOf, shutdown, startWorker } from './helpers';

describe('ask: replies and failures', () => {
  afterEach(killLeftovers);

  it("resolves with a synchronous handler's return value", async () => {
    class Echo {
      @On(String)
      handle(msg: string): string {
        return `echo ${msg}`;
      }
    }
    const h = await startWorker(Echo);

    expect(await h.ref.ask('hi')).to.equal('echo hi');
    await shutdown(h);
  });

  it('resolves with the value of the promise an async handler returns', async () => {
    class Doubler {
      @On(Number)
      async handle(n: number): Promise<number> {
        await Promise.resolve();
        return n * 2;
      }
    }
    const h = await startWorker(Doubler);

    expect(await h.ref.ask<number>(21)).to.equal(42);
    await shutdown(h);
  });

  it('resolves with the value of a resolved promise returned by a non-async handler', async () => {
    class Lookup {
      @On(String)
      handle(key: string): Promise<{ key: string }> {
        return Promise.resolve({ key });
      }
    }
    const h = await startWorker(Lookup);

    expect(await h.ref.ask('k')).to.deep.equal({ key: 'k' });
    await shutdown(h);
  });

  it('resolves with undefined when the handler returns nothing', async () => {
    class Sink {
      @On(String)
      handle(): void {
        // nothing to say
      }
    }
    const h = await startWorker(Sink);

    expect(await h.ref.ask('x')).to.equal(undefined);
    await shutdown(h);
  });

  it('answers several asks in the order they were asked', async () => {
    class Counter {
      private count = 0;

      @On(String)
      async handle(): Promise<number> {
        await Promise.resolve();
        return ++this.count;
      }
    }
    const h = await startWorker(Counter);

    const replies = await Promise.all([h.ref.ask('a'), h.ref.ask('b'), h.ref.ask('c')]);

    expect(replies).to.deep.equal([1, 2, 3]);
    await shutdown(h);
  });

  it('rejects with the very error a handler throws, and dead-letters the message as failed', async () => {
    const error = new Error('thrown by handler');
    class Failing {
      @On(String)
      handle(): never {
        throw error;
      }
    }
    const h = await startWorker(Failing);

    expect(await rejectionOf(h.ref.ask('bad'))).to.equal(error);
    await settle();
    expect(h.deadLetters.map(({ reason, message, path }) => ({ reason, message, path }))).to.deep.equal([
      { reason: 'failed', message: 'bad', path: '/app/worker' },
    ]);

    await h.scheduler.advanceBy(0); // let the restart run
    await shutdown(h);
  });

  it('rejects with the very error an async handler rejects with, and dead-letters the message as failed', async () => {
    const error = new Error('rejected by handler');
    class Failing {
      @On(String)
      async handle(): Promise<never> {
        await Promise.resolve();
        throw error;
      }
    }
    const h = await startWorker(Failing);

    expect(await rejectionOf(h.ref.ask('bad'))).to.equal(error);
    await settle();
    expect(h.deadLetters.map(({ reason, message, path }) => ({ reason, message, path }))).to.deep.equal([
      { reason: 'failed', message: 'bad', path: '/app/worker' },
    ]);

    await h.scheduler.advanceBy(0);
    await shutdown(h);
  });

  it('rejects with a non-Error value that a handler throws, unchanged', async () => {
    class Failing {
      @On(String)
      handle(): never {
        throw 'plain string'; // eslint-disable-line no-throw-literal
      }
    }
    const h = await startWorker(Failing);

    expect(await rejectionOf(h.ref.ask('bad'))).to.equal('plain string');

    await h.scheduler.advanceBy(0);
    await shutdown(h);
  });

  it('answers the next ask from the restarted actor after a failed one', async () => {
    class Fragile {
      @On(String)
      handle(msg: string): string {
        if (msg === 'bad') throw new Error('boom');
        return `ok ${msg}`;
      }
    }
    const h = await startWorker(Fragile);

    const failed = rejectionOf(h.ref.ask('bad'));
    const next = h.ref.ask('good');
    await h.scheduler.advanceBy(0);

    expect(await failed).to.be.instanceOf(Error);
    expect(await next).to.equal('ok good');
    await shutdown(h);
  });

  it('rejects an unmatched ask with UnhandledMessageError and dead-letters it as unhandled', async () => {
    class OnlyStrings {
      @On(String)
      handle(): string {
        return 'ok';
      }
    }
    const h = await startWorker(OnlyStrings);

    const error = await rejectionOf(h.ref.ask(42));

    expect(error).to.be.instanceOf(UnhandledMessageError);
    expect((error as UnhandledMessageError).code).to.equal('UNHANDLED_MESSAGE');
    expect((error as Error).message).to.include('/app/worker');
    await settle();
    expect(h.deadLetters.map(({ reason, message, path }) => ({ reason, message, path }))).to.deep.equal([
      { reason: 'unhandled', message: 42, path: '/app/worker' },
    ]);
    // An unhandled message is not a failure: no restart.
    expect(h.events.filter((e) => e.type === 'failed' || e.type === 'restarted')).to.deep.equal([]);
    await shutdown(h);
  });
});
