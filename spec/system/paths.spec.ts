import { expect } from 'chai';
import { ActorSystem, Child, Context, On, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';

describe('ActorSystem paths', () => {
  class WhereAmI {}

  class Worker {
    @On(WhereAmI) where(_: WhereAmI, ctx: Context) {
      return ctx.path;
    }
  }

  it("names the root '/' + the class name with a lower-case first letter", async () => {
    @Supervisor()
    class App {}
    @Supervisor()
    class OrderService {}

    const app = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });
    const orders = await ActorSystem.start(OrderService, { scheduler: new VirtualScheduler() });

    expect(app.root.path).to.equal('/app');
    expect(orders.root.path).to.equal('/orderService');
    await app.shutdown();
    await orders.shutdown();
  });

  it('uses the name option for the root segment, and for its children paths', async () => {
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
    }

    const system = await ActorSystem.start(App, { name: 'shop', scheduler: new VirtualScheduler() });

    expect(system.root.path).to.equal('/shop');
    expect(system.lookup('/shop/worker')?.path).to.equal('/shop/worker');
    expect(system.lookup('/app/worker')).to.equal(undefined);
    await system.shutdown();
  });

  it('puts children at /app/<property>, or at /app/<name> with the name option', async () => {
    const refs: Record<string, string> = {};

    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      @Child(Worker, { name: 'billing' }) other!: ActorRef;
      beforeStart() {
        refs.worker = this.worker.path;
        refs.other = this.other.path;
      }
    }

    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });

    expect(refs).to.deep.equal({ worker: '/app/worker', other: '/app/billing' });
    expect(await system.lookup('/app/worker')!.ask(new WhereAmI())).to.equal('/app/worker');
    expect(await system.lookup('/app/billing')!.ask(new WhereAmI())).to.equal('/app/billing');
    await system.shutdown();
  });

  it('puts the children of a nested supervisor at /app/<sup>/<child>', async () => {
    @Supervisor()
    class Payments {
      @Child(Worker) ledger!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Payments) payments!: ActorRef;
    }

    const system = await ActorSystem.start(App, { scheduler: new VirtualScheduler() });

    expect(system.lookup('/app/payments')?.path).to.equal('/app/payments');
    expect(await system.lookup('/app/payments/ledger')!.ask(new WhereAmI())).to.equal('/app/payments/ledger');
    await system.shutdown();
  });
});
