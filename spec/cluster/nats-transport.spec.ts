import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { asyncScheduler } from 'rxjs';
import { natsTransport } from '../../lib';
import { natsClientLoader } from '../../lib/cluster/transports/nats';
import type { ClusterTransport, NatsTransportOptions, TransportConnection, TransportSetup } from '../../lib/cluster/types';
import { ClusterError, ConfigurationError } from '../../lib/errors';
import { describeWithNats, startNatsServer } from '../support/nats-server';
import type { NatsServer } from '../support/nats-server';

/** The grace after a (re)connect in which no-responders do not mean a peer is gone. */
const GRACE_MS = 1000;

interface FakeSetup extends TransportSetup {
  readonly frames: string[];
  readonly gone: string[];
  reconnects: number;
}

let clusters = 0;

function fakeSetup(node: string, cluster: string, connectTimeoutMs = 3000): FakeSetup {
  const setup: FakeSetup = {
    cluster,
    node,
    scheduler: asyncScheduler,
    connectTimeoutMs,
    frames: [],
    gone: [],
    reconnects: 0,
    receive(frame) {
      setup.frames.push(typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8'));
    },
    peerGone(peer) {
      setup.gone.push(peer);
    },
    reconnected() {
      setup.reconnects++;
    },
  };
  return setup;
}

/** Polls `condition` every 10 ms; fails with `what` at the deadline. Never a mocha timeout. */
async function until(condition: () => boolean, what: string, timeoutMs = 4000, onEachTry?: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    onEachTry?.();
    if (condition()) return;
    if (Date.now() >= deadline) throw new Error(`within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** A loopback port with nobody listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('natsTransport: options and loading (no server needed)', () => {
  const bad: [string, unknown, RegExp][] = [
    ['no options', undefined, /natsTransport.*options object/],
    ['servers missing', {}, /natsTransport: option 'servers' is missing.*servers: 'nats:\/\/127\.0\.0\.1:4222'/],
    ['servers a number', { servers: 4222 }, /option 'servers' is 4222\. Pass the NATS server URL/],
    ['servers empty', { servers: [] }, /option 'servers' is an empty array/],
    ['a server not a string', { servers: ['nats://a:4222', 7] }, /option 'servers\[1\]' is 7/],
    ['name not a string', { servers: 'nats://x:4222', name: 5 }, /option 'name' must be a non-empty string/],
    ['reconnectTimeWaitMs negative', { servers: 'nats://x:4222', reconnectTimeWaitMs: -1 }, /option 'reconnectTimeWaitMs' must be a finite number/],
    ['pingIntervalMs zero', { servers: 'nats://x:4222', pingIntervalMs: 0 }, /option 'pingIntervalMs' must be a finite number of milliseconds above 0/],
    ['pass without user', { servers: 'nats://x:4222', pass: 'pw' }, /option 'pass' is given without 'user'/],
    ['authenticator not a function', { servers: 'nats://x:4222', authenticator: 'abc' }, /option 'authenticator' must be a NATS authenticator function/],
    ['tls not an object', { servers: 'nats://x:4222', tls: 'yes' }, /option 'tls' must be an object/],
    ['an unknown option', { servers: 'nats://x:4222', sever: 'nats://x:4222' }, /unknown option 'sever'/],
  ];
  for (const [title, options, message] of bad) {
    it(`throws ConfigurationError at once for ${title}, naming natsTransport, the option and the fix`, () => {
      let thrown: unknown;
      try {
        natsTransport(options as NatsTransportOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(ConfigurationError);
      expect((thrown as Error).message).to.match(message);
    });
  }

  it('never shows a secret of a wrong type in its error', () => {
    let thrown: unknown;
    try {
      natsTransport({ servers: 'nats://x:4222', user: 'u', pass: 987654321 as unknown as string, token: 123456789 as unknown as string });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(ConfigurationError);
    expect((thrown as Error).message).to.include("option 'pass'").and.include('a value of type number');
    expect((thrown as Error).message).not.to.include('987654321');
    expect((thrown as Error).message).not.to.include('123456789');
  });

  it('rejects connect with ConfigurationError naming the install command when the package is missing', async () => {
    const original = natsClientLoader.load;
    natsClientLoader.load = () => {
      throw Object.assign(new Error("Cannot find module '@nats-io/transport-node'\nRequire stack: …"), { code: 'MODULE_NOT_FOUND' });
    };
    try {
      const transport = natsTransport({ servers: 'nats://127.0.0.1:4222' });
      const error = await rejection(transport.connect(fakeSetup('a', 'missing')));
      expect(error).to.be.instanceOf(ConfigurationError);
      expect(error.message).to.include('npm install @nats-io/transport-node');
    } finally {
      natsClientLoader.load = original;
    }
  });

  it('does not load @nats-io/transport-node until a transport connects', () => {
    const script = [
      "const { natsTransport } = require('./lib');",
      "natsTransport({ servers: 'nats://127.0.0.1:4222' });",
      "const loaded = Object.keys(require.cache).some((file) => file.includes('@nats-io'));",
      "process.stdout.write(loaded ? 'loaded' : 'not loaded');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: `${__dirname}/../..`,
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.stderr).to.equal('');
    expect(run.stdout).to.equal('not loaded');
  });

  it('shows no secret in util.inspect or JSON.stringify of a transport', () => {
    const transport = natsTransport({
      servers: 'nats://bob:url-Secret-77@127.0.0.1:4222',
      user: 'bob',
      pass: 'pass-Secret-42',
      authenticator: () => ({ auth_token: 'auth-Secret-9' }),
      tls: { key: 'tls-Secret-Key' },
    });
    const shown = [inspect(transport, { depth: Infinity, showHidden: true, getters: true }), JSON.stringify(transport)].join('\n');
    expect(transport.kind).to.equal('nats');
    for (const secret of ['url-Secret-77', 'pass-Secret-42', 'auth-Secret-9', 'tls-Secret-Key']) expect(shown).not.to.include(secret);
  });
});

describeWithNats('natsTransport on a real nats-server', function () {
  this.timeout(20000);
  let server: NatsServer;
  const open: TransportConnection[] = [];
  let cluster: string;

  before(async () => {
    server = await startNatsServer();
  });
  after(async () => {
    await server?.kill();
  });
  beforeEach(() => {
    cluster = `spec${++clusters}`;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close()));
  });

  async function join(node: string, transport: ClusterTransport = natsTransport({ servers: server.url })) {
    const setup = fakeSetup(node, cluster);
    const connection = await transport.connect(setup);
    open.push(connection);
    return { setup, connection };
  }

  it('exchanges frames inbox to inbox', async () => {
    const a = await join('a');
    const b = await join('b');
    a.connection.send('b', 'hello b');
    b.connection.send('a', 'hello a');
    await until(() => b.setup.frames.length === 1 && a.setup.frames.length === 1, 'each node gets the frame sent to it');
    expect(b.setup.frames).to.deep.equal(['hello b']);
    expect(a.setup.frames).to.deep.equal(['hello a']);
  });

  it('keeps the order of the frames of one sender and delivers them as bytes', async () => {
    let raw: unknown;
    const a = await join('a');
    const b = await join('b');
    const receive = b.setup.receive;
    b.setup.receive = (frame) => {
      raw ??= frame;
      receive(frame);
    };
    for (let i = 0; i < 200; i++) a.connection.send('b', `f${i}`);
    await until(() => b.setup.frames.length === 200, '200 frames arrive');
    expect(b.setup.frames).to.deep.equal(Array.from({ length: 200 }, (_, i) => `f${i}`));
    expect(raw).to.be.instanceOf(Uint8Array);
  });

  it('broadcasts to every node, the sender included', async () => {
    const a = await join('a');
    const b = await join('b');
    a.connection.broadcast('to all');
    await until(() => a.setup.frames.length === 1 && b.setup.frames.length === 1, 'both nodes get the broadcast');
    expect(a.setup.frames).to.deep.equal(['to all']);
    expect(b.setup.frames).to.deep.equal(['to all']);
  });

  it('keeps two clusters on one server apart', async () => {
    const a = await join('a');
    const other = fakeSetup('b', `${cluster}x`);
    const connection = await natsTransport({ servers: server.url }).connect(other);
    open.push(connection);
    a.connection.broadcast('cluster one');
    a.connection.send('b', 'to b of cluster one');
    await until(() => a.setup.frames.length === 1, 'the sender gets its broadcast');
    await a.connection.settle();
    expect(other.frames).to.deep.equal([]);
  });

  it('reports peerGone when a peer closes, but not within the grace after its own connect', async () => {
    const start = Date.now();
    const a = await join('a');
    const b = await join('b');
    await b.connection.close();
    // Inside a's grace: the no-responders answer is not taken as a down signal.
    a.connection.send('b', 'early');
    await a.connection.settle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (Date.now() - start < GRACE_MS - 100) expect(a.setup.gone).to.deep.equal([]);
    // After the grace it is.
    await until(() => a.setup.gone.includes('b'), 'a hears that b is gone', GRACE_MS + 3000, () => a.connection.send('b', 'late'));
    expect(a.setup.gone.every((peer) => peer === 'b')).to.equal(true);
  });

  it('does not report peerGone for a peer that is there', async () => {
    const a = await join('a');
    const b = await join('b');
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 50));
    a.connection.send('b', 'hi');
    await until(() => b.setup.frames.length === 1, 'b gets the frame');
    await a.connection.settle();
    expect(a.setup.gone).to.deep.equal([]);
  });

  it('rejects a node name that a live node holds with ClusterError, and frees it when that node closes', async () => {
    const first = await join('a');
    const error = await rejection(natsTransport({ servers: server.url }).connect(fakeSetup('a', cluster)));
    expect(error).to.be.instanceOf(ClusterError);
    expect(error.message).to.include(`the node name 'a' is taken by a live node of cluster '${cluster}'`);
    // The live node was not disturbed by the probe.
    expect(first.setup.frames).to.deep.equal([]);
    await first.connection.close();
    const again = await join('a');
    again.connection.send('a', 'self');
    await until(() => again.setup.frames.length === 1, 'the new holder of the name gets its frames');
  });

  it('rejects with ClusterError within connectTimeoutMs when no server is reachable, credentials redacted', async () => {
    const port = await closedPort();
    const transport = natsTransport({ servers: `nats://bob:url-Secret-77@127.0.0.1:${port}` });
    const start = Date.now();
    const error = await rejection(transport.connect(fakeSetup('a', cluster, 500)));
    const elapsed = Date.now() - start;
    expect(error).to.be.instanceOf(ClusterError);
    expect(error.message).to.include(`nats://***@127.0.0.1:${port}`).and.include('within 500 ms');
    expect(error.message).not.to.include('url-Secret-77');
    expect(elapsed).to.be.at.least(450).and.below(1500);
  });

  it('connects when the server comes up within connectTimeoutMs', async () => {
    const port = await closedPort();
    const transport = natsTransport({ servers: `nats://127.0.0.1:${port}` });
    const setup = fakeSetup('a', cluster, 5000);
    const joining = transport.connect(setup);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await startNatsServer({ port });
    try {
      const connection = await joining;
      connection.broadcast('up');
      await until(() => setup.frames.length === 1, 'the node works');
      await connection.close();
    } finally {
      await late.kill();
    }
  });

  it('publishing after close is a silent no-op, and close is idempotent', async () => {
    const a = await join('a');
    await a.connection.close();
    await a.connection.close();
    expect(() => a.connection.send('b', 'x')).not.to.throw();
    expect(() => a.connection.broadcast('x')).not.to.throw();
    await a.connection.settle();
  });

  it('keeps a throwing receive handler from escaping', async () => {
    const a = await join('a');
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args[0]);
    try {
      a.setup.receive = () => {
        throw new Error('handler bug');
      };
      a.connection.broadcast('boom');
      await until(() => logged.length === 1, 'the failure is logged');
      expect(String(logged[0])).to.include('handler bug');
    } finally {
      console.error = original;
    }
    a.setup.receive = (frame) => a.setup.frames.push(String(Buffer.from(frame as Uint8Array)));
    a.connection.broadcast('still works');
    await until(() => a.setup.frames.includes('still works'), 'the connection still delivers');
  });

  it('shows no secret in util.inspect of a connection', async () => {
    const a = await join('a', natsTransport({ servers: server.url, name: 'spec-inspect', pingIntervalMs: 5000 }));
    const shown = inspect(a.connection, { depth: Infinity, showHidden: true });
    expect(shown).not.to.include('spec-inspect');
    expect(shown).not.to.include(server.url);
  });
});

