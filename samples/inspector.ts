/**
 * The inspector: a small shop whose supervision tree you can watch live in a browser.
 *
 * A supervisor runs a checkout, a payments actor that fails on every seventh order (and is
 * restarted each time), and a group of three image resizers. A timer keeps orders coming,
 * and now and then sends something nobody handles (a dead letter). `serveInspector` serves
 * the page on 127.0.0.1; open the URL it prints to see each actor's restarts, mailbox depth
 * and messages per second, the dead letters per second, and the last errors with their
 * stacks, updated a few times a second.
 *
 *   npm run sample:inspector                         (until Ctrl-C)
 *   RAMPART_SAMPLE_SECONDS=3 npm run sample:inspector (stops by itself after 3 s)
 */
import { ActorSystem, Child, On, Supervisor } from '../lib';
import type { ActorRef, GroupRef } from '../lib';
import { serveInspector } from '../lib/inspector';

class Order {
  constructor(readonly id: number) {}
}
class Image {
  constructor(readonly name: string) {}
}
/** Nobody handles it: each one is a dead letter `unhandled`. */
class Coupon {}

class Checkout {
  @On(Order)
  place(order: Order): number {
    return order.id;
  }
}

class Payments {
  @On(Order)
  charge(order: Order): void {
    if (order.id % 7 === 0) throw new Error(`order ${order.id}: the payment provider timed out`);
  }
}

class Resizer {
  @On(Image)
  resize(image: Image): string {
    return `${image.name}@2x`;
  }
}

@Supervisor({ maxRestarts: 1000, withinMs: 60_000 })
class Backend {
  @Child(Checkout) checkout!: ActorRef<Order>;
  @Child(Payments) payments!: ActorRef<Order>;
}

@Supervisor()
class Shop {
  @Child(Backend) backend!: ActorRef;
  @Child(Resizer, { redundancy: 3 }) images!: GroupRef<Image>;
}

async function main(): Promise<void> {
  // The failures are on the page; `logger: null` keeps this terminal quiet.
  const system = await ActorSystem.start(Shop, { logger: null });
  const checkout = system.lookupActor<Order>('/shop/backend/checkout')!;
  const payments = system.lookupActor<Order | Coupon>('/shop/backend/payments')!;
  const images = system.lookupGroup<Image>('/shop/images')!;

  const inspector = await serveInspector(system);
  console.log(`rampart inspector: ${inspector.url}`);

  let id = 0;
  const traffic = setInterval(() => {
    id += 1;
    checkout.tell(new Order(id));
    payments.tell(new Order(id));
    images.tell(new Image(`photo-${id}.png`));
    if (id % 5 === 0) payments.tell(new Coupon());
  }, 40);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(traffic);
    await inspector.close();
    await system.shutdown();
    console.log(`stopped after ${id} orders.`);
  };
  process.once('SIGINT', () => void stop());
  const seconds = Number(process.env.RAMPART_SAMPLE_SECONDS);
  if (seconds > 0) setTimeout(() => void stop(), seconds * 1000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
