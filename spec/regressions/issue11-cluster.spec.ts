/**
 * Issue 11 review: "Handlers that know their deadline" across nodes. DESIGN: ctx.signal
 * aborts when the asker gives up, "its timeout passed, or its own signal was aborted", and
 * (principle 7) an ask reaches an actor on another machine with the same semantics.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { deferred, track } from '../support/promises';
import { cluster } from '../cluster/support';

const signals: AbortSignal[] = [];
let gate = deferred();

class Slow {
  @On(String)
  async handle(message: string, ctx: Context): Promise<string> {
    signals.push(ctx.signal);
    await gate.promise;
    return `done ${message}`;
  }
}

@Supervisor()
class App {
  @Child(Slow) slow!: ActorRef;
}

describe('regressions (issue 11): ctx.signal of an ask from another node', () => {
  beforeEach(() => {
    signals.length = 0;
    gate = deferred();
  });
  afterEach(async () => {
    gate.resolve();
    await killLeftovers();
  });

  it("aborts ctx.signal on the receiving node when the asker's own signal aborts, with that signal's reason", async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    const slow = a.system.lookupActor('rampart://b/app/slow')!;
    const asker = new AbortController();
    const reply = track(slow.ask('wait', { timeoutMs: 60_000, signal: asker.signal }));
    await c.until(() => signals.length === 1);
    expect(signals[0].aborted, 'before the asker gives up').to.equal(false);

    const reason = new Error('the HTTP request that asked was cancelled');
    asker.abort(reason);
    await c.until(() => signals[0].aborted, 50);

    expect(reply.error, 'the asker got its reason').to.equal(reason);
    expect(signals[0].aborted, "the remote handler's ctx.signal aborted when its asker gave up").to.equal(true);
    expect((signals[0].reason as Error | undefined)?.message).to.equal(reason.message);
    await c.end();
  });
});
