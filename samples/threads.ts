/**
 * Threads: a CPU-bound pool on worker threads, while the main thread keeps its heartbeat.
 *
 *   /threads                  root supervisor                      main thread
 *   ├── /threads/heartbeat    ticks every 50 ms (ctx.every)        main thread
 *   ├── /threads/inline       a Hasher, without `thread: true`     main thread
 *   └── /threads/hashers      @Child(Hasher, { redundancy: 2, thread: true, threads: 2 })
 *       ├── /threads/hashers/0                                     worker thread A
 *       └── /threads/hashers/1                                     worker thread B
 *
 * A task is a chain of sha256 rounds, calibrated to take about 2 ms. The same batch runs
 * twice, every ask in flight at once: first on the inline Hasher, which blocks the main
 * thread, so the heartbeat stalls while the batch runs; then on the pool, where each member
 * runs on its own worker thread, so the heartbeat keeps ticking and two cores share the
 * work. The sample prints what it measured (the time, the speed-up, the heartbeat's
 * longest gap; the machine's load moves them), where each actor runs (`system.tree()`
 * shows a worker's threadId), and then one task that throws: the member it lands on fails
 * in its worker, its supervisor on the main thread restarts it there (a handler's failure
 * keeps the worker), and the pool keeps working.
 *
 * Hasher and HashTask are exported and name this module, so a worker can load them: the
 * workers load this file too, which is why `main()` runs only on the main thread.
 *
 *   npm run sample:threads
 */
import { createHash } from 'node:crypto';
import { isMainThread, threadId } from 'node:worker_threads';
import { filter, firstValueFrom } from 'rxjs';
import { Actor, ActorSystem, Child, Context, Message, On, Supervisor } from '../lib';
import type { ActorRef, GroupRef, TreeNode } from '../lib';

const TASKS = 800;
const TASK_MS = 2;
const BEAT_MS = 50;
const BLOCK = Buffer.alloc(1024, 0x5a);

/** `rounds` chained sha256 rounds over a 1 KiB block, from `seed`; the last digest's first 8 hex digits. */
function sha256Chain(seed: number, rounds: number): string {
  let digest = Buffer.alloc(32);
  digest.writeUInt32LE(seed >>> 0, 0);
  for (let r = 0; r < rounds; r++) digest = createHash('sha256').update(digest).update(BLOCK).digest();
  return digest.toString('hex', 0, 4);
}

// ── The pool's work: a worker loads it from this module ────────────────────
/** One task. A `@Message` class defined in the actor's module crosses to the worker as an instance. */
@Message('sample.threads.hash-task')
export class HashTask {
  constructor(
    readonly seed: number,
    readonly rounds: number,
  ) {}
}

/** The pool's member: loadable by a worker (exported, names its module). */
@Actor({ module: __filename })
export class Hasher {
  @On(HashTask)
  hash(task: HashTask): string {
    if (!(task.rounds > 0)) throw new RangeError(`rounds must be positive, got ${task.rounds}`);
    return sha256Chain(task.seed, task.rounds);
  }
}

// ── The heartbeat, on the main thread ────────────────────────────────────────
class Beat {}
class Reset {}
class Report {}
interface Pulse {
  readonly ticks: number;
  readonly maxGapMs: number;
}

class Heartbeat {
  private last = performance.now();
  private ticks = 0;
  private maxGap = 0;

  beforeStart(ctx: Context): void {
    ctx.every(BEAT_MS, new Beat());
  }

  @On(Beat)
  beat(): void {
    const now = performance.now();
    this.maxGap = Math.max(this.maxGap, now - this.last);
    this.last = now;
    this.ticks++;
  }

  @On(Reset)
  reset(): void {
    this.last = performance.now();
    this.ticks = 0;
    this.maxGap = 0;
  }

  /** The longest the heartbeat went without a tick since the reset, the wait for the next tick included. */
  @On(Report)
  report(): Pulse {
    return { ticks: this.ticks, maxGapMs: Math.max(this.maxGap, performance.now() - this.last) };
  }
}

@Supervisor()
class Threads {
  @Child(Heartbeat) heartbeat!: ActorRef;
  @Child(Hasher) inline!: ActorRef<HashTask>;
  @Child(Hasher, { redundancy: 2, thread: true, threads: 2 }) hashers!: GroupRef<HashTask>;
}

// ── The story ────────────────────────────────────────────────────────────────
/** The number of rounds that makes one task take about TASK_MS here: six passes of 25 tasks on the main thread (the first ones warm up). */
function calibrate(): number {
  let rounds = 500;
  for (let pass = 0; pass < 6; pass++) {
    const begin = performance.now();
    for (let i = 0; i < 25; i++) sha256Chain(i, rounds);
    const msPerTask = (performance.now() - begin) / 25;
    rounds = Math.max(1, Math.round((rounds * TASK_MS) / msPerTask));
  }
  return rounds;
}