describeWithNats('natsTransport across a server restart', function () {
  this.timeout(20000);
  let server: NatsServer;
  const open: TransportConnection[] = [];

  before(async () => {
    server = await startNatsServer();
  });
  after(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close()));
    await server?.kill();
  });

  it('calls reconnected on every node after server.restart(), declares nobody gone, and frames flow again', async () => {
    const cluster = `restart${++clusters}`;
    const a = fakeSetup('a', cluster);
    const b = fakeSetup('b', cluster);
    const transport = natsTransport({ servers: server.url });
    const ca = await transport.connect(a);
    const cb = await transport.connect(b);
    open.push(ca, cb);
    const pid = server.pid;
    await server.restart();
    expect(server.pid).not.to.equal(pid);
    // Right after its reconnect, a sends to b, which may not be back yet: that is no down signal.
    await until(() => a.reconnects === 1, 'a reconnects', 5000);
    ca.send('b', 'right after the reconnect');
    await until(() => b.reconnects === 1, 'b reconnects', 5000);
    await until(() => b.frames.includes('again'), 'a frame sent after the restart arrives', 3000, () => ca.send('b', 'again'));
    await ca.settle();
    expect(a.gone).to.deep.equal([]);
    expect(b.gone).to.deep.equal([]);
  });
});

