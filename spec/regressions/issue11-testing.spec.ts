/**
 * Issue 11 review: the testing kit (TestProbe, idle(), shutdown()) against DESIGN.md
 * "Testing kit". Each test bounds its own wait, so a hang fails instead of hanging mocha.
 */
import { expect } from 'chai';
import { promises as fs } from 'node:fs';
import { AssertionError } from 'node:assert';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { startTestSystem, type TestKit } from '../../lib/testing';

/** What `promise` did within `ms` real ms: its outcome, or 'still pending'. */
async function within(promise: Promise<unknown>, ms: number): Promise<{ outcome: 'resolved' | 'rejected' | 'still pending'; value?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<{ outcome: 'still pending' }>((resolve) => (timer = setTimeout(() => resolve({ outcome: 'still pending' }), ms)));
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ outcome: 'resolved' as const, value }),
        (value: unknown) => ({ outcome: 'rejected' as const, value }),
      ),
      bound,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

class ReadFiles {}

/** Reads this file 20 times over: a few ms of real I/O, as a handler that talks to a disk does. */
class Reader {
  @On(ReadFiles)
  async read(): Promise<string> {
    let chars = 0;
    for (let i = 0; i < 20; i++) chars += (await fs.readFile(__filename, 'utf8')).length;
    return chars > 0 ? 'read' : 'empty';
  }
}

@Supervisor()
class Disk {
  @Child(Reader) reader!: ActorRef;
}

class Start {
  constructor(readonly report: ActorRef) {}
}
class Started {}
class Flush {}

/** The gate a handler awaits: the test opens it, after it has seen `Started` on its probe. */
let openGate: () => void = () => undefined;

class Gated {
  readonly log: string[] = [];

  @On(Start)
  async start(message: Start): Promise<void> {
    message.report.tell(new Started());
    await new Promise<void>((resolve) => (openGate = resolve));
    this.log.push('gate opened');
  }

  @On(Flush)
  async flush(): Promise<void> {
    // a little real I/O, as a handler that writes to disk or a socket does
    await fs.readFile(__filename, 'utf8');
    await fs.readFile(__filename, 'utf8');
    this.log.push('flushed');
  }

  @On(Array)
  logged(): string[] {
    return this.log;
  }
}

@Supervisor()
class Gate {
  @Child(Gated) gated!: ActorRef;
}

describe('regressions (issue 11): the testing kit', function () {
  this.timeout(5000);
  let kit: TestKit | undefined;
  afterEach(async () => {
    openGate();
    await within(kit?.shutdown() ?? Promise.resolve(), 2000);
    kit = undefined;
  });

  it('expectMsg resolves with a message that arrived while another handler awaits a promise the test settles later (no mocha timeout)', async () => {
    kit = await startTestSystem(Gate, { logger: null });
    const probe = kit.probe();
    kit.system.lookupActor('/gate/gated')!.tell(new Start(probe.ref));

    const expectation = await within(probe.expectMsg(Started, { within: 100 }), 1500);

    expect(expectation.outcome, 'expectMsg(Started) settled while the gated handler waits for the test').to.equal('resolved');
    expect(expectation.value).to.be.instanceOf(Started);
  });

  it('expectNoMsg fails or passes, but never hangs, while a handler awaits a promise the test settles later', async () => {
    kit = await startTestSystem(Gate, { logger: null });
    const probe = kit.probe();
    const other = kit.probe();
    kit.system.lookupActor('/gate/gated')!.tell(new Start(other.ref));

    const expectation = await within(probe.expectNoMsg(100), 1500);

    expect(expectation.outcome, 'expectNoMsg(100) settled').to.not.equal('still pending');
    if (expectation.outcome === 'rejected') expect(expectation.value).to.be.instanceOf(AssertionError);
  });

  it('shutdown() is graceful for a handler doing real I/O: it finishes, no message is dead-lettered and nothing is killed', async () => {
    kit = await startTestSystem(Gate, { logger: null });
    const gated = kit.system.lookupActor('/gate/gated')!;
    gated.tell(new Flush());
    gated.tell(new Flush());

    const stopped = await within(kit.shutdown(), 2000);

    expect(stopped.outcome).to.equal('resolved');
    expect(kit.deadLetters.map((d) => d.reason), 'dead letters of the graceful shutdown').to.deep.equal([]);
    expect(kit.events.filter((e) => e.path === '/gate/gated' && e.type === 'stopped').map((e) => e.reason ?? 'stopped')).to.not.include('killed');
  });

  it('idle() waits for an asked handler doing real I/O: the pending ask timeout is no sign that it waits on virtual time', async () => {
    kit = await startTestSystem(Disk, { logger: null });
    let answer: unknown = 'no answer yet';
    void kit.system.lookupActor('/disk/reader')!.ask<string>(new ReadFiles()).then((value) => (answer = value));

    await within(kit.idle(), 2000);

    expect(answer, 'the answer when idle() resolved').to.equal('read');
  });

  it('expectMsg fails with an AssertionError naming the message when its predicate throws on it', async () => {
    kit = await startTestSystem(Gate, { logger: null });
    const probe = kit.probe();
    probe.ref.tell({ kind: 'other' });

    const expectation = await within(probe.expectMsg((m: unknown) => (m as { payload: { ok: boolean } }).payload.ok), 1500);

    expect(expectation.outcome).to.equal('rejected');
    expect(expectation.value, 'an AssertionError, as every expect* failure').to.be.instanceOf(AssertionError);
    expect((expectation.value as Error).message).to.contain("kind: 'other'");
  });
});
