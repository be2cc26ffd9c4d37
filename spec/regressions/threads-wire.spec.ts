/**
 * Messages to and replies from a worker cross by the wire rules: each is the value as it was
 * when it was sent. The codec hands plain JSON objects and arrays on as they are (no copy),
 * and the structured clone runs later, when the link flushes.
 */
import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers, startSystem, type Harness } from '../support/harness';
import { pumpDueActions } from '../threads/support';
import { Count, GetList, Order, Push, Worky } from './fixtures/threads-actors';

@Supervisor()
class WireTree {
  @Child(Worky, { thread: true })
  one!: ActorRef;
}

describe('threads regressions: what crosses is the value at the time of the send', function () {
  this.timeout(30000);
  let h: Harness;
  let stopPump: () => void;
  before(async () => {
    h = await startSystem(WireTree);
    stopPump = pumpDueActions(h.scheduler);
    await h.system.lookupActor('/app/one')!.ask(new Count());
  });
  after(() => {
    stopPump?.();
    killLeftovers();
  });

  it('a plain object mutated after the ask reaches the worker as it was at the ask', async () => {
    const ref = h.system.lookupActor('/app/one')!;
    const message = { a: 1 };
    const reply = ref.ask(message);
    message.a = 2;
    expect(await reply).to.deep.equal({ a: 1 });
  });

  it('an array inside a @Message, pushed to after the tell, reaches the worker as it was at the tell', async () => {
    const ref = h.system.lookupActor('/app/one')!;
    const items = [1, 2];
    const reply = ref.ask(new Order(items));
    items.push(3);
    expect(await reply).to.deep.equal([1, 2]);
  });

  it('a reply is the value the handler returned, not what later letters made of it in the worker', async () => {
    const ref = h.system.lookupActor('/app/one')!;
    const before = ref.ask<number[]>(new GetList());
    ref.tell(new Push(7)); // handled right after, in the same batch on the worker
    expect(await before, 'the list when GetList was handled').to.deep.equal([]);
  });
});
