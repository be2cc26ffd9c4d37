/**
 * The rampart showcase (`npm start`): a small restaurant told in five scenes.
 *
 * 1. A supervision tree starts.   2. Messages flow (tell and ask).
 * 3. The cook eats a poison message and fails; its supervisor restarts it.   4. The same
 * ref keeps working.   5. The tree shuts down cleanly, in reverse start order.
 */
import { filter, firstValueFrom } from 'rxjs';
import { ActorRef, ActorSystem, Child, Context, On, Supervisor, TreeNode } from '../lib';

// ── Messages: plain classes ──────────────────────────────────────────────────
class Order {
  constructor(readonly dish: string) {}
}
class Serve {
  constructor(readonly dish: string) {}
}
/** A message the cook cannot survive. */
class Poison {}

const say = (line: string): void => console.log(`  ${line}`);
const scene = (title: string): void => console.log(`\n== ${title}`);
const label = (path: string): string => path.split('/').pop() ?? path;

/** Every member of staff says goodbye when it stops, so the stop order is visible. */
abstract class Staff {
  afterStop(ctx: Context): void {
    say(`afterStop: ${ctx.path}`);
  }
}

// ── Actors ───────────────────────────────────────────────────────────────────
class Host extends Staff {
  @On()
  welcome(guest: string): void {
    say(`host: welcome, ${guest}!`);
  }
}

class Cook extends Staff {
  private cooked = 0;

  afterRestart(ctx: Context, error: unknown): void {
    say(`cook: back in the kitchen after "${(error as Error).message}" (restart #${ctx.restarts})`);
  }

  @On()
  cook(order: Order, ctx: Context): string {
    this.cooked += 1;
    const asker = ctx.sender ? label(ctx.sender.path) : 'main';
    return `${order.dish} #${this.cooked} (asked by ${asker}, cook restarts: ${ctx.restarts})`;
  }

  @On()
  taste(_poison: Poison): never {
    throw new Error('the fish was off');
  }
}

class Waiter extends Staff {
  /** Asks the cook from inside a handler: the cook sees the waiter as `ctx.sender`. */
  @On()
  async serve(serve: Serve, ctx: Context): Promise<string> {
    const cook = ctx.system.lookup('/restaurant/kitchen/cook') as ActorRef;
    const plate = await cook.ask<string>(new Order(serve.dish));
    return `waiter serves ${plate}`;
  }
}

// ── The supervision tree ─────────────────────────────────────────────────────
@Supervisor({ strategy: 'one-for-one', maxRestarts: 3, withinMs: 5_000 })
class Kitchen extends Staff {
  @Child(Cook) cook!: ActorRef;
  @Child(Waiter) waiter!: ActorRef;
}

@Supervisor()
class Restaurant extends Staff {
  @Child(Host) host!: ActorRef<string>;
  @Child(Kitchen) kitchen!: ActorRef;
}

function printTree(node: TreeNode, prefix = '', branch = ''): void {
  const restarts = node.restarts > 0 ? `, restarts: ${node.restarts}` : '';
  say(`${prefix}${branch}${branch ? label(node.path) : node.path}  [${node.kind}${restarts}]`);
  const childPrefix = prefix + (branch === '└─ ' ? '   ' : branch ? '│  ' : '');
  node.children.forEach((child, i) => printTree(child, childPrefix, i === node.children.length - 1 ? '└─ ' : '├─ '));
}

async function main(): Promise<void> {
  scene('1. The tree starts');
  const system = await ActorSystem.start(Restaurant);
  printTree(system.tree());

  system.events$.subscribe((event) => {
    if (event.type === 'failed') say(`event: failed     ${event.path}  (${(event.error as Error).message})`);
    if (event.type === 'restarted') say(`event: restarted  ${event.path}`);
  });
  let deadLetters = 0;
  system.deadLetters$.subscribe((letter) => {
    deadLetters += 1;
    say(`dead letter: ${letter.message?.constructor.name} to ${letter.path}, reason '${letter.reason}'`);
  });

  // A ref is an address (node + path); lookupActor narrows lookup to actors, and an address
  // of this node finds the same actor as its path.
  const host = system.lookupActor<string>('/restaurant/host')!;
  const cook = system.lookupActor('rampart://local/restaurant/kitchen/cook')!;
  const waiter = system.lookupActor('/restaurant/kitchen/waiter')!;
  say(`refs are addresses: ${host.address}, ${cook.address}, ${waiter.address}`);

  scene('2. Messages flow');
  say(`tell ${host.path} 'Ada'`);
  host.tell('Ada');
  say(`ask  ${cook.path} Order('soup')  -> ${await cook.ask<string>(new Order('soup'))}`);
  say(`ask  ${waiter.path} Serve('bread')  -> ${await waiter.ask<string>(new Serve('bread'))}`);

  scene('3. The cook is poisoned, and its supervisor restarts it');
  const restarted = firstValueFrom(system.events$.pipe(filter((event) => event.type === 'restarted')));
  say(`tell ${cook.path} Poison  (its handler throws)`);
  cook.tell(new Poison());
  say(`ask  ${cook.path} Order('pie')  (queued behind the poison: the next incarnation gets it)`);
  const pie = cook.ask<string>(new Order('pie'));
  await restarted;

  scene('4. The same refs keep working');
  say(`the pie arrives: ${await pie}`);
  say(`a fresh lookup is the same address: ${system.lookupActor('/restaurant/kitchen/cook')?.address === cook.address}`);
  say(`ask  ${waiter.path} Serve('tea')  -> ${await waiter.ask<string>(new Serve('tea'))}`);
  printTree(system.tree());

  scene('5. Closing time: graceful shutdown, in reverse start order');
  await system.shutdown();
  await system.whenTerminated;
  say(`closed. ${deadLetters} dead letter(s) in total; the process now exits by itself.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
