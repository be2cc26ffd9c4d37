import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { firstValueFrom, timer, type SchedulerLike } from 'rxjs';
import { ActorSystem, Child, ConfigurationError, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { VirtualScheduler, settle, startTestSystem, type TestKit } from '../../lib/testing';

class Tick {}
class Wait {
  constructor(readonly ms: number) {}
}

/** The clock the waiting handler awaits (the test's, set by each test). */
let clock: SchedulerLike;

class Worker {
  ticks = 0;

  @On(Tick)
  tick(_tick: Tick, ctx: Context): void {
    this.ticks++;
    if (this.ticks === 1) ctx.schedule(1_000, new Tick());
  }

  @On(Wait)
  async wait(message: Wait): Promise<void> {
    await firstValueFrom(timer(message.ms, clock));
  }

  @On(Number)
  count(): number {
    return this.ticks;
  }
}

@Supervisor()
class App {
  @Child(Worker) first!: ActorRef;
  @Child(Worker, { shutdownTimeoutMs: 2_000 }) second!: ActorRef;
}

describe('startTestSystem and TestKit', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await startTestSystem(App, { logger: null });
  });
  afterEach(() => kit.shutdown());

  it('starts the tree on its own VirtualScheduler at virtual time 0', () => {
    expect(kit.scheduler).to.be.instanceOf(VirtualScheduler);
    expect(kit.scheduler.now()).to.equal(0);
    expect(kit.system.tree().children.map((c) => c.path)).to.deep.equal(['/app/first', '/app/second']);
  });

  it('records every event since the start, the started events of the static tree included, and the dead letters', async () => {
    expect(kit.events.map((e) => `${e.type} ${e.path}`)).to.deep.equal(['started /app/first', 'started /app/second', 'started /app']);
    const first = kit.system.lookupActor('/app/first')!;
    await first.stop();
    first.tell('too late');
    expect(kit.deadLetters.map((d) => `${d.reason} ${d.path} ${String(d.message)}`)).to.deep.equal(['stopped /app/first too late']);
    expect(kit.events.slice(3).map((e) => `${e.type} ${e.path}`)).to.deep.equal(['stopped /app/first', 'dead-letter /app/first']);
  });

  it('advance(ms) runs the timers due, in time order', async () => {
    const first = kit.system.lookupActor('/app/first')!;
    first.tell(new Tick());
    await kit.advance(999);
    expect(await first.ask(0)).to.equal(1);
    await kit.advance(1);
    expect(await first.ask(0)).to.equal(2);
    expect(kit.scheduler.now()).to.equal(1_000);
    expect(() => kit.advance(-5)).to.throw(RangeError, 'TestKit.advance: ms must be a finite number of virtual ms >= 0, got -5.');
  });

  it('probe() makes probes under the root with unique default names, or the name given', () => {
    expect([kit.probe(), kit.probe(), kit.probe('replies'), kit.probe()].map((p) => p.ref.path)).to.deep.equal([
      '/app/probe',
      '/app/probe-2',
      '/app/replies',
      '/app/probe-3',
    ]);
  });

  it('a probe is found by its path, as an actor is', () => {
    const probe = kit.probe('audit');
    expect(kit.system.lookupActor('/app/audit')).to.equal(probe.ref);
    expect(kit.system.lookup('rampart://local/app/audit')).to.equal(probe.ref);
    expect(kit.system.lookupGroup('/app/audit')).to.equal(undefined);
  });

  it('probe() refuses a path that is taken and a name that is no path segment', () => {
    expect(() => kit.probe('first')).to.throw(
      ConfigurationError,
      "TestKit.probe(): /app/first is taken by an actor or another probe. Give the probe another name: kit.probe('other-name').",
    );
    expect(() => kit.probe('a/b')).to.throw(
      ConfigurationError,
      "TestKit.probe(): the name must be one path segment of letters, digits, '-', '_', '.' or '~', got 'a/b'.",
    );
  });

  it('shutdown() advances virtual time until the bounded stops complete, even with a handler awaiting a virtual timer', async () => {
    clock = kit.scheduler;
    kit.system.lookupActor('/app/second')!.tell(new Wait(60_000));
    await kit.idle();
    await kit.shutdown();

    expect(kit.scheduler.now()).to.equal(2_000);
    expect(kit.events.filter((e) => e.type === 'stopped').map((e) => e.path)).to.deep.equal(['/app/second', '/app/first', '/app']);
    await kit.system.whenTerminated;
    await kit.shutdown();
    expect(() => kit.probe()).to.throw(ConfigurationError, 'TestKit.probe(): the test system was shut down; make probes before kit.shutdown().');
  });

  it('(while system.shutdown() alone, under virtual time, waits for someone to move the clock)', async () => {
    const scheduler = new VirtualScheduler();
    clock = scheduler;
    const system = await ActorSystem.start(App, { scheduler, logger: null });
    system.lookupActor('/app/second')!.tell(new Wait(60_000));
    let done = false;
    void system.shutdown().then(() => (done = true));
    await settle(10);
    expect(done).to.equal(false);
    await scheduler.advanceBy(2_000);
    expect(done).to.equal(true);
  });

  it('refuses a scheduler of its own, and options that are no object', async () => {
    let error: unknown;
    await startTestSystem(App, { scheduler: new VirtualScheduler() } as never).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigurationError);
    expect((error as Error).message).to.equal(
      'startTestSystem: options.scheduler is not allowed: the kit runs the system on its own VirtualScheduler (kit.scheduler). Remove the option.',
    );
    await startTestSystem(App, 7 as never).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('startTestSystem: options must be an object, got 7.');
  });

  it('passes the other options to ActorSystem.start, which checks them', async () => {
    const named = await startTestSystem(App, { name: 'shop', askTimeoutMs: 50, logger: null });
    try {
      expect(named.system.root.path).to.equal('/shop');
      const silent = named.probe();
      let error: unknown;
      const asked = silent.ref.ask('anyone?').catch((e: unknown) => (error = e));
      await named.advance(50);
      await asked;
      expect((error as Error).name).to.equal('AskTimeoutError');
    } finally {
      await named.shutdown();
    }
    let error: unknown;
    await startTestSystem(App, { nmae: 'x' } as never).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.contain("ActorSystem.start(App): unknown option 'nmae' (did you mean 'name'?)");
  });

  it('runs under node:test, with no mocha in sight', async function () {
    this.timeout(30_000);
    const file = path.join(__dirname, 'fixtures', 'node-test-runner.test.ts');
    const child = spawn(process.execPath, ['--test', '-r', 'ts-node/register/transpile-only', file], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      }, 25_000);
      child.on('exit', (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode);
      });
    });
    expect(output, output).to.match(/# pass 1\b/);
    expect(output, output).to.match(/# fail 0\b/);
    expect(code, output).to.equal(0);
  });
});
