/**
 * Type tests of `@Child` (DESIGN.md "Typed refs"): a public property is checked against the
 * child class; untyped refs and decorators applied by hand keep compiling. Never run.
 */
import { Child, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef, GroupRefOf, RefOf } from '../../lib';

class Greeter {
  @On() greet(name: string): string {
    return name;
  }
}
class Counter {
  @On() add(n: number): number {
    return n;
  }
}
class Worker {
  @On() work(job: { id: string }): void {
    void job;
  }
}

@Supervisor()
export class Checked {
  @Child(Greeter) greeter!: RefOf<Greeter>;
  @Child(Greeter, { redundancy: 3 }) greeters!: GroupRefOf<Greeter>;
  @Child(Greeter) untyped!: ActorRef;
  @Child(Greeter, { redundancy: 2 }) untypedGroup!: GroupRef;
  @Child(Greeter) byMessage!: ActorRef<string>;
  @Child(Greeter) anyRef!: ActorRef<any>;
  @Child(Greeter) private readonly hidden!: RefOf<Counter>; // private: types cannot see it, so not checked

  // @ts-expect-error: a Greeter child is no Counter ref
  @Child(Greeter) wrong!: RefOf<Counter>;
  // @ts-expect-error: nor a group of Counters
  @Child(Greeter, { redundancy: 2 }) wrongGroup!: GroupRefOf<Counter>;
  // @ts-expect-error: the issue's example: Greeter handles strings, not numbers
  @Child(Greeter) wrongMessage!: ActorRef<number>;
  // @ts-expect-error: a Worker takes jobs, not strings
  @Child(Worker) worker!: RefOf<Greeter>;

  read(): unknown {
    return this.hidden;
  }
}

/** Decorators applied by hand keep compiling: a string key, a union of classes. */
export function byHand(flag: boolean): void {
  class Host {}
  Child(Greeter)(Host.prototype, 'greeter');
  Child(flag ? Greeter : Counter)(Host.prototype, 'either');
  Child(Greeter, { name: 'g' })(Host.prototype, Symbol('greeter'));
}

/** What `@Child` returns still fits the contract's `PropertyDecorator`. */
export const asPropertyDecorator: PropertyDecorator[] = [Child(Greeter), Child(Counter, { redundancy: 2 })];