function printTree(node: TreeNode, depth = 0): void {
  const where = node.kind !== 'actor' ? '' : node.thread === undefined ? `main thread (${threadId})` : `worker thread ${node.thread}`;
  console.log(`  ${'  '.repeat(depth)}${node.path.padEnd(28 - 2 * depth)} ${node.kind.padEnd(10)} ${where.padEnd(18)} restarts ${node.restarts}`);
  for (const child of node.children) printTree(child, depth + 1);
}

interface Run {
  readonly ms: number;
  readonly pulse: Pulse;
  readonly digests: string[];
}

/** Runs the batch on `target` (every ask in flight at once), timed, with the heartbeat's gaps. */
async function run(target: ActorRef<HashTask> | GroupRef<HashTask>, heartbeat: ActorRef, tasks: HashTask[]): Promise<Run> {
  await heartbeat.ask(new Reset());
  const begin = performance.now();
  const digests = await Promise.all(tasks.map((task) => target.ask<string>(task, { timeoutMs: 30_000 })));
  const ms = performance.now() - begin;
  return { ms, pulse: await heartbeat.ask<Pulse>(new Report()), digests };
}

const summary = (label: string, r: Run): string =>
  `${label} ${TASKS} tasks in ${r.ms.toFixed(0).padStart(5)} ms; heartbeat: ${String(r.pulse.ticks).padStart(2)} ticks, longest gap ${r.pulse.maxGapMs.toFixed(0).padStart(4)} ms`;

async function main(): Promise<void> {
  const system = await ActorSystem.start(Threads, { name: 'threads', logger: null });
  system.events$.pipe(filter((e) => e.type === 'failed' || e.type === 'restarted')).subscribe((e) => {
    console.log(`  event: ${e.type} ${e.path}${e.error instanceof Error ? ` (${e.error.name}: ${e.error.message})` : ''}`);
  });
  const heartbeat = system.lookupActor('/threads/heartbeat')!;
  const inline = system.lookupActor<HashTask>('/threads/inline')!;
  const hashers = system.lookupGroup<HashTask>('/threads/hashers')!;

  console.log('where each actor runs (system.tree()):');
  printTree(system.tree());

  const rounds = calibrate();
  const tasks = Array.from({ length: TASKS }, (_, i) => new HashTask(i, rounds));
  console.log(`\n${TASKS} tasks of ${rounds} sha256 rounds (calibrated to about ${TASK_MS} ms each), heartbeat every ${BEAT_MS} ms`);
  const warmUp = tasks.slice(0, 200);
  await run(inline, heartbeat, warmUp);
  await run(hashers, heartbeat, warmUp);

  const onMain = await run(inline, heartbeat, tasks);
  console.log(summary('  main thread (inline):   ', onMain) + ` (${(onMain.ms / TASKS).toFixed(1)} ms per task)`);
  const onPool = await run(hashers, heartbeat, tasks);
  console.log(summary('  2 worker threads (pool):', onPool));
  const same = onPool.digests.every((digest, i) => digest === onMain.digests[i]);
  console.log(`  speed-up ${(onMain.ms / onPool.ms).toFixed(2)}x; the heartbeat's longest gap went from ` +
    `${onMain.pulse.maxGapMs.toFixed(0)} ms to ${onPool.pulse.maxGapMs.toFixed(0)} ms; ` +
    `both runs computed ${same ? 'the same' : 'DIFFERENT'} ${TASKS} digests`);

  console.log('\none task that throws, sent to the pool:');
  const restarted = firstValueFrom(system.events$.pipe(filter((e) => e.type === 'restarted')));
  const error = await hashers.ask(new HashTask(0, -1)).then(() => undefined, (e: unknown) => e as Error);
  console.log(`  the ask rejected with ${error?.name}: ${error?.message}`);
  const { path } = await restarted;
  const after = await run(hashers, heartbeat, tasks.slice(0, 200));
  const works = after.digests.every((digest, i) => digest === onMain.digests[i]);
  console.log(`  after the restart of ${path}: the pool ran 200 more tasks in ${after.ms.toFixed(0)} ms, ${works ? 'all correct' : 'WRONG'}`);
  console.log('\nthe tree after the failure (a handler that throws fails its actor, not its worker):');
  printTree(system.tree());

  await system.shutdown();
  console.log('\nsystem shut down, bye.');
  if (!same || !works || !(error instanceof Error)) process.exitCode = 1;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
