import { expect } from 'chai';
import { On } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, shutdown, startWorker, type Deferred } from './helpers';

describe('actor mailbox: one message at a time', () => {
  afterEach(killLeftovers);

  it('handles synchronous messages one by one, in the order they were told', async () => {
    const log: number[] = [];
    class Worker {
      @On(Number)
      handle(n: number): void {
        log.push(n);
      }
    }
    const h = await startWorker(Worker);

    for (let n = 0; n < 100; n++) h.ref.tell(n);
    await settle();

    expect(log).to.deep.equal(Array.from({ length: 100 }, (_, n) => n));
    await shutdown(h);
  });

  it('starts the next message only after the previous async handler has settled', async () => {
    const log: string[] = [];
    const gates: Record<number, Deferred> = { 1: deferred(), 2: deferred(), 3: deferred() };
    class Worker {
      @On(Number)
      async handle(n: number): Promise<void> {
        log.push(`start ${n}`);
        await gates[n].promise;
        log.push(`end ${n}`);
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell(1);
    h.ref.tell(2);
    h.ref.tell(3);
    await settle();
    expect(log).to.deep.equal(['start 1']);

    // Releasing the later messages first changes nothing: message 1 is still in flight.
    gates[3].resolve();
    gates[2].resolve();
    await settle();
    expect(log).to.deep.equal(['start 1']);

    gates[1].resolve();
    await settle();
    expect(log).to.deep.equal(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    await shutdown(h);
  });

  it('serializes an async handler whose promise rejects before the next message starts', async () => {
    const log: string[] = [];
    const gate = deferred();
    class Worker {
      @On(String)
      async handle(msg: string): Promise<void> {
        log.push(`start ${msg}`);
        if (msg === 'first') {
          await gate.promise;
          log.push(`end ${msg}`);
          throw new Error('boom');
        }
        log.push(`end ${msg}`);
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell('first');
    h.ref.tell('second');
    await settle();
    expect(log).to.deep.equal(['start first']);

    gate.resolve();
    await h.scheduler.advanceBy(0); // the failure restarts the worker on the scheduler
    await settle();
    expect(log).to.deep.equal(['start first', 'end first', 'start second', 'end second']);
    await shutdown(h);
  });

  it('keeps mailbox order across handlers for different message types, sync and async', async () => {
    const log: string[] = [];
    class Worker {
      @On(Number)
      async number(n: number): Promise<void> {
        await Promise.resolve();
        log.push(`number ${n}`);
      }

      @On(String)
      text(s: string): void {
        log.push(`text ${s}`);
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell(1);
    h.ref.tell('a');
    h.ref.tell(2);
    h.ref.tell('b');
    await settle();

    expect(log).to.deep.equal(['number 1', 'text a', 'number 2', 'text b']);
    await shutdown(h);
  });

  it('reports in tree() the queued messages, not the one in flight', async () => {
    const gate = deferred();
    class Worker {
      @On(Number)
      async handle(): Promise<void> {
        await gate.promise;
      }
    }
    const h = await startWorker(Worker);

    h.ref.tell(1);
    await settle();
    h.ref.tell(2);
    h.ref.tell(3);

    const worker = h.system.tree().children.find((node) => node.path === '/app/worker');
    expect(worker?.mailboxSize).to.equal(2);

    gate.resolve();
    await settle();
    const after = h.system.tree().children.find((node) => node.path === '/app/worker');
    expect(after?.mailboxSize).to.equal(0);
    await shutdown(h);
  });
});