describeWithNats('natsTransport when the server goes away', function () {
  this.timeout(20000);

  it('notices a frozen server by its pings (pingIntervalMs, 2 outstanding) and reconnects when it thaws', async () => {
    const server = await startNatsServer();
    const setup = fakeSetup('a', `frozen${++clusters}`);
    const connection = await natsTransport({ servers: server.url, pingIntervalMs: 200 }).connect(setup);
    try {
      process.kill(server.pid, 'SIGSTOP');
      try {
        // Stale after 3 unanswered pings, about 600 ms: let it get there, then thaw the server.
        await new Promise((resolve) => setTimeout(resolve, 1200));
      } finally {
        process.kill(server.pid, 'SIGCONT');
      }
      await until(() => setup.reconnects === 1, 'the connection comes back', 5000);
      await until(() => setup.frames.includes('back'), 'frames flow again', 3000, () => connection.broadcast('back'));
    } finally {
      await connection.close();
      await server.kill();
    }
  });

  it('settle and close are bounded while the server is down, and publishing meanwhile does not throw', async () => {
    const server = await startNatsServer();
    const setup = fakeSetup('a', `down${++clusters}`);
    const connection = await natsTransport({ servers: server.url }).connect(setup);
    await server.kill();
    connection.send('b', 'into the void');
    connection.broadcast('into the void');
    let start = Date.now();
    await connection.settle();
    expect(Date.now() - start).to.be.below(1500);
    start = Date.now();
    await connection.close();
    expect(Date.now() - start).to.be.below(2500);
    expect(setup.gone).to.deep.equal([]);
  });
});

