import { expect } from 'chai';
import { Actor, AskTimeoutError, Child, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { killLeftovers, startSystem, type Harness } from '../support/harness';
import { track } from '../support/promises';
import { BadPipe, Block, Deadlined, Info, PipeIt, Report, WaitForAbort } from './fixtures/deadline-actors';
import { pumpDueActions, until } from './support';

const heard: unknown[] = [];
const reports = () => heard.filter((entry): entry is Report => entry instanceof Report);

/** A main-thread actor that records what the worker tells it. */
@Actor()
class Recorder {
  @On(Report)
  report(report: Report): void {
    heard.push(report);
  }

  @On(String)
  text(text: string): void {
    heard.push(text);
  }
}

@Supervisor()
class App {
  @Child(Recorder)
  recorder!: ActorRef;

  @Child(Deadlined, { thread: true })
  deadlined!: ActorRef;

  /** Two members on one worker: killing one leaves the worker running for the other. */
  @Child(Deadlined, { thread: true, redundancy: 2, threads: 1 })
  pair!: GroupRef;
}

describe('threads: ctx.signal, ctx.deadline, ctx.now() and ctx.pipeToSelf() on a worker', function () {
  this.timeout(20000);
  let h: Harness;
  let stopPump: () => void;
  let worker: ActorRef;
  let recorder: ActorRef;
  before(async () => {
    h = await startSystem(App);
    stopPump = pumpDueActions(h.scheduler);
    worker = h.system.lookupActor('/app/deadlined')!;
    recorder = h.system.lookupActor('/app/recorder')!;
  });
  after(() => {
    stopPump();
    killLeftovers();
  });
  beforeEach(() => {
    heard.length = 0;
  });

  it("gets the deadline and the main thread's clock with an ask; no deadline for an ask with no finite timeout", async () => {
    await h.scheduler.advanceBy(1000);
    const now = h.scheduler.now();
    expect(await worker.ask(new Info(), { timeoutMs: 250 })).to.deep.equal([now + 250, now, false]);
    await h.scheduler.advanceBy(40);
    expect(await worker.ask(new Info(), { timeoutMs: Infinity })).to.deep.equal([null, now + 40, false]);
  });

  it('aborts the signal on the worker when the ask times out on the main thread, with the AskTimeoutError', async () => {
    const reply = track(worker.ask(new WaitForAbort(recorder), { timeoutMs: 100 }));
    const start = h.scheduler.now();
    await until(() => heard.includes('waiting'), 'the handler runs on the worker');
    expect(heard).to.deep.equal(['waiting']);
    await h.scheduler.advanceBy(100);
    await until(() => reports().length === 1, 'the worker reported');
    expect(reply.error).to.be.instanceOf(AskTimeoutError);
    const report = reports()[0];
    expect([report.what, report.aborted, report.deadline, report.now]).to.deep.equal(['wait', true, start + 100, start]);
    expect(report.reason).to.equal(`AskTimeoutError: ${(reply.error as Error).message}`);
  });

  it("aborts the signal on the worker when the asker's own signal aborts", async () => {
    const asker = new AbortController();
    const reply = track(worker.ask(new WaitForAbort(recorder), { signal: asker.signal }));
    await until(() => heard.includes('waiting'), 'the handler runs on the worker');
    asker.abort(new Error('the user left'));
    await until(() => reports().length === 1, 'the worker reported');
    expect((reply.error as Error).message).to.equal('the user left');
    expect(reports()[0].reason).to.equal('Error: the user left');
  });

  it('starts aborted on the worker when the asker gave up while the ask was queued there', async () => {
    worker.tell(new Block(recorder, 1000));
    const reply = track(worker.ask(new WaitForAbort(recorder), { timeoutMs: 20 }));
    await until(() => heard.includes('blocking'), 'the worker is busy');
    await h.scheduler.advanceBy(20);
    expect(reply.error).to.be.instanceOf(AskTimeoutError);
    await until(() => reports().length === 1, 'the worker reported');
    expect([reports()[0].what, reports()[0].aborted]).to.deep.equal(['aborted at start', true]);
  });

  it('pipes a result to self on the worker (value and rejection, map run there), without blocking the mailbox', async () => {
    worker.tell(new PipeIt(recorder, 'one', false, 30));
    worker.tell(new PipeIt(recorder, 'two', true, 10));
    expect(await worker.ask(new Info())).to.have.length(3); // handled while both promises are pending
    await until(() => heard.length === 2, 'both results came back');
    expect(heard).to.deep.equal(['failed two', 'got one']);
  });

  it('throws the same argument errors on the worker', async () => {
    expect(await worker.ask(new BadPipe())).to.deep.equal([
      'TypeError: ctx.pipeToSelf() at /app/deadlined needs a promise (or another thenable) as its first argument, got 42.',
      'TypeError: ctx.pipeToSelf() at /app/deadlined: map must be a function (value, error) => message, or left out, got 7.',
    ]);
  });

  it('drops a piped result after a restart of the actor on the worker', async () => {
    h.events.length = 0;
    worker.tell(new PipeIt(recorder, 'stale', false, 100));
    worker.tell('fail');
    await until(() => h.events.some((e) => e.type === 'restarted' && e.path === '/app/deadlined'), 'restarted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    worker.tell(new PipeIt(recorder, 'fresh', false, 0));
    await until(() => heard.length > 0, 'the fresh result came back');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).to.deep.equal(['got fresh']);
  });

  it('a map that throws on the worker is a failure of the actor there, and the actor restarts', async () => {
    h.events.length = 0;
    h.deadLetters.length = 0;
    worker.tell(new PipeIt(recorder, 'throw', false, 0));
    await until(() => h.events.some((e) => e.type === 'restarted' && e.path === '/app/deadlined'), 'restarted');
    const failed = h.events.find((e) => e.type === 'failed' && e.path === '/app/deadlined');
    expect((failed?.error as Error).message).to.equal('map threw');
    // The outcome stayed on the worker: the dead letter names it by its number there.
    expect(h.deadLetters.map((d) => d.reason)).to.deep.equal(['failed']);
    expect(String(h.deadLetters[0].message)).to.match(/^ctx\.pipeToSelf\(\) result #\d+$/);
  });

  it('aborts the signal on the worker when the actor is killed', async () => {
    const member = h.system.lookupActor('/app/pair/0')!;
    const reply = track(member.ask(new WaitForAbort(recorder), { timeoutMs: 60_000 }));
    await until(() => heard.includes('waiting'), 'the handler runs on the worker');
    member.kill();
    await until(() => reports().length === 1, 'the worker reported');
    expect(reply.error?.constructor.name).to.equal('ActorStoppedError');
    expect(reports()[0].reason).to.equal(
      'ActorStoppedError: /app/pair/0 was stopped (killed, restarted or stopped for good) before this work finished: ctx.signal is aborted.',
    );
  });
});
