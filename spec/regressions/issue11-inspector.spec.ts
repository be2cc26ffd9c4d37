/**
 * Issue 11 review: system.inspect() against DESIGN.md "Inspector": it "emits every
 * delivery of a told or asked message", and a test probe sits behind the same one send.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, InspectionEvent, MessageInspection } from '../../lib';
import { startTestSystem } from '../../lib/testing';

class Echo {
  @On(String)
  echo(text: string): string {
    return text;
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: ActorRef;
}

describe('regressions (issue 11): system.inspect()', () => {
  it("reports a tell and an ask to a TestProbe's ref as deliveries, once each", async () => {
    const kit = await startTestSystem(App, { logger: null });
    const events: InspectionEvent[] = [];
    const subscription = kit.system.inspect().subscribe((event) => events.push(event));
    const probe = kit.probe('recorder');

    probe.ref.tell('told');
    const answer = probe.ref.ask<string>('asked', { timeoutMs: 1_000 });
    await probe.receiveN(2);
    probe.reply('answered');
    expect(await answer).to.equal('answered');

    const deliveries = events.filter((e): e is MessageInspection => e.type === 'message');
    expect(deliveries.map((d) => [d.to, d.messageType, d.ask, d.outcome])).to.deep.equal([
      ['rampart://local/app/recorder', 'string', false, 'handled'],
      ['rampart://local/app/recorder', 'string', true, 'handled'],
    ]);
    subscription.unsubscribe();
    await kit.shutdown();
  });
});
