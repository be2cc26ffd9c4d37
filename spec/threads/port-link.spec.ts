import { expect } from 'chai';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { DEFAULT_MAX_BATCH, PortLink } from '../../lib/threads/port-link';
import type { PortLinkOptions } from '../../lib/threads/port-link';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Polls `condition` every turn until it holds; fails with `what` after `ms`. */
async function until(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

interface Spy {
  /** Every value posted through the port, in order. */
  posts: unknown[];
  batches(): unknown[][];
  credits(): number[];
}

/** Records what is posted through `port` (and still posts it). */
function spy(port: MessagePort, onPost?: (value: unknown) => void): Spy {
  const posts: unknown[] = [];
  const original = port.postMessage.bind(port);
  port.postMessage = (value: unknown) => {
    posts.push(value);
    onPost?.(value);
    original(value);
  };
  return {
    posts,
    batches: () => posts.flatMap((p) => (Array.isArray(p) ? [p.slice(1)] : [])),
    credits: () => posts.flatMap((p) => (typeof p === 'number' ? [p] : Array.isArray(p) && p[0] > 0 ? [p[0] as number] : [])),
  };
}

/** A message channel whose port2 end is played by hand: it records batches and credits only when told. */
function manualPeer(port: MessagePort) {
  const received: unknown[] = [];
  port.on('message', (m: unknown) => {
    if (Array.isArray(m)) received.push(...m.slice(1));
  });
  return { received, credit: (n: number) => port.postMessage(n) };
}

describe('PortLink (threads: a batched, credit-controlled MessagePort link)', () => {
  const open: PortLink[] = [];
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];

  function channel() {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    return { port1, port2 };
  }

  function link(port: MessagePort, options: PortLinkOptions): PortLink {
    const l = new PortLink(port, options);
    open.push(l);
    return l;
  }

  /** A link whose `onError` records each failure, to a peer that records what arrives, and an item no clone takes. */
  function cloneFailures() {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const failures: Array<[unknown, unknown]> = [];
    const notCloneable = () => 'a function';
    const a = link(port1, { receive: () => undefined, onError: (error, item) => failures.push([error, item]) });
    link(port2, { receive: (item) => received.push(item) });
    return { a, received, failures, notCloneable };
  }

  afterEach(async () => {
    for (const l of open.splice(0)) l.close();
    for (const p of ports.splice(0)) p.close();
    for (const w of workers.splice(0)) await w.terminate();
  });

  it('keeps the order across batches and turns', async () => {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const a = link(port1, { window: 100, maxBatch: 16, receive: () => undefined });
    link(port2, { receive: (item) => received.push(item) });
    const postsOfA = spy(port1);
    for (let chunk = 0; chunk < 5; chunk++) {
      for (let i = chunk * 1000; i < (chunk + 1) * 1000; i++) a.send(i);
      await nextTurn();
    }
    await until(() => received.length === 5000, '5000 items');
    expect(received).to.deep.equal(range(0, 5000));
    // It did go in many batches (window 100, 16 a batch), none over the cap.
    expect(postsOfA.batches().length).to.be.at.least(5000 / 16);
    expect(Math.max(...postsOfA.batches().map((b) => b.length))).to.equal(16);
    await until(() => a.inFlight === 0, 'the last credits');
    expect(a.queued).to.equal(0);
  });

  it('sends a synchronous burst of 10,000 in ceil(10000 / cap) postMessages, on a microtask, and credits it in few messages', async () => {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const a = link(port1, { window: 10_000, receive: () => undefined });
    link(port2, { receive: (item) => received.push(item) });
    const postsOfA = spy(port1);
    const postsOfB = spy(port2);
    for (let i = 0; i < 10_000; i++) a.send(`item-${i}`);
    expect(postsOfA.posts).to.have.length(0);
    expect(a.queued).to.equal(10_000);
    await Promise.resolve(); // the flush is the first microtask queued
    const cap = DEFAULT_MAX_BATCH;
    expect(postsOfA.posts.length).to.be.at.most(Math.ceil(10_000 / cap) + 1);
    expect(postsOfA.batches().every((b) => b.length <= cap)).to.equal(true);
    expect(a.queued).to.equal(0);
    expect(a.inFlight).to.equal(10_000);
    await until(() => a.inFlight === 0, 'every credit');
    expect(received).to.deep.equal(range(0, 10_000).map((i) => `item-${i}`));
    expect(postsOfB.credits().reduce((x, y) => x + y, 0)).to.equal(10_000);
    // At most one credit a batch (one a turn): never one an item.
    expect(postsOfB.posts.length).to.be.at.most(Math.ceil(10_000 / cap));
  });

  it('coalesces sends made from separate microtasks of one turn into few batches', async () => {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const a = link(port1, { receive: () => undefined });
    link(port2, { receive: (item) => received.push(item) });
    const postsOfA = spy(port1);
    for (let i = 0; i < 1000; i++) {
      a.send(i);
      await null; // one send a microtask, all in one turn
    }
    await until(() => received.length === 1000, '1000 items');
    expect(received).to.deep.equal(range(0, 1000));
    // The first goes on a microtask, the other 999 at the end of the turn (512 + 487).
    expect(postsOfA.batches().map((b) => b.length)).to.deep.equal([1, 512, 487]);
  });

  it('flushes what it held when a message from the peer ends the hold before the end of the turn', async () => {
    const { port1, port2 } = channel();
    const echoed: unknown[] = [];
    const a = link(port1, { receive: (item) => echoed.push(item) });
    const b: PortLink = link(port2, { receive: (item) => b.send(item) });
    // Sends from separate microtasks while echoes keep arriving: held sends and held ends mix.
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 20; i++) {
        a.send(round * 20 + i);
        await null;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await until(() => echoed.length === 1000, '1000 echoes');
    expect(echoed).to.deep.equal(range(0, 1000));
  });

  it('sends one message per round trip: the answer carries the credit', async () => {
    const { port1, port2 } = channel();
    let answer: ((value: unknown) => void) | undefined;
    const a = link(port1, { receive: (item) => answer?.(item) });
    const b: PortLink = link(port2, { receive: (item) => b.send(item) });
    const posts = spy(port1);
    for (let i = 0; i < 200; i++) {
      const back = new Promise((resolve) => (answer = resolve));
      a.send(i);
      expect(await back).to.equal(i);
    }
    // One post per round trip from A, each carrying the credit for the answer before it: no lone credits.
    expect(posts.posts.filter((p) => typeof p === 'number')).to.deep.equal([]);
  });

  it('never has more than `window` items in flight', async () => {
    const { port1, port2 } = channel();
    const window = 100;
    let credited = 0;
    // Registered before the link's own listener, so a credit is counted before A can use it.
    port1.on('message', (m: unknown) => (credited += typeof m === 'number' ? m : Array.isArray(m) ? (m[0] as number) : 0));
    let posted = 0;
    let most = 0;
    const a = link(port1, { window, maxBatch: 32, receive: () => undefined });
    spy(port1, (value) => {
      posted += Array.isArray(value) ? value.length - 1 : 0;
      most = Math.max(most, posted - credited);
    });
    const received: unknown[] = [];
    link(port2, { receive: (item) => received.push(item) });
    const samples: number[] = [];
    for (let i = 0; i < 3000; i++) a.send(i);
    const deadline = Date.now() + 3000;
    while (received.length < 3000 && Date.now() < deadline) {
      samples.push(a.inFlight);
      await nextTurn();
    }
    expect(most).to.equal(window); // reached, never passed
    expect(Math.max(...samples)).to.be.at.most(window);
    expect(received).to.deep.equal(range(0, 3000));
  });

  it('stalls a sender at its window and resumes it on credits', async () => {
    const { port1, port2 } = channel();
    const peer = manualPeer(port2);
    const a = link(port1, { window: 50, receive: () => undefined });
    for (let i = 0; i < 200; i++) a.send(i);
    await until(() => peer.received.length === 50, 'the first window');
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(peer.received).to.have.length(50);
    expect([a.inFlight, a.queued]).to.deep.equal([50, 150]);
    peer.credit(20);
    await until(() => peer.received.length === 70, '20 more after a credit of 20');
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(peer.received).to.have.length(70);
    expect([a.inFlight, a.queued]).to.deep.equal([50, 130]);
    let credited = 20;
    await until(() => {
      if (peer.received.length > credited) {
        peer.credit(peer.received.length - credited); // credit what arrived, as a receiver does
        credited = peer.received.length;
      }
      return peer.received.length === 200;
    }, 'everything');
    expect(peer.received).to.deep.equal(range(0, 200));
  });

  it('close() returns exactly the items the peer has not credited, oldest first', async () => {
    const { port1, port2 } = channel();
    const peer = manualPeer(port2);
    const a = link(port1, { window: 50, receive: () => undefined });
    for (let i = 0; i < 200; i++) a.send(i);
    await until(() => peer.received.length === 50, 'the first window');
    peer.credit(30);
    await until(() => peer.received.length === 80, 'the next 30');
    await until(() => a.inFlight === 50, 'the credit counted');
    const left = a.close();
    expect(left).to.deep.equal(range(30, 200));
    expect(30 + left.length).to.equal(200); // credited + returned = sent
    expect(a.close()).to.deep.equal([]); // a second close has nothing more
    expect(() => a.send(1)).to.throw(/after close/);
  });

  it('received + returned = sent, when the receiving end closes in the middle of a batch', async () => {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const a = link(port1, { window: 64, maxBatch: 16, receive: () => undefined });
    const b: PortLink = link(port2, {
      receive: (item) => {
        received.push(item);
        if (item === 300) b.close(); // 300 is credited; the rest of its batch is neither delivered nor credited
      },
    });
    for (let i = 0; i < 1000; i++) a.send(i);
    await until(() => b.isClosed && a.inFlight + a.queued === 1000 - 301, 'the closing credit');
    const left = a.close();
    expect(received).to.deep.equal(range(0, 301));
    expect(left).to.deep.equal(range(301, 1000));
    expect(received.length + left.length).to.equal(1000);
  });

  it('goes on when receive throws, and reports each failure with its item', async () => {
    const { port1, port2 } = channel();
    const received: unknown[] = [];
    const failures: Array<[string, unknown]> = [];
    const a = link(port1, { maxBatch: 8, receive: () => undefined });
    link(port2, {
      receive: (item) => {
        if ((item as number) % 3 === 0) throw new Error(`cannot take ${String(item)}`);
        received.push(item);
      },
      onError: (error, item) => failures.push([(error as Error).message, item]),
    });
    for (let i = 0; i < 100; i++) a.send(i);
    await until(() => received.length + failures.length === 100, 'all 100');
    for (let i = 100; i < 110; i++) a.send(i); // still working after the failures
    await until(() => received.length + failures.length === 110, 'all 110');
    expect(received).to.deep.equal(range(0, 110).filter((i) => i % 3 !== 0));
    expect(failures.map(([, item]) => item)).to.deep.equal(range(0, 110).filter((i) => i % 3 === 0));
    expect(failures[1][0]).to.equal('cannot take 3');
    await until(() => a.inFlight === 0, 'failed items credited too');
  });

  it('reports an item that cannot be cloned, and sends the others of its batch in order', async () => {
    const { a, received, failures, notCloneable } = cloneFailures();
    for (let i = 0; i < 10; i++) a.send(i === 5 ? notCloneable : i);
    await until(() => received.length === 9, 'the nine others');
    expect(received).to.deep.equal([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(failures).to.have.length(1);
    expect(failures[0][1]).to.equal(notCloneable);
    expect((failures[0][0] as Error).name).to.equal('DataCloneError');
    await until(() => a.inFlight === 0, 'the nine credited');
    a.send(10);
    await until(() => received.length === 10, 'one more after it');
  });

  it('reports an item that cannot be cloned in flushNow() too, and posts the others of its batch in order', async () => {
    const { a, received, failures, notCloneable } = cloneFailures();
    for (let i = 0; i < 5; i++) a.send(i === 2 ? notCloneable : i);
    a.flushNow(); // synchronously, before the microtask flush
    expect(failures).to.have.length(1);
    expect(failures[0][1]).to.equal(notCloneable);
    expect((failures[0][0] as Error).name).to.equal('DataCloneError');
    await until(() => received.length === 4, 'the four others');
    expect(received).to.deep.equal([0, 1, 3, 4]);
  });

  it('reports to console.error without onError, and when the peer posts something else', async () => {
    const { port1, port2 } = channel();
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const received: unknown[] = [];
      const b = link(port2, {
        receive: (item) => {
          if (item === 'bad') throw new Error('bad item');
          received.push(item);
        },
      });
      port1.postMessage({ nonsense: true });
      port1.postMessage([0, 'bad', 'good']);
      await until(() => received.length === 1, 'the good item');
      expect(received).to.deep.equal(['good']);
      expect(logged).to.have.length(2);
      expect(String(logged[0][0])).to.match(/^rampart: PortLink: a message from the peer was refused/);
      expect(String(logged[1][0])).to.match(/^rampart: PortLink: receive threw/);
      expect((logged[0][1] as Error).message).to.match(/no batch/);
      expect((logged[1][1] as Error).message).to.equal('bad item');
      expect(b.isClosed).to.equal(false);
    } finally {
      console.error = original;
    }
  });

  it('rejects a window or a batch cap that is not a positive integer', () => {
    const { port1 } = channel();
    expect(() => new PortLink(port1, { window: 0, receive: () => undefined })).to.throw(RangeError, /window/);
    expect(() => new PortLink(port1, { maxBatch: 1.5, receive: () => undefined })).to.throw(RangeError, /maxBatch/);
  });

  describe('polling after a post (spinMs, poll)', () => {
    /** A link on port1 whose `poll` reads a queue the test fills; counts the polls of each turn. */
    function polled(spinMs: number, receive: (item: unknown) => void = () => undefined) {
      const { port1 } = channel();
      const waiting: unknown[] = [];
      const pollsPerTurn: number[] = [];
      let turn = 0;
      const a = link(port1, {
        receive,
        spinMs,
        poll: () => {
          pollsPerTurn[turn] = (pollsPerTurn[turn] ?? 0) + 1;
          return waiting.length > 0 ? { message: waiting.shift() } : undefined;
        },
      });
      // The link's end of turn is armed after the test's own immediate: two turns cover it.
      const next = async () => {
        await nextTurn();
        await nextTurn();
        turn++;
      };
      /** Turns in which the link polled at least once. */
      const spins = () => pollsPerTurn.filter((n) => n !== undefined).length;
      return { a, port1, waiting, pollsPerTurn, next, spins };
    }

    it('polls for the answer after it posts, and delivers everything there, in order, with its credit', async () => {
      const received: unknown[] = [];
      const { a, port1, waiting, pollsPerTurn, next } = polled(50, (item) => received.push(item));
      // The peer answers as soon as the ping is posted: its frames wait in the port, unread.
      spy(port1, () => waiting.push([1, 'pong'], [0, 'pong again']));
      a.send('ping');
      await next();
      expect(received).to.deep.equal(['pong', 'pong again']);
      expect(a.inFlight).to.equal(0);
      // Two frames, then one poll that finds nothing: it stops at once, without waiting out spinMs.
      expect(pollsPerTurn[0]).to.equal(3);
    });

    it('stops polling when spinMs has passed with nothing there, and the listener delivers what comes later', async () => {
      const received: unknown[] = [];
      const { a, pollsPerTurn, next } = polled(2, (item) => received.push(item));
      const port2 = ports[ports.length - 1];
      a.send('ping');
      await next();
      expect(pollsPerTurn[0]).to.be.greaterThan(1);
      port2.postMessage([1, 'late']);
      await until(() => received.length === 1, 'the late answer');
      expect(received).to.deep.equal(['late']);
      expect(a.inFlight).to.equal(0);
    });

    it('backs off after 4 spins in a row that catch nothing: then every 8th post polls, until one catches something', async () => {
      const { a, waiting, next, spins } = polled(0.01);
      for (let i = 0; i < 4 + 16; i++) {
        a.send(i);
        await next();
      }
      expect(spins()).to.equal(4 + 2);
      // The next probe (8 posts on) catches a credit: every post polls again.
      for (let i = 0; i < 8; i++) {
        if (i === 7) waiting.push(20);
        a.send(i);
        await next();
      }
      expect(spins()).to.equal(4 + 2 + 1);
      for (let i = 0; i < 3; i++) {
        a.send(i);
        await next();
      }
      expect(spins()).to.equal(4 + 2 + 1 + 3);
    });

    it('reports a poll that throws, stops polling, and the listener goes on delivering', async () => {
      const { port1, port2 } = channel();
      const received: unknown[] = [];
      const failures: unknown[] = [];
      let polls = 0;
      const a = link(port1, {
        receive: (item) => received.push(item),
        onError: (error) => failures.push(error),
        spinMs: 50,
        poll: () => {
          polls++;
          throw new Error('no polling here');
        },
      });
      a.send('ping');
      await nextTurn();
      await nextTurn();
      expect(polls).to.equal(1);
      expect(failures.map((error) => (error as Error).message)).to.deep.equal(['no polling here']);
      port2.postMessage([1, 'pong']);
      await until(() => received.length === 1, 'the answer, through the listener');
      a.send('ping again');
      await nextTurn();
      await nextTurn();
      expect(polls, 'backed off after the throw').to.equal(1);
      expect(a.inFlight).to.equal(1);
    });

    it('does not poll with spinMs 0 or without poll, and rejects a spinMs below 0 or NaN', async () => {
      const { a, next, spins } = polled(0);
      a.send(1);
      await next();
      expect(spins()).to.equal(0);
      const { port1 } = channel();
      expect(() => new PortLink(port1, { spinMs: -1, poll: () => undefined, receive: () => undefined })).to.throw(RangeError, /spinMs/);
      expect(() => new PortLink(port1, { spinMs: NaN, poll: () => undefined, receive: () => undefined })).to.throw(RangeError, /spinMs/);
    });
  });

  describe('across a real Worker (the worker runs the same PortLink under ts-node)', () => {
    const WORKER = `
      const { parentPort, workerData } = require('node:worker_threads');
      require(workerData.tsNode).register({ transpileOnly: true });
      const { PortLink } = require(workerData.module);
      let seen = 0;
      const link = new PortLink(parentPort, {
        window: workerData.window,
        receive: (item) => {
          if (++seen === workerData.dieAfter) process.exit(3);
          link.send(item);
        },
      });
      link.send('ready');
    `;

    /** `window` is the main side's; the worker's is large, so that its echoes never wait. */
    function startEcho(options: { window: number; dieAfter?: number }) {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          tsNode: require.resolve('ts-node'),
          module: path.resolve(__dirname, '../../lib/threads/port-link.ts'),
          window: 1_000_000,
          dieAfter: options.dieAfter ?? -1,
        },
      });
      workers.push(worker);
      const echoed: unknown[] = [];
      let exitCode: number | undefined;
      worker.on('exit', (code) => (exitCode = code));
      const main = new PortLink(worker, { window: options.window, receive: (item) => echoed.push(item), closePort: false });
      open.push(main);
      return { worker, main, echoed, exitCode: () => exitCode };
    }

    it('echoes 20,000 items in order, in batches', async function () {
      this.timeout(15_000);
      const echo = startEcho({ window: 256 });
      await until(() => echo.echoed.length === 1, 'the worker to start', 10_000);
      let posts = 0;
      const original = echo.worker.postMessage.bind(echo.worker);
      echo.worker.postMessage = (value: unknown) => {
        posts++;
        original(value);
      };
      const items = range(0, 20_000).map((i) => ({ n: i, text: `item ${i}` }));
      for (const item of items) echo.main.send(item);
      await until(() => echo.echoed.length === 20_001, '20,000 echoes', 10_000);
      expect(echo.echoed.slice(1)).to.deep.equal(items);
      expect(posts).to.be.below(20_000 / 16); // batches (and credits riding on them), not items
      await until(() => echo.main.inFlight === 0, 'the last credits');
    });

    it('when the worker dies mid-burst, close() returns a suffix, and everything else was echoed', async function () {
      this.timeout(15_000);
      const echo = startEcho({ window: 128, dieAfter: 1001 }); // it exits on receiving item 1000
      await until(() => echo.echoed.length === 1, 'the worker to start', 10_000);
      for (let i = 0; i < 5000; i++) echo.main.send(i);
      await until(() => echo.exitCode() !== undefined, 'the worker to exit', 10_000);
      expect(echo.exitCode()).to.equal(3);
      const left = echo.main.close();
      const echoed = echo.echoed.slice(1);
      expect(echoed).to.deep.equal(range(0, echoed.length)); // in order, no gaps, no repeats
      expect(left).to.deep.equal(range(5000 - left.length, 5000)); // the unacknowledged tail, oldest first
      // Nothing lost: everything not returned came back (the worker credits an item no earlier
      // than it posts its echo); what it echoed but had not credited is in both: at most a window.
      expect(echoed.length + left.length).to.be.at.least(5000);
      expect(echoed.length + left.length - 5000).to.be.at.most(128);
      expect(echoed.length).to.be.at.most(1000);
      expect(left.length).to.be.at.least(5000 - 1000);
    });
  });
});