describeWithNats('natsTransport with user and password', function () {
  this.timeout(20000);
  const password = 'pw-Secret-31337';
  let server: NatsServer;

  before(async () => {
    server = await startNatsServer({ user: 'rampart', pass: password });
  });
  after(async () => {
    await server?.kill();
  });

  it('is refused without credentials: ClusterError saying so, at once', async () => {
    const start = Date.now();
    const error = await rejection(natsTransport({ servers: server.url }).connect(fakeSetup('a', 'auth', 5000)));
    expect(error).to.be.instanceOf(ClusterError);
    expect(error.message).to.match(/refused authorization/);
    expect(error.message).not.to.include(password);
    expect(Date.now() - start).to.be.below(2500);
  });

  it('is refused with a wrong password, which the error does not show', async () => {
    const wrong = 'wrong-Secret-4711';
    const error = await rejection(
      natsTransport({ servers: server.url, user: 'rampart', pass: wrong }).connect(fakeSetup('a', 'auth', 5000)),
    );
    expect(error).to.be.instanceOf(ClusterError);
    expect(error.message).to.match(/refused authorization/);
    expect(error.message).not.to.include(wrong);
    expect(error.message).not.to.include(password);
  });

  it('is refused with credentials in the URL that are wrong, which the error does not show', async () => {
    const error = await rejection(
      natsTransport({ servers: `nats://rampart:url-Wrong-55@127.0.0.1:${server.port}` }).connect(fakeSetup('a', 'auth', 5000)),
    );
    expect(error).to.be.instanceOf(ClusterError);
    expect(error.message).to.include(`nats://***@127.0.0.1:${server.port}`);
    expect(error.message).not.to.include('url-Wrong-55');
  });

  it('is accepted with the credentials', async () => {
    const transport = natsTransport({ servers: server.url, user: 'rampart', pass: password });
    const setup = fakeSetup('a', 'auth');
    const connection = await transport.connect(setup);
    try {
      connection.send('a', 'authorized');
      await until(() => setup.frames.length === 1, 'the frame arrives');
      expect(inspect(transport, { depth: Infinity, showHidden: true })).not.to.include(password);
      expect(inspect(connection, { depth: Infinity, showHidden: true })).not.to.include(password);
    } finally {
      await connection.close();
    }
  });
});
