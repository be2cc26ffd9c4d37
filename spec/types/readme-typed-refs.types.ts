import { ActorSystem, Child, On, Otherwise, Supervisor } from '../../lib';
import type { ActorRef, RefOf } from '../../lib';

class Ping {
  declare private readonly kind: 'Ping'; // a brand: Pong has the same shape but is another type
}
class Pong {
  declare private readonly kind: 'Pong';
}

class Greeter {
  @On(String) greet(name: string): string {
    return `hello ${name}`;
  }
  @On(Ping) async ping(_ping: Ping): Promise<Pong> {
    return new Pong();
  }
}

class Logger {
  @On(Number) count(n: number): number {
    return n;
  }
  @Otherwise() other(message: unknown): string {
    return String(message); // a catch-all: the ref accepts anything
  }
}

@Supervisor()
class App {
  @Child(Greeter) greeter!: RefOf<Greeter>; // checked: RefOf<Logger> here does not compile
  @Child(Logger) logger!: ActorRef; // the untyped ref still fits
}

export async function talk(system: ActorSystem): Promise<void> {
  const greeter = system.spawn(Greeter); // RefOf<Greeter>
  const hello: string = await greeter.ask('world');
  const pong: Pong = await greeter.ask(new Ping());
  // @ts-expect-error: Greeter handles no number
  greeter.tell(42);
  // @ts-expect-error: nor a Pong, though it has Ping's shape
  greeter.tell(new Pong());
  const logger = system.spawn(Logger); // RefOf<Logger>
  logger.tell({ anything: true });
  const twice: number = await logger.ask(2);
  const untyped = system.spawn<string>(Greeter); // ActorRef<string>, ask<R> explicit
  const reply = await untyped.ask<string>('world');
  console.log(App.name, hello, pong, twice, reply);
}
