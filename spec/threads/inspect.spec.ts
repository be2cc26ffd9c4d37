import { expect } from 'chai';
import { Actor, Child, On, Supervisor } from '../../lib';
import type { ActorRef, InspectionEvent, MessageInspection } from '../../lib';
import { killLeftovers, shutdown, startSystem } from '../support/harness';
import { Crash, Probe, Slow, TellBack } from './fixtures/actors';
import { pumpDueActions, until } from './support';

/** A main-thread actor that a thread actor tells. */
@Actor()
class Listener {
  @On(String)
  heard(): void {}
}

@Supervisor({ maxRestarts: Infinity })
class OnAThread {
  @Child(Listener) listener!: ActorRef;
  @Child(Probe, { thread: true }) probe!: ActorRef;
}

describe('threads: system.inspect()', function () {
  this.timeout(20000);
  afterEach(killLeftovers);

  it("reports a thread actor's deliveries when the worker answers, timed from the hand-over, and its tells with its address", async () => {
    const h = await startSystem(OnAThread);
    const stopPump = pumpDueActions(h.scheduler);
    try {
      const events: InspectionEvent[] = [];
      h.system.inspect().subscribe((event) => events.push(event));
      const probe = h.system.lookupActor('/app/probe')!;
      const listener = h.system.lookupActor('/app/listener')!;
      const messages = () => events.filter((e): e is MessageInspection => e.type === 'message');

      expect(await probe.ask(new Slow(7, 30))).to.equal(7);
      probe.tell(new TellBack(listener, 'hi'));
      await until(() => messages().length === 3, 'the tell back was delivered');
      probe.tell(new Crash('on purpose'));
      await until(() => events.some((e) => e.type === 'restarted'), 'the probe restarted');

      // The worker's tell and its answer to TellBack come back in either order.
      const [slow, tellBack, heard, crash] = ['Slow', 'TellBack', 'string', 'Crash'].map((type) => messages().find((e) => e.messageType === type));
      expect(messages()).to.have.length(4);
      expect(slow).to.include({ to: 'rampart://local/app/probe', messageType: 'Slow', ask: true, outcome: 'handled' });
      expect(slow!.from).to.equal(undefined);
      expect(slow!.durationMs, 'the handler spun 30 ms on the worker').to.be.at.least(30);
      expect(tellBack).to.include({ to: 'rampart://local/app/probe', messageType: 'TellBack', ask: false, outcome: 'handled' });
      expect(heard).to.include({ from: 'rampart://local/app/probe', to: 'rampart://local/app/listener', messageType: 'string', outcome: 'handled' });
      expect(crash).to.include({ messageType: 'Crash', outcome: 'failed' });
      const afterCrash = events.slice(events.indexOf(crash!) + 1).map((e) => e.type);
      expect(afterCrash.slice(0, 2)).to.deep.equal(['failed', 'dead-letter']);
    } finally {
      stopPump();
    }
    await shutdown(h);
  });
});
