import { Actor, ActorSystem, Child, Context, On, Otherwise, Supervisor, type RefOf } from '../../../lib';

class Greet {
  constructor(readonly name: string) {}
}

class Greetings {
  readonly said: string[] = [];
}

@Actor({ inject: [Context, Greetings] }) // constructor parameter types, in order
class Greeter {
  constructor(
    private readonly ctx: Context,
    private readonly greetings: Greetings,
  ) {}

  @On(Greet) greet(msg: Greet): string {
    this.greetings.said.push(msg.name);
    return `hello ${msg.name} from ${this.ctx.path}`;
  }

  @Otherwise() other(msg: unknown): string {
    return `no handler for ${String(msg)}`;
  }
}

@Supervisor({ strategy: 'one-for-one' })
class App {
  @Child(Greeter) greeter!: RefOf<Greeter>;
}

export async function main(): Promise<string> {
  const system = await ActorSystem.start(App, { providers: [[Greetings, new Greetings()]] });
  const greeter = system.lookupActor('/app/greeter') as RefOf<Greeter>;
  const reply = await greeter.ask(new Greet('ada')); // 'hello ada from /app/greeter'
  await system.shutdown();
  return reply;
}
