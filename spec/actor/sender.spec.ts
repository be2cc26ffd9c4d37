import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { settle } from '../../lib/testing';
import { deferred, killLeftovers, refAt, shutdown, startSystem, startWorker, type Deferred } from './helpers';

/** Records, for each message, the path of ctx.sender (or 'none'). */
function recorder(seen: string[]) {
  class Recorder {
    @On(String)
    handle(msg: string, ctx: Context): string {
      seen.push(`${msg} <- ${ctx.sender?.path ?? 'none'}`);
      return 'ack';
    }
  }
  return Recorder;
}

/** Starts /app/target (a recorder) and two relays, /app/a and /app/b. */
async function startRelays(seen: string[]) {
  const gates: Record<string, Deferred> = {};
  /** Tells or asks /app/target (`'tell x'`, `'ask x'`), after awaiting `gates[x]` if there is one. */
  class Relay {
    @On(String)
    async relay(command: string, ctx: Context): Promise<void> {
      const target = ctx.system.lookup('/app/target') as ActorRef;
      const [how, tag] = command.split(' ');
      if (gates[tag]) await gates[tag].promise;
      if (how === 'ask') await target.ask(tag);
      else target.tell(tag);
    }
  }
  @Supervisor()
  class App {
    @Child(recorder(seen)) target!: ActorRef;
    @Child(Relay) a!: ActorRef;
    @Child(Relay) b!: ActorRef;
  }
  return { h: await startSystem(App), gates };
}

describe('Context.sender', () => {
  afterEach(killLeftovers);

  it('is undefined for a tell or an ask from outside any actor', async () => {
    const seen: string[] = [];
    const h = await startWorker(recorder(seen));

    h.ref.tell('told');
    await h.ref.ask('asked');

    expect(seen).to.deep.equal(['told <- none', 'asked <- none']);
    await shutdown(h);
  });

  it('is the telling actor for a tell, and the asking actor for an ask', async () => {
    const seen: string[] = [];
    const { h } = await startRelays(seen);

    refAt(h.system, '/app/a').tell('tell t1');
    await settle();
    refAt(h.system, '/app/b').tell('ask t2');
    await settle();

    expect(seen).to.deep.equal(['t1 <- /app/a', 't2 <- /app/b']);
    await shutdown(h);
  });

  it('stays the actor that did the tell or ask after an await in its async handler', async () => {
    const seen: string[] = [];
    const { h, gates } = await startRelays(seen);
    gates.x = deferred();
    gates.y = deferred();

    refAt(h.system, '/app/a').tell('tell x');
    refAt(h.system, '/app/b').tell('ask y');
    await settle();
    expect(seen).to.deep.equal([]);

    // Release them in the opposite order, from outside any actor.
    gates.y.resolve();
    await settle();
    gates.x.resolve();
    await settle();

    expect(seen).to.deep.equal(['y <- /app/b', 'x <- /app/a']);
    await shutdown(h);
  });

  it('does not leak into a later message told from outside', async () => {
    const seen: string[] = [];
    const { h } = await startRelays(seen);
    const target = refAt(h.system, '/app/target');

    refAt(h.system, '/app/a').tell('tell first');
    await settle();
    target.tell('second');
    await settle();
    target.tell('third');
    await settle();

    expect(seen).to.deep.equal(['first <- /app/a', 'second <- none', 'third <- none']);
    await shutdown(h);
  });

  it('lets a handler reply to the sender with a tell (ping-pong)', async () => {
    const log: string[] = [];
    class Ponger {
      @On(String)
      ping(msg: string, ctx: Context): void {
        log.push(`ponger got ${msg}`);
        ctx.sender?.tell('pong');
      }
    }
    class Pinger {
      @On(String)
      handle(msg: string, ctx: Context): void {
        log.push(`pinger got ${msg} from ${ctx.sender?.path ?? 'none'}`);
        if (msg === 'start') (ctx.system.lookup('/app/ponger') as ActorRef).tell('ping');
      }
    }
    @Supervisor()
    class App {
      @Child(Ponger) ponger!: ActorRef;
      @Child(Pinger) pinger!: ActorRef;
    }
    const h = await startSystem(App);

    refAt(h.system, '/app/pinger').tell('start');
    await settle();

    expect(log).to.deep.equal(['pinger got start from none', 'ponger got ping', 'pinger got pong from /app/ponger']);
    await shutdown(h);
  });
});
