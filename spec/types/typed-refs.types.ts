/**
 * Type tests of typed refs (DESIGN.md "Typed refs"): compiled by `npm run typecheck`, never
 * run. Each `@ts-expect-error` pins something that must not compile; an unused one fails
 * the build.
 */
import { ActorSystem, Context, On, Otherwise } from '../../lib';
import type { ActorRef, GroupRef, GroupRefOf, MessageOf, RefOf } from '../../lib';

class Ping {
  declare private readonly kind: 'Ping';
}
class Pong {
  declare private readonly kind: 'Pong';
}
/** Same shape as `Ping`, but its own brand: structurally distinct. */
class Pang {
  declare private readonly kind: 'Pang';
}

class Greeter {
  @On() greet(name: string): string {
    return `hello ${name}`;
  }
  @On() async ping(_ping: Ping, _ctx: Context): Promise<Pong> {
    return new Pong();
  }
  @On() count(n: number): boolean {
    return n > 0;
  }
  beforeStart(_ctx: Context): void {}
  afterRestart(_ctx: Context, _error: unknown): void {}
}

class Catcher {
  @On() twice(n: number): number {
    return n * 2;
  }
  @Otherwise() other(message: unknown): string {
    return String(message);
  }
}

/** A handler that ignores its message (`@On(Tick) tick()`): types cannot see its type. */
class Ticker {
  @On(Ping) tick(): number {
    return 1;
  }
}

declare const greeter: RefOf<Greeter>;
declare const group: GroupRefOf<Greeter>;
declare const catcher: RefOf<Catcher>;
declare const ticker: RefOf<Ticker>;
declare const system: ActorSystem;
declare const ctx: Context;

export const accepted: MessageOf<Greeter>[] = ['x', new Ping(), 1];

export function tells(): void {
  greeter.tell('world');
  greeter.tell(new Ping());
  greeter.tell(42);
  // @ts-expect-error: Greeter handles no Pong
  greeter.tell(new Pong());
  // @ts-expect-error: nor Pang, although it has Ping's shape
  greeter.tell(new Pang());
  // @ts-expect-error: nor boolean
  greeter.tell(true);
  // @ts-expect-error: a lifecycle hook is no handler
  greeter.tell(ctx);
  group.tell('world');
  group.broadcast(new Ping());
  // @ts-expect-error: a group of Greeter handles no Pong either
  group.broadcast(new Pong());
  group.members[0]?.tell(3);
  // @ts-expect-error: its members are typed too
  group.members[0]?.tell(new Pong());
  catcher.tell({ anything: true });
  ticker.tell(new Ping());
}

export async function asks(): Promise<void> {
  const hello: string = await greeter.ask('world');
  const pong: Pong = await greeter.ask(new Ping(), { timeoutMs: 100 });
  const positive: boolean = await greeter.ask(3);
  // @ts-expect-error: the reply to a string is a string
  const wrong: number = await greeter.ask('world');
  // @ts-expect-error: the reply to a Ping is a Pong (a promise's value), not a Ping
  const wrongPong: Ping = await greeter.ask(new Ping());
  // @ts-expect-error: Greeter cannot be asked a Pong
  await greeter.ask(new Pong());
  const fromGroup: string = await group.ask('world');
  // @ts-expect-error: a group member replies to a number with a boolean
  const wrongFromGroup: string = await group.ask(1);
  const explicit: number = await greeter.ask<number>('world');
  const doubled: number = await catcher.ask(2);
  const caught: string = await catcher.ask('anything');
  // @ts-expect-error: the catch-all replies with a string
  const wrongCaught: number = await catcher.ask('anything');
  void [hello, pong, positive, wrong, wrongPong, fromGroup, wrongFromGroup, explicit, doubled, caught, wrongCaught];
}

export function spawns(): void {
  const spawned: RefOf<Greeter> = system.spawn(Greeter, { name: 'greeter' });
  const child: RefOf<Greeter> = ctx.spawn(Greeter);
  // @ts-expect-error: a spawned Greeter is no Catcher
  const notCatcher: RefOf<Catcher> = system.spawn(Greeter);
  const untyped: ActorRef<number> = system.spawn<number>(Greeter);
  const untypedChild: ActorRef<string> = ctx.spawn<string>(Greeter);
  untyped.tell(1);
  // @ts-expect-error: an explicit message type types the untyped ref
  untyped.tell('x');
  void [spawned, child, notCatcher, untypedChild];
}

export function assignability(): void {
  const ref: ActorRef = greeter;
  const anyRef: ActorRef<any> = greeter;
  const exact: ActorRef<string | Ping | number> = greeter;
  const groupRef: GroupRef = group;
  const anyGroup: GroupRef<any> = group;
  ctx.watch(greeter);
  ctx.watch(group.members[0]!);
  // @ts-expect-error: a Greeter ref does not accept only Pong
  const wrongRef: ActorRef<Pong> = greeter;
  void [ref, anyRef, exact, groupRef, anyGroup, wrongRef];
}

export function lookups(): void {
  const actor: ActorRef<string> | undefined = system.lookupActor<string>('/app/greeter');
  const groupRef: GroupRef<string> | undefined = system.lookupGroup<string>('/app/pool');
  const either = system.lookup<string>('/app/greeter');
  // @ts-expect-error: lookup may give a group, which is no ActorRef
  const notNarrowed: ActorRef<string> | undefined = either;
  // @ts-expect-error: lookupGroup gives a group, not an actor
  const wrongKind: ActorRef<string> | undefined = system.lookupGroup<string>('/app/pool');
  void [actor, groupRef, notNarrowed, wrongKind];
}
