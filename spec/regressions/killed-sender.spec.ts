/**
 * After `ref.kill()`, whatever the killed incarnation still sends is ignored, whichever ref
 * kind it uses: an `ActorRef`, a `GroupRef` (`tell`, `broadcast`, `ask`), `system.broadcast`
 * or a distributor.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context, GroupRef } from '../../lib';
import { deferred, killLeftovers, refAt, shutdown, startSystem, type Deferred } from './helpers';

const got: string[] = [];
let gate: Deferred<void>;

class Sink {
  @On(String)
  handle(msg: string, ctx: Context): void {
    got.push(`${ctx.path} ${msg}`);
  }
}

type Send = (ctx: Context) => unknown;

class Sender {
  @On(Function)
  async send(send: Send, ctx: Context): Promise<void> {
    await gate.promise;
    try {
      await send(ctx);
    } catch {
      // a refusal is one way to ignore it
    }
  }
}

@Supervisor()
class App {
  @Child(Sink) sink!: ActorRef;
  @Child(Sink, { redundancy: 2, distributor: 'sinks' }) sinks!: GroupRef;
  @Child(Sender) sender!: ActorRef;
}

const sends: Array<[string, Send]> = [
  ['actorRef.tell', (ctx) => (ctx.system.lookup('/app/sink') as ActorRef).tell('late')],
  ['groupRef.tell', (ctx) => (ctx.system.lookup('/app/sinks') as GroupRef).tell('late')],
  ['groupRef.broadcast', (ctx) => (ctx.system.lookup('/app/sinks') as GroupRef).broadcast('late')],
  ['groupRef.ask', (ctx) => (ctx.system.lookup('/app/sinks') as GroupRef).ask('late')],
  ['system.broadcast', (ctx) => ctx.system.broadcast('late')],
  ['distributor.tellOne', (ctx) => ctx.system.distributor('sinks').tellOne('late')],
  ['distributor.tellEveryone', (ctx) => ctx.system.distributor('sinks').tellEveryone('late')],
];

describe('regressions: what a killed incarnation sends is ignored', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  for (const [label, send] of sends) {
    it(`ignores ${label} that the killed incarnation makes after an await`, async () => {
      got.length = 0;
      gate = deferred();
      const h = await startSystem(App);
      const sender = refAt(h.system, '/app/sender');
      sender.tell(send);
      await h.scheduler.advanceBy(0);
      sender.kill();
      gate.resolve();
      await h.scheduler.advanceBy(0);
      await h.scheduler.advanceBy(100);
      expect(got, 'messages delivered from the killed incarnation').to.deep.equal([]);
      await shutdown(h);
    });
  }
});
