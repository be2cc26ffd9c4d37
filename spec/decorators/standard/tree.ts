/**
 * A supervision tree written with standard ECMAScript decorators: compiled WITHOUT
 * `experimentalDecorators` (see ./tsconfig.json), so every type is explicit.
 * Loaded by spec/decorators/standard-mode.spec.ts, which compiles it in that mode.
 */
import { Actor, Child, Context, Message, On, Otherwise, Supervisor, type RefOf } from '../../../lib';

@Message('standard.greeting')
export class Greeting {
  declare private readonly brand: 'Greeting';
  constructor(readonly name: string) {}
}

export class Boom {
  declare private readonly brand: 'Boom';
}

export class Count {
  declare private readonly brand: 'Count';
}

/** A provider injected by its class. */
export class Db {
  readonly rows: string[] = [];
}

export class Greeter {
  @On(Greeting) greet(msg: Greeting): string {
    return `hello ${msg.name}`;
  }

  @Otherwise() other(msg: unknown): string {
    return `other ${String(msg)}`;
  }
}

/** Counts its incarnations in a module-level log, so the spec sees a restart. */
export const flakyStarts: string[] = [];

export class Flaky {
  constructor() {
    flakyStarts.push('start');
  }

  @On(Boom) boom(): never {
    throw new Error('boom');
  }

  @On(String) echo(text: string): string {
    return text;
  }
}

@Actor({ name: 'counter', inject: [Context, Db] })
export class Counter {
  constructor(
    private readonly ctx: Context,
    private readonly db: Db,
  ) {}

  @On(Count) count(): string {
    this.db.rows.push(this.ctx.path);
    return `${this.ctx.path}:${this.db.rows.length}`;
  }
}

@Supervisor({ strategy: 'one-for-one', maxRestarts: 5, withinMs: 1000 })
export class App {
  @Child(Greeter) greeter!: RefOf<Greeter>;
  @Child(Flaky, { restart: 'permanent' }) flaky!: RefOf<Flaky>;
  @Child(Counter) counter!: RefOf<Counter>;
}
