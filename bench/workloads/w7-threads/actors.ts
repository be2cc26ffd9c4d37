/**
 * W7's rampart actors, placed on worker threads (DESIGN.md, "Threads"): each class that a
 * worker loads names this module (`@Actor({ module: __filename })`) and is exported from it.
 *
 *   /w7/hashers   @Child(Hasher, { redundancy: 2, thread: true, threads: 2 }): a group of
 *                 2 members on 2 worker threads; each ask of a HashTask runs one ~2 ms task
 *   /w7/echo      @Child(Echo, { thread: true }): one actor on its own worker thread,
 *                 @On(Number) returns the value
 *
 * The options are typed as the contract's (`module`, `thread`, `threads`) on top of lib's
 * current `ActorOptions` / `ChildOptions`, so that this file compiles before and after those
 * names are in lib. Until lib accepts them, the decorators throw a ConfigurationError when
 * this module loads; rampart.ts loads it lazily and reports that as the subject's error.
 */
import { Actor, Child, Message, On, Supervisor, type ActorOptions, type ActorRef, type ChildOptions, type GroupRef } from '../../../lib';
import { hashTask } from './shared';

/** The contract's `@Actor` option for classes that a worker thread loads. */
type ThreadActorOptions = ActorOptions & { module: string };
/** The contract's `@Child` options for placing a child (each member of a group) on worker threads. */
type ThreadChildOptions = ChildOptions & { thread: true; threads?: number };

const loadable: ThreadActorOptions = { module: __filename };
const hasherPlacement: ThreadChildOptions = { redundancy: 2, thread: true, threads: 2 };
const echoPlacement: ThreadChildOptions = { thread: true };

/** One CPU-bound task; crosses to the worker as an instance (a wire name, like the cluster's messages). */
@Message('bench.w7.hash-task')
export class HashTask {
  constructor(
    readonly seed: number,
    readonly rounds: number,
  ) {}
}

@Actor(loadable)
export class Hasher {
  @On(HashTask)
  hash(task: HashTask): number {
    return hashTask(task.seed, task.rounds);
  }
}

@Actor(loadable)
export class Echo {
  @On(Number)
  echo(value: number): number {
    return value;
  }
}

@Supervisor()
export class W7 {
  @Child(Hasher, hasherPlacement) hashers!: GroupRef<HashTask>;
  @Child(Echo, echoPlacement) echo!: ActorRef<number>;
}
