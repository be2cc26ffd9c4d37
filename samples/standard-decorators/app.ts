/**
 * Standard decorators: the same supervision tree, without `experimentalDecorators`.
 *
 * Toolchains that emit no decorator metadata (tsc without `experimentalDecorators`, tsx,
 * esbuild, swc in its standard mode, Bun) run TC39 decorators. rampart takes both forms; in
 * this one nothing is inferred, so the types are named: `@On(Type)`, `@Child(Class)` and
 * `@Actor({ inject })` for the constructor's parameters.
 *
 * A till charges orders through a payment actor that fails on its first charge. Its
 * supervisor restarts it (the order waits in its mailbox, the ref stays the same), the
 * retry succeeds, and the ledger (a provider, injected) records it.
 *
 *   npm run sample:standard-decorators      (tsx, with this folder's tsconfig.json)
 *
 * `npm run test:toolchains` also builds it with tsc, runs it under tsx and bundles it with
 * esbuild, from the packed package.
 */
import { Actor, ActorSystem, Child, Context, Message, On, Supervisor, type RefOf } from '../../lib';

@Message('shop.charge')
class Charge {
  constructor(
    readonly order: string,
    readonly cents: number,
  ) {}
}

/** Shared by every incarnation: given to the system as a provider. */
class Ledger {
  readonly entries: string[] = [];
}

let outage = true; // the payment API's first call fails

@Actor({ inject: [Context, Ledger] }) // the constructor's parameter types, in order
class Payments {
  constructor(
    private readonly ctx: Context,
    private readonly ledger: Ledger,
  ) {}

  @On(Charge) charge(charge: Charge): string {
    if (outage) {
      outage = false;
      throw new Error('payment API unavailable');
    }
    const receipt = `${charge.order}: ${(charge.cents / 100).toFixed(2)} charged (restart ${this.ctx.restarts})`;
    this.ledger.entries.push(receipt);
    return receipt;
  }
}

@Supervisor({ strategy: 'one-for-one', maxRestarts: 3, withinMs: 1_000 })
class Shop {
  @Child(Payments) payments!: RefOf<Payments>;
}

async function main(): Promise<void> {
  const ledger = new Ledger();
  const system = await ActorSystem.start(Shop, { name: 'shop', providers: [[Ledger, ledger]], logger: null });
  system.events$.subscribe((event) => {
    if (event.type === 'failed') console.log(`supervisor: ${event.path} failed (${String(event.error)}); restarting it`);
  });
  const payments = system.lookupActor('/shop/payments') as RefOf<Payments>;
  const first = payments.ask(new Charge('order-1', 1250)).catch((error: Error) => `order-1 failed: ${error.message}`);
  const second = payments.ask(new Charge('order-2', 990)); // waits in the mailbox through the restart
  console.log(await first);
  console.log(await second);
  await system.shutdown();
  console.log(`ledger: ${ledger.entries.join('; ')}`);
  if (ledger.entries.length !== 1) throw new Error(`the ledger has ${ledger.entries.length} entries, not 1`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
