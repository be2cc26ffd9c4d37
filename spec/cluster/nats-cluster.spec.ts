import { expect } from 'chai';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { ActorSystem, Child, ClusterError, On, Supervisor, UnreachableError, natsTransport } from '../../lib';
import type { ClusterOptions, Context, DeadLetter, NatsTransportOptions, SystemEvent } from '../../lib';
import { Counter, Numbered, handled } from './numbered';
import { describeWithNats, startNatsServer } from '../support/nats-server';
import type { NatsServer } from '../support/nats-server';

class Echo {
  @On(String)
  echo(text: string, ctx: Context): string {
    return `${text} via ${ctx.system.node} for ${ctx.sender?.address ?? 'outside'}`;
  }
}

class Asker {
  @On(String)
  forward(address: string, ctx: Context): Promise<string> {
    return ctx.system.lookupActor(address)!.ask<string>('hi');
  }
}

class Worker {
  @On(String)
  work(job: string, ctx: Context): string {
    return `${ctx.system.node}${ctx.path}`;
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: unknown;
  @Child(Asker) asker!: unknown;
  @Child(Counter) counter!: unknown;
  @Child(Worker, { redundancy: 2, distributor: 'work' }) workers!: unknown;
}

interface Node {
  system: ActorSystem;
  events: SystemEvent[];
  deadLetters: DeadLetter[];
}

const FAST: Partial<ClusterOptions> = { heartbeatIntervalMs: 200, failureTimeoutMs: 1000 };

/** Polls `done` every 10 ms of real time, for at most `ms`. */
async function waitFor(done: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithNats('a cluster on a real nats-server', function () {
  this.timeout(30_000);
  let server: NatsServer;
  const nodes: Node[] = [];
  const children: ChildProcess[] = [];

  async function start(node: string, transport: Partial<NatsTransportOptions> = {}, cluster: Partial<ClusterOptions> = FAST): Promise<Node> {
    const system = await ActorSystem.start(App, {
      name: 'app',
      logger: null,
      cluster: { transport: natsTransport({ servers: server.url, ...transport }), node, ...cluster },
    });
    const n: Node = { system, events: [], deadLetters: [] };
    system.events$.subscribe((e) => n.events.push(e));
    system.deadLetters$.subscribe((d) => n.deadLetters.push(d));
    nodes.push(n);
    return n;
  }

  function startProcess(node: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'spec/cluster/fixtures/nats-node.ts', server.url, node], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${node} did not start within 20 s`)), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(`ready ${node}`)) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.on('exit', (code) => reject(new Error(`node ${node} exited with ${code}`)));
    });
  }

  beforeEach(async () => {
    handled.clear();
    server = await startNatsServer();
  });

  afterEach(async () => {
    for (const n of nodes.splice(0)) await n.system.shutdown().catch(() => undefined);
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await server.kill();
  });

  it('joins two nodes that tell and ask each other, with ctx.sender across them', async () => {
    const a = await start('a');
    const b = await start('b');
    expect(a.system.nodes()).to.deep.equal(['a', 'b']);
    expect(b.system.nodes()).to.deep.equal(['a', 'b']);
    expect(await a.system.lookupActor('rampart://b/app/echo')!.ask('one')).to.equal('one via b for outside');
    expect(await a.system.lookupActor('/app/asker')!.ask('rampart://b/app/echo')).to.equal('hi via b for rampart://a/app/asker');
    b.system.lookupActor('rampart://a/app/counter')!.tell(new Numbered(1));
    await waitFor(() => handled.get(1) === 1, 5000, 'the tell');
  });

  it('spreads a distributor over the members of three nodes', async () => {
    const a = await start('a');
    await start('b');
    await start('c');
    await waitFor(() => a.system.nodes().length === 3, 5000, 'three nodes');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a heartbeat with every membership
    const work = a.system.distributor('work');
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) answers.push(await work.ask<string>(`job ${i}`));
    const perMember = answers.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});
    expect(Object.keys(perMember).sort()).to.deep.equal(
      ['a', 'b', 'c'].flatMap((n) => [`${n}/app/workers/0`, `${n}/app/workers/1`]),
    );
    expect(Object.values(perMember)).to.deep.equal([5, 5, 5, 5, 5, 5]);
    expect((await work.askEveryone('all')).length).to.equal(6);
  });

  it('declares a node killed with SIGKILL down and rejects its asks with UnreachableError', async () => {
    const a = await start('a');
    const b = await startProcess('b');
    await waitFor(() => a.system.nodes().includes('b'), 5000, 'node b');
    expect(await a.system.lookupActor('rampart://b/app/echo')!.ask('alive?')).to.equal('alive? via b');
    const started = Date.now();
    const asked = a.system.lookupActor('rampart://b/app/silent')!.ask('wait', { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    b.kill('SIGKILL');
    let error: unknown;
    await asked.catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(UnreachableError);
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(a.system.nodes()).to.deep.equal(['a']);
    expect(a.events.filter((e) => e.type === 'node-down').map((e) => [e.node, e.reason])).to.deep.equal([['b', 'unreachable']]);
  });

  it('loses nothing and delivers nothing twice while the server is killed and restarted on the same port', async () => {
    const a = await start('a', {}, { heartbeatIntervalMs: 200, failureTimeoutMs: 5000 });
    const b = await start('b', {}, { heartbeatIntervalMs: 200, failureTimeoutMs: 5000 });
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    const total = 2000;
    let sent = 0;
    const sending = (async () => {
      while (sent < total) {
        for (let i = 0; i < 20 && sent < total; i++) counter.tell(new Numbered(sent++));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitFor(() => sent >= total / 3, 10_000, 'a third of the tells');
    await server.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.restart();
    await sending;
    const dead = () => a.deadLetters.length + b.deadLetters.length;
    await waitFor(() => handled.size + dead() >= total, 20_000, 'every tell handled or dead-lettered');
    const twice = [...handled].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice, 'handled twice').to.deep.equal([]);
    const missing = [];
    for (let id = 0; id < total; id++) if (!handled.has(id) && !a.deadLetters.some((d) => (d.message as Numbered)?.id === id)) missing.push(id);
    expect(missing, 'neither handled nor dead-lettered').to.deep.equal([]);
    expect(handled.size, 'handled (the rest are dead letters)').to.equal(total - dead());
  });

  describe('with credentials', () => {
    beforeEach(async () => {
      await server.kill();
      server = await startNatsServer({ user: 'rampart', pass: 's3cret-pass' });
    });

    it('is refused without them, with no secret in the error, and joins with them', async () => {
      let error: unknown;
      try {
        await start('a', { user: 'rampart', pass: 'wrong-pass' }, { ...FAST, connectTimeoutMs: 2000 });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ClusterError);
      expect(String((error as Error).message)).not.to.contain('wrong-pass');
      const a = await start('a', { user: 'rampart', pass: 's3cret-pass' });
      const b = await start('b', { user: 'rampart', pass: 's3cret-pass' });
      expect(await a.system.lookupActor('rampart://b/app/echo')!.ask('hi')).to.equal('hi via b for outside');
      expect(JSON.stringify(a.events) + JSON.stringify(a.system.tree()) + JSON.stringify(b.events)).not.to.contain('s3cret');
    });
  });
});
