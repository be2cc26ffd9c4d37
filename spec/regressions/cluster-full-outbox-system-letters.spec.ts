/**
 * DESIGN.md, Cluster, Delivery: "A tell that does not fit in a full outbox is a dead letter
 * `overflow` on the sending node", and Principle 3: nothing is lost silently. The runtime's
 * own letters (a remote stop, a remote kill, the reply to an ask, a watch) go through
 * `system()` (lib/cluster/node.ts), which drops them without a word when the outbox is full.
 * So a remote `ref.stop()` never settles and the actor keeps running, a remote `kill()`
 * does nothing, and a reply vanishes (the asker waits out its timeout although the handler
 * answered and the network is healthy again).
 */
import { expect } from 'chai';
import { AskTimeoutError, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { track } from '../support/promises';
import { HEARTBEAT, cluster } from '../cluster/support';
import { Counter, Numbered } from '../cluster/numbered';

const LIMIT = 3;

/** Answers an ask after telling the asker's node LIMIT messages (they fill the outbox to it). */
class Chatty {
  @On(String)
  answer(text: string, ctx: Context): string {
    const back = ctx.system.lookupActor('rampart://a/app/counter')!;
    for (let id = 0; id < LIMIT; id++) back.tell(new Numbered(id));
    return `re: ${text}`;
  }
}

@Supervisor()
class App {
  @Child(Counter) counter!: ActorRef;
  @Child(Counter) other!: ActorRef;
  @Child(Chatty) chatty!: ActorRef;
}

describe('regressions (cluster): runtime letters that find the outbox full', () => {
  afterEach(killLeftovers);

  it('settles a remote stop() whose letter did not fit in the full outbox, or stops the actor once the link drains', async () => {
    const c = cluster();
    const a = await c.start('a', App, { outboxLimit: LIMIT });
    const b = await c.start('b', App);
    const counter = a.system.lookupActor('rampart://b/app/counter')!;
    c.network.partition(['a'], ['b']);
    for (let id = 0; id < LIMIT; id++) counter.tell(new Numbered(id));
    const stopped = track(counter.stop());
    c.network.heal();
    await c.advance(10 * HEARTBEAT);
    expect(stopped.settled, 'the remote stop() settled').to.equal(true);
    if (stopped.error === undefined) expect(b.system.lookup('/app/counter'), 'b/app/counter stopped').to.equal(undefined);
    await c.end();
  });

  it('does not drop a remote kill() silently when the outbox is full: the actor is killed once the link drains, or the kill is reported', async () => {
    const c = cluster();
    const a = await c.start('a', App, { outboxLimit: LIMIT });
    const b = await c.start('b', App);
    c.network.partition(['a'], ['b']);
    for (let id = 0; id < LIMIT; id++) a.system.lookupActor('rampart://b/app/counter')!.tell(new Numbered(id));
    a.system.lookupActor('rampart://b/app/other')!.kill();
    c.network.heal();
    await c.advance(10 * HEARTBEAT);
    const reported = a.deadLetters.length + b.deadLetters.length > 0;
    expect(reported || b.system.lookup('/app/other') === undefined, 'b/app/other was killed, or something says why not').to.equal(true);
    await c.end();
  });

  it('does not lose the reply to a remote ask when the outbox back is full: the asker gets it, or it is a dead letter', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const b = await c.start('b', App, { outboxLimit: LIMIT });
    // b's handler fills b's outbox to a (LIMIT tells, unacknowledged for now), then answers.
    const remote = track(a.system.lookupActor('rampart://b/app/chatty')!.ask('hello', { timeoutMs: 10 * HEARTBEAT }));
    await c.advance(12 * HEARTBEAT);
    expect(remote.settled).to.equal(true);
    const reported = b.deadLetters.some((d) => d.message === 're: hello');
    expect(remote.value === 're: hello' || reported, `the reply arrived or was dead-lettered (the ask got ${String(remote.error)})`).to.equal(true);
    expect(remote.error).to.not.be.instanceOf(AskTimeoutError);
    await c.end();
  });
});
