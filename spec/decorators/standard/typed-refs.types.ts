/**
 * Type tests of typed refs under standard decorators (type-checked by `npm run typecheck`
 * with ./tsconfig.json; never run). `@Child` checks its field against the class here too.
 */
import { Child, On, Supervisor, type ActorRef, type GroupRefOf, type RefOf } from '../../../lib';

class Ping {
  declare private readonly brand: 'Ping';
}
class Pong {
  declare private readonly brand: 'Pong';
}
class Pinger {
  @On(Ping) ping(_m: Ping): number {
    return 1;
  }
}
class Ponger {
  @On(Pong) pong(_m: Pong): string {
    return '';
  }
}

@Supervisor()
export class Typed {
  @Child(Pinger) pinger!: RefOf<Pinger>;
  @Child(Pinger) untyped!: ActorRef;
  @Child(Pinger, { redundancy: 2 }) group!: GroupRefOf<Pinger>;
  // @ts-expect-error the field's ref type does not fit the child class
  @Child(Ponger) wrong!: RefOf<Pinger>;

  async check(): Promise<void> {
    const reply: number = await this.pinger.ask(new Ping());
    // @ts-expect-error Pinger handles no Pong
    this.pinger.tell(new Pong());
    void reply;
  }
}
