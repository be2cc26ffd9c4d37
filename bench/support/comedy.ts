/**
 * comedy 2.1, run in-process: every actor is created with `mode: 'in-memory'`, so it lives in
 * this process and a message is a method call on the actor's definition instance, deferred
 * through a (Bluebird) promise. No forked processes, no sockets.
 *
 * Logging is kept quiet by giving the system a logger implementation that prints nothing
 * (comedy's `logger` option). It counts what comedy logs at level error: that is where an
 * in-memory actor's handler errors go (comedy catches them and logs them), which W5 reads.
 */
import { createSystem, type Actor, type ActorSystem } from 'comedy';

/** The `createChild` options of every comedy actor in this suite. */
export const IN_MEMORY = { mode: 'in-memory' } as const;

/** A comedy logger implementation that prints nothing and counts errors. */
export class QuietLog {
  errors = 0;
  /** Called on every logged error, after counting it. */
  onError: () => void = () => undefined;

  error(): void {
    this.errors++;
    this.onError();
  }
  warn(): void {}
  info(): void {}
  debug(): void {}
}

export interface Comedy {
  readonly system: ActorSystem;
  readonly root: Actor;
  readonly log: QuietLog;
}

export async function startComedy(): Promise<Comedy> {
  const log = new QuietLog();
  // `config: {}` is a programmatic actor configuration: comedy neither reads nor watches
  // an actors.json file.
  const system = createSystem({ config: {}, logger: log });
  const root = await system.rootActor();
  return { system, root, log };
}

/**
 * Destroys the system. With `forgetChildren`, the root's children are dropped without
 * being destroyed one by one: comedy removes each destroyed child from its parent's list
 * with `_.without`, which is O(children) per child, so destroying 100,000 children takes
 * about three minutes. In-memory actors hold no timer or socket, so dropping them is enough
 * for the GC to reclaim them. Teardown is never timed.
 */
export async function stopComedy(comedy: Comedy, options: { forgetChildren?: boolean } = {}): Promise<void> {
  if (options.forgetChildren) (comedy.root as unknown as { childPromises: unknown[] }).childPromises = [];
  await comedy.system.destroy();
}
