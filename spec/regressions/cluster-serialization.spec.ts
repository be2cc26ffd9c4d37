/**
 * DESIGN.md, Cluster, Wire: what cannot cross is "refused at the sender ... `tell` and `ask`
 * then throw `SerializationError` synchronously ... Nothing is sent."
 *
 * - To a node that is down (or was never up), `post` (lib/cluster/node.ts) returns a dead
 *   letter `unreachable` before it encodes anything, so the same unsendable message throws
 *   or does not depending on whether the node is up, and it is published as a dead letter.
 * - `distributor.tellEveryone` / `askEveryone` (lib/dispatch/distributor.ts, through
 *   `toEach` / `map`) deliver to the local members first, and only then meet the remote
 *   member that refuses the message: the call throws SerializationError, yet the message was
 *   sent (and handled) locally.
 */
import { expect } from 'chai';
import { Child, Otherwise, SerializationError, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers } from '../support/harness';
import { HEARTBEAT, cluster } from '../cluster/support';

const handled: string[] = [];

class Sink {
  @Otherwise()
  any(_message: unknown, ctx: Context): string {
    handled.push(`${ctx.system.node}${ctx.path}`);
    return 'ok';
  }
}

@Supervisor()
class App {
  @Child(Sink, { distributor: 'sinks' }) sink!: ActorRef;
}

const unsendable = () => ({ callback: () => 1 });

function thrown(call: () => unknown): unknown {
  try {
    const result = call();
    if (result instanceof Promise) result.catch(() => undefined);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('regressions (cluster): SerializationError at the call', () => {
  beforeEach(() => (handled.length = 0));
  afterEach(killLeftovers);

  it('throws SerializationError from tell and ask to a node that is down, and publishes no dead letter', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    const nowhere = a.system.lookupActor('rampart://nowhere/app/sink')!;
    expect(thrown(() => nowhere.tell(unsendable())), 'tell').to.be.instanceOf(SerializationError);
    expect(thrown(() => nowhere.ask(unsendable())), 'ask').to.be.instanceOf(SerializationError);
    expect(a.deadLetters.map((d) => d.reason)).to.deep.equal([]);
    await c.end();
  });

  it('sends nothing anywhere when tellEveryone or askEveryone throws SerializationError for a remote member', async () => {
    const c = cluster();
    const a = await c.start('a', App);
    await c.start('b', App);
    await c.advance(2 * HEARTBEAT);
    const sinks = a.system.distributor('sinks');
    expect(thrown(() => sinks.tellEveryone(unsendable())), 'tellEveryone').to.be.instanceOf(SerializationError);
    expect(thrown(() => sinks.askEveryone(unsendable())), 'askEveryone').to.be.instanceOf(SerializationError);
    await c.advance(HEARTBEAT);
    expect(handled, 'members that handled a message the call refused').to.deep.equal([]);
    await c.end();
  });
});
