/**
 * W7's rampart actors, placed on worker threads (DESIGN.md, "Threads"): each class that a
 * worker loads names this module (`@Actor({ module: __filename })`) and is exported from it.
 *
 *   /w7/hashers   @Child(Hasher, { redundancy: 2, thread: true, threads: 2 }): a group of
 *                 2 members on 2 worker threads; each ask of a HashTask runs one ~2 ms task
 *   /w7/echo      @Child(Echo, { thread: true }): one actor on its own worker thread,
 *                 @On(Number) returns the value
 */
import { Actor, Child, Message, On, Supervisor, type ActorRef, type GroupRef } from '../../../lib';
import { hashTask } from './shared';

/** One CPU-bound task; crosses to the worker as an instance (a wire name, like the cluster's messages). */
@Message('bench.w7.hash-task')
export class HashTask {
  constructor(
    readonly seed: number,
    readonly rounds: number,
  ) {}
}

@Actor({ module: __filename })
export class Hasher {
  @On(HashTask)
  hash(task: HashTask): number {
    return hashTask(task.seed, task.rounds);
  }
}

@Actor({ module: __filename })
export class Echo {
  @On(Number)
  echo(value: number): number {
    return value;
  }
}

@Supervisor()
export class W7 {
  @Child(Hasher, { redundancy: 2, thread: true, threads: 2 }) hashers!: GroupRef<HashTask>;
  @Child(Echo, { thread: true }) echo!: ActorRef<number>;
}
