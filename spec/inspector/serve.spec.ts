/**
 * serveInspector over real HTTP on loopback, without a browser: the page, the event
 * stream, the token rule, the option checks and close(). Systems run on a VirtualScheduler;
 * the first snapshot is sent as a stream opens, so no test waits on the server's timer.
 */
import { expect } from 'chai';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { ActorSystem, Child, ConfigurationError, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { serveInspector } from '../../lib/inspector';
import { VirtualScheduler } from '../../lib/testing';
import { rejectionOf } from '../system/helpers';

class Job {}
class Hostile {}
class Tangled {}

/** An Error whose message and stack getters throw, and whose cause chain is a cycle. */
class TangledError extends Error {
  override get message(): string {
    throw new Error('no message for you');
  }
  override get stack(): string {
    throw new Error('no stack either');
  }
}

class Worker {
  @On(Job) work(): void {}
  /** Throws a value whose every property read, prototype lookup and conversion throws. */
  @On(Hostile) hostile(): never {
    const trap = (): never => {
      throw new Error('a hostile trap');
    };
    throw new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
  }
  @On(Tangled) tangled(): never {
    const error = new TangledError();
    Object.defineProperty(error, 'cause', { value: error });
    throw error;
  }
}
@Supervisor({ maxRestarts: 100, withinMs: 60_000 })
class App {
  @Child(Worker) worker!: ActorRef<Job>;
  @Child(Worker, { redundancy: 2 }) pool!: GroupRef<Job>;
}

type Inspector = { url: string; close(): Promise<void> };

/** The first Server-Sent Event of `url`, parsed, and the response's content type. */
async function firstSnapshot(url: string): Promise<{ contentType: string | null; snapshot: any }> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  try {
    expect(response.status).to.equal(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const match = /^data: (.*)\n\n/m.exec(text);
      if (match !== null) return { contentType: response.headers.get('content-type'), snapshot: JSON.parse(match[1]) };
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before a snapshot; it sent ${JSON.stringify(text)}`);
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    abort.abort();
  }
}

function eventsUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.pathname = '/events';
  return url.toString();
}

/** A GET with a chosen Host header (fetch may not set it). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('serveInspector', () => {
  let system: ActorSystem;
  let scheduler: VirtualScheduler;
  const opened: Inspector[] = [];
  const serve = async (options?: Parameters<typeof serveInspector>[1]): Promise<Inspector> => {
    const inspector = await serveInspector(system, options);
    opened.push(inspector);
    return inspector;
  };

  beforeEach(async () => {
    scheduler = new VirtualScheduler();
    system = await ActorSystem.start(App, { scheduler, logger: null });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((inspector) => inspector.close()));
    system.kill();
  });

  it('serves a self-contained page on 127.0.0.1 and a free port', async () => {
    const { url } = await serve();
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(url);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).to.contain("default-src 'none'").and.to.contain("connect-src 'self'");
    const html = await response.text();
    expect(html).to.contain('<title>rampart inspector</title>').and.to.contain("new EventSource('/events'");
    expect(html).not.to.match(/(src|href)="(https?:)?\/\//);
    expect((await fetch(new URL('/nothing', url))).status).to.equal(404);
    expect((await fetch(url, { method: 'POST' })).status).to.equal(405);
  });

  it('streams JSON snapshots of the tree at /events', async () => {
    const { url } = await serve();
    const { contentType, snapshot } = await firstSnapshot(eventsUrl(url));
    expect(contentType).to.equal('text/event-stream; charset=utf-8');
    expect(snapshot).to.include({ node: 'local', terminated: false, measuresRates: true, deadLettersPerSecond: 0 });
    expect(snapshot.nodes).to.deep.equal(['local']);
    expect(snapshot.tree).to.deep.include({ path: '/app', kind: 'supervisor', restarts: 0, mailboxSize: 0 });
    const pool = snapshot.tree.children[1];
    expect(pool).to.deep.include({ path: '/app/pool', kind: 'group' });
    expect(pool.children.map((member: { path: string }) => member.path)).to.deep.equal(['/app/pool/0', '/app/pool/1']);
  });

  it('reports a failure whose thrown value is hostile, and keeps serving', async () => {
    const { url } = await serve();
    system.lookupActor<Hostile>('/app/worker')!.tell(new Hostile());
    await scheduler.advanceBy(10);
    const { snapshot } = await firstSnapshot(eventsUrl(url));
    expect(snapshot.errors).to.have.length(1);
    expect(snapshot.errors[0]).to.include({ path: '/app/worker', name: 'Thrown value', messageType: 'Hostile' });
    expect(snapshot.errors[0].message).to.be.a('string').that.is.not.empty;
    expect(snapshot.tree.children[0]).to.include({ path: '/app/worker', restarts: 1 });
    expect(snapshot.events.map((event: { type: string }) => event.type)).to.include.members(['failed', 'restarted']);
  });

  it('reports an Error whose getters throw and whose cause is itself', async () => {
    const { url } = await serve();
    system.lookupActor<Tangled>('/app/worker')!.tell(new Tangled());
    await scheduler.advanceBy(10);
    const { snapshot } = await firstSnapshot(eventsUrl(url));
    expect(snapshot.errors).to.have.length(1);
    expect(snapshot.errors[0]).to.include({ path: '/app/worker', name: 'Error', messageType: 'Tangled' });
    expect(snapshot.errors[0].message).to.equal('(its message cannot be read)');
    expect(snapshot.errors[0].stack).to.be.a('string').that.contains('(reading its message threw)');
  });

  it('refuses a host beyond loopback without a token', async () => {
    const error = await rejectionOf(serveInspector(system, { host: '0.0.0.0' }));
    expect(error).to.be.instanceOf(ConfigurationError);
    expect(error.message).to.equal(
      "serveInspector: host '0.0.0.0' is not a loopback address, and the inspector shows your whole system to anyone who can reach it. " +
        "Pass a token (serveInspector(system, { host: '0.0.0.0', token: '<a long random secret>' })) or bind to loopback ('127.0.0.1', '::1' or 'localhost').",
    );
  });

  it('binds to any loopback host without a token', async () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      const { url } = await serve({ host });
      expect((await fetch(url)).status, host).to.equal(200);
    }
    expect(opened[1].url).to.match(/^http:\/\/\[::1\]:\d+\/$/);
  });

  it('without a token, answers only requests whose Host is loopback (no DNS rebinding)', async () => {
    const { url } = await serve();
    const port = new URL(url).port;
    expect(await statusWithHost(url, `localhost:${port}`)).to.equal(200);
    expect(await statusWithHost(url, `attacker.example:${port}`)).to.equal(403);
  });

  it('with a token, the page and /events need ?token=, compared without echoing it', async () => {
    const token = 's3cret-token-for-the-spec';
    const { url } = await serve({ host: '0.0.0.0', token });
    expect(url).to.match(/^http:\/\/0\.0\.0\.0:\d+\/\?token=s3cret-token-for-the-spec$/);
    const bare = new URL(url);
    bare.search = '';
    const wrong = new URL(url);
    wrong.searchParams.set('token', 's3cret-token-for-the-spe');
    for (const target of [bare.toString(), wrong.toString(), eventsUrl(bare.toString()), eventsUrl(wrong.toString())]) {
      const response = await fetch(target);
      expect(response.status, target).to.equal(401);
      expect(await response.text()).to.equal('rampart inspector: a valid ?token= is required.');
    }
    expect((await fetch(url)).status).to.equal(200);
    const { snapshot } = await firstSnapshot(eventsUrl(url));
    expect(snapshot.tree.path).to.equal('/app');
    expect(await statusWithHost(url, 'anywhere.example')).to.equal(200);
  });

  it('checks its options and names the fix', async () => {
    const cases: [unknown, string, string][] = [
      [{ port: 70000 }, 'RangeError', 'serveInspector: options.port must be an integer from 0 to 65535 (0, the default, picks a free port), got 70000.'],
      [{ port: 1.5 }, 'RangeError', 'serveInspector: options.port must be an integer from 0 to 65535 (0, the default, picks a free port), got 1.5.'],
      [{ host: '' }, 'ConfigurationError', "serveInspector: options.host must be a non-empty string (a host name or an IP address, default '127.0.0.1'), got ''."],
      [
        { token: '' },
        'ConfigurationError',
        "serveInspector: options.token must be a non-empty string (a long random secret), got ''; leave it out to serve on loopback without one.",
      ],
      [{ tokn: 'x' }, 'ConfigurationError', "serveInspector: unknown option 'tokn' (did you mean 'token'?); allowed options are port, host, token."],
      ['fast', 'ConfigurationError', "serveInspector: options must be an object ({ port?, host?, token? }), got 'fast'."],
    ];
    for (const [options, name, message] of cases) {
      const error = await rejectionOf(serveInspector(system, options as never));
      expect(error.name).to.equal(name);
      expect(error.message).to.equal(message);
    }
    const notASystem = await rejectionOf(serveInspector({} as never));
    expect(notASystem).to.be.instanceOf(ConfigurationError);
    expect(notASystem.message).to.equal('serveInspector: the first argument must be a started ActorSystem (from await ActorSystem.start(Root)).');
  });

  it('close() ends the streams, frees the port and can be called again', async () => {
    const inspector = await serveInspector(system);
    const port = Number(new URL(inspector.url).port);
    const response = await fetch(eventsUrl(inspector.url));
    const reader = response.body!.getReader();
    await reader.read();
    const first = inspector.close();
    expect(inspector.close()).to.equal(first);
    await first;
    for (;;) if ((await reader.read()).done) break;
    await inspector.close();
    expect(await portIsFree(port)).to.equal(true);
    const refused = await fetch(inspector.url).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).to.equal('refused');
  });

  it('after the system terminates, keeps serving its last snapshot, marked terminated', async () => {
    const { url } = await serve();
    const shutdown = system.shutdown();
    await scheduler.runAll();
    await shutdown;
    const { snapshot } = await firstSnapshot(eventsUrl(url));
    expect(snapshot.terminated).to.equal(true);
    expect(snapshot.tree.path).to.equal('/app');
    expect(snapshot.events.map((event: { type: string }) => event.type)).to.include('stopped');
  });
});
