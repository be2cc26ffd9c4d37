/**
 * Soak measurement, run by restarts.soak.spec.ts in its own process:
 *   node --expose-gc -r ts-node/register/transpile-only spec/soak/restart-heap.script.ts
 *
 * One actor throws on every message, under `Backoff.immediate()` and `maxRestarts: Infinity`,
 * on the default (real) scheduler. Each incarnation also starts a long timer (`ctx.schedule`)
 * and spawns a helper that it tells one message, so that a restart has a timer, a dynamic
 * child and that child's mailbox subscription to clean up. It is told 100,000 messages in batches; after each batch
 * the script waits until every message has failed and been restarted from. The heap is
 * measured (after a full gc) at checkpoints, with the mailbox empty each time. The result is
 * printed as one JSON line on stdout.
 */
import { ActorSystem, Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';

const TOTAL = 100_000;
const BATCH = 1_000;
const CHECKPOINTS = [10_000, 25_000, 50_000, 75_000, 100_000];

class Crash {}
class Tick {}

class Helper {
  @On(String)
  note(): void {}
}

class AlwaysFails {
  @On(Crash)
  crash(): never {
    throw new Error('crash on purpose');
  }

  @On(Tick)
  tick(): void {}

  beforeStart(ctx: Context): void {
    this.equip(ctx);
  }

  afterRestart(ctx: Context): void {
    this.equip(ctx);
  }

  /** Things a restart must clean up: a pending timer and a dynamic child with a live mailbox. */
  private equip(ctx: Context): void {
    ctx.schedule(60_000, new Tick());
    ctx.spawn(Helper, { name: 'helper' }).tell('hello');
  }
}

@Supervisor({ maxRestarts: Infinity })
class SoakRoot {
  @Child(AlwaysFails, { backoff: Backoff.immediate() }) worker!: ActorRef;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Timers and immediates the process holds, by type (Node 20's getActiveResourcesInfo). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const started = Date.now();
  // logger: null: 100,000 failures are the point here, and logging each one would flood stderr and the heap figures.
  const system = await ActorSystem.start(SoakRoot, { name: 'soak', logger: null });
  const worker = system.lookup('/soak/worker') as ActorRef;
  const counts = { failed: 0, restarted: 0, deadLettersFailed: 0, otherDeadLetters: 0 };
  let wake: (() => void) | undefined;
  system.events$.subscribe((event) => {
    if (event.type === 'failed') counts.failed++;
    else if (event.type === 'restarted') {
      counts.restarted++;
      if (wake !== undefined && counts.restarted % BATCH === 0) wake();
    }
  });
  system.deadLetters$.subscribe((letter) => {
    if (letter.reason === 'failed') counts.deadLettersFailed++;
    else counts.otherDeadLetters++;
  });

  const heap: Record<string, number> = {};
  const message = new Crash();
  while (counts.restarted < TOTAL) {
    const target = counts.restarted + BATCH;
    const done = new Promise<void>((resolve) => (wake = resolve));
    for (let i = 0; i < BATCH; i++) worker.tell(message);
    await done;
    wake = undefined;
    if (counts.restarted !== target) throw new Error(`expected ${target} restarts, got ${counts.restarted}`);
    if (CHECKPOINTS.includes(target)) heap[target] = heapUsed();
  }
  // Let the last restart's bookkeeping finish before looking at what is still scheduled.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const tree = system.tree();
  const resources = activeResources();
  await system.shutdown();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const resourcesAfterShutdown = activeResources();
  console.log(
    JSON.stringify({
      ...counts,
      heap,
      growthBytes: heap[TOTAL] - heap[CHECKPOINTS[0]],
      workerRestarts: tree.children[0]?.restarts,
      mailboxSize: tree.children[0]?.mailboxSize,
      activeResources: resources,
      activeResourcesAfterShutdown: resourcesAfterShutdown,
      elapsedMs: Date.now() - started,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
