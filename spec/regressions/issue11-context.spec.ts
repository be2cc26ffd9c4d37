/**
 * Issue 11 review: ctx.signal against DESIGN.md "Handlers that know their deadline"
 * (normative): "For a tell, it is aborted only by a kill."
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { startTestSystem } from '../../lib/testing';

let captured: AbortSignal | undefined;

class Worker {
  @On(String)
  told(_message: string, ctx: Context): void {
    captured = ctx.signal; // handed to background work, as `fetch(url, { signal: ctx.signal })` would be
  }

  @On(Number)
  fail(): never {
    throw new Error('on purpose');
  }
}

@Supervisor()
class App {
  @Child(Worker) worker!: ActorRef;
}

describe('regressions (issue 11): ctx.signal of a tell', () => {
  it('is not aborted by a restart of the actor (DESIGN: for a tell, only a kill aborts it)', async () => {
    const kit = await startTestSystem(App, { logger: null });
    const worker = kit.system.lookupActor('/app/worker')!;
    worker.tell('start some work');
    await kit.idle();
    expect(captured?.aborted, 'after the tell').to.equal(false);

    worker.tell(1); // fails: the supervisor restarts the actor
    await kit.idle();
    await kit.advance(1_000);
    expect(kit.events.map((e) => e.type)).to.include('restarted');

    expect(captured?.aborted, 'after a restart, which is no kill').to.equal(false);
    await kit.shutdown();
  });
});
