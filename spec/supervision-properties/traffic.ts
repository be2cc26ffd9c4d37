/**
 * Outside traffic for the law properties: several concurrent sender loops tell and ask jobs
 * to random leaves of a running tree on a VirtualScheduler, then time runs until every job
 * is accounted for. The laws are checked on what the leaves handled and what was dead-lettered.
 */
import fc from 'fast-check';
import { ActorSystem } from '../../lib';
import type { ActorRef, DeadLetter, GroupRef, Logger } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import type { Behaviour, HandledLog, TreePlan } from './random-tree';
import { Job, buildTree } from './random-tree';

/** What a sender loop does after one send, to let the runtime interleave. */
export type Pause = 'none' | 'microtask' | 'settle' | 'advance';

export interface Send {
  /** Index into the tree's leaves (modulo their number). */
  leaf: number;
  /**
   * A job told or asked; or an intervention from outside at that moment: `stop` or `kill`
   * the leaf (a group's first member), or `resize` a group to 1–3 members.
   */
  via: 'tell' | 'ask' | 'stop' | 'kill' | 'resize';
  behaviour: Behaviour;
  pause: Pause;
}

const send: fc.Arbitrary<Send> = fc.record({
  leaf: fc.nat({ max: 9 }),
  via: fc.oneof(
    { arbitrary: fc.constantFrom('tell' as const, 'ask' as const), weight: 12 },
    { arbitrary: fc.constantFrom('stop' as const, 'kill' as const, 'resize' as const), weight: 1 },
  ),
  behaviour: fc.oneof(
    { arbitrary: fc.constantFrom<Behaviour>('ok', 'ok-async'), weight: 6 },
    { arbitrary: fc.constantFrom<Behaviour>('throw', 'reject'), weight: 3 },
    { arbitrary: fc.constant<Behaviour>('exit'), weight: 1 },
  ),
  pause: fc.constantFrom<Pause>('none', 'none', 'microtask', 'settle', 'advance'),
});

/** 1–3 sender loops, each with up to 12 sends. */
export const senders: fc.Arbitrary<Send[][]> = fc.array(fc.array(send, { maxLength: 12 }), { minLength: 1, maxLength: 3 });

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface AskOutcome {
  settled: boolean;
  value?: unknown;
  error?: unknown;
}

export interface RunRecord {
  sent: Job[];
  handled: HandledLog;
  deadLetters: DeadLetter[];
  asks: Map<number, AskOutcome>;
  /** The path each job was sent to. */
  targets: Map<number, string>;
  /** Paths of the actors killed from outside (`ref.kill()`) during the run. */
  killed: Set<string>;
  /** How many events of each type `events$` published (to see what a run exercised). */
  events: Record<string, number>;
  /** With a shutdown ending: what is left of the tree once `shutdown()` has resolved. */
  afterShutdown?: AfterShutdown;
}

export interface AfterShutdown {
  /** `shutdown()` resolved (within 20 s of virtual time). */
  resolved: boolean;
  /** Virtual time from the `shutdown()` call to its resolution. */
  tookMs: number;
  /** Leaf paths that `lookup()` still finds. */
  found: string[];
  /** Leaves whose probe (a job told after shutdown) was not dead-lettered 'stopped' at once. */
  alive: string[];
}

/**
 * How a run ends: `kill` once everything is accounted for, or a graceful `shutdown()` called
 * synchronously from inside the `afterEvents`-th lifecycle event on `events$` (dead letters not
 * counted), so that it can land in the middle of a restart round; or after the traffic if
 * there are fewer events.
 */
export type Ending = { kind: 'kill' } | { kind: 'shutdown'; afterEvents: number };

async function pause(kind: Pause, scheduler: VirtualScheduler): Promise<void> {
  if (kind === 'microtask') await Promise.resolve();
  else if (kind === 'settle') await settle(1);
  else if (kind === 'advance') await scheduler.advanceBy(1);
}

/** Starts the tree of `plan`, runs the sender loops concurrently, and waits until all is quiet. */
export async function runTraffic(plan: TreePlan, loops: Send[][], ending: Ending = { kind: 'kill' }): Promise<RunRecord> {
  const handled: HandledLog = [];
  const { Root, leafPaths } = buildTree(plan, handled);
  const scheduler = new VirtualScheduler();
  const system = await ActorSystem.start(Root, { name: 'app', scheduler, logger: silent, askTimeoutMs: 1e9 });
  const deadLetters: DeadLetter[] = [];
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));
  const events: Record<string, number> = {};
  let seen = 0;
  let stopping: Promise<void> | undefined;
  let stopped = false;
  let took = NaN;
  const shutdown = () => {
    const calledAt = scheduler.now();
    stopping ??= system.shutdown().then(() => {
      stopped = true;
      took = scheduler.now() - calledAt;
    });
  };
  system.events$.subscribe(({ type, reason }) => {
    const key = type === 'stopped' ? `stopped:${reason}` : type;
    events[key] = (events[key] ?? 0) + 1;
    if (ending.kind === 'shutdown' && type !== 'dead-letter' && ++seen === ending.afterEvents) void shutdown();
  });
  system.whenTerminated.catch(() => (events.terminated = 1));
  const refs = leafPaths.map((path) => system.lookup(path) as ActorRef | GroupRef);
  const record: RunRecord = { sent: [], handled, deadLetters, asks: new Map(), targets: new Map(), killed: new Set(), events };
  try {
    let nextId = 0;
    await Promise.all(
      loops.map(async (sends, sender) => {
        for (const [seq, step] of sends.entries()) {
          if (intervene(step, refs[step.leaf % refs.length], record.killed)) {
            await pause(step.pause, scheduler);
            continue;
          }
          const job = new Job(nextId++, sender, seq, step.behaviour);
          const ref = refs[step.leaf % refs.length];
          record.sent.push(job);
          record.targets.set(job.id, ref.path);
          if (step.via === 'tell') ref.tell(job);
          else record.asks.set(job.id, track(ref.ask(job)));
          await pause(step.pause, scheduler);
        }
      }),
    );
    if (ending.kind === 'shutdown') void shutdown();
    const quiet = () => handled.length + deadLetters.length >= record.sent.length && (ending.kind === 'kill' || stopped);
    for (let round = 0; round < 400 && !quiet(); round++) await scheduler.advanceBy(5);
    // Past every shutdownTimeoutMs (5 s by default), so that a stuck stop shows up as slow, not as hung.
    for (let round = 0; round < 200 && !quiet(); round++) await scheduler.advanceBy(100);
    // A few more rounds, so that a message handled or dead-lettered twice shows up.
    for (let round = 0; round < 3; round++) await scheduler.advanceBy(50);
    if (ending.kind === 'shutdown') record.afterShutdown = { ...probe(system, refs, record), resolved: stopped, tookMs: took };
  } finally {
    system.kill();
  }
  await settle();
  forgetProbes(record);
  return record;
}

/** Carries out an intervention step; false for a job to send. Its outcome is left to the laws. */
function intervene(step: Send, ref: ActorRef | GroupRef, killed: Set<string>): boolean {
  if (step.via === 'tell' || step.via === 'ask') return false;
  const group = 'members' in ref ? ref : undefined;
  const target = group === undefined ? (ref as ActorRef) : group.members[0];
  if (step.via === 'resize') group?.resize(1 + (step.leaf % 3)).catch(() => undefined);
  else if (step.via === 'kill' && target !== undefined) {
    killed.add(target.path);
    target.kill();
  }
  else target?.stop().catch(() => undefined);
  return true;
}

/** What is left alive after shutdown: lookups, and a probe job told to every leaf. */
function probe(system: ActorSystem, refs: Array<ActorRef | GroupRef>, record: RunRecord): Pick<AfterShutdown, 'found' | 'alive'> {
  const found = refs.filter((ref) => system.lookup(ref.path) !== undefined).map((ref) => ref.path);
  const alive: string[] = [];
  for (const ref of refs) {
    const before = record.deadLetters.length;
    ref.tell(new Job(PROBE, -1, -1, 'ok'));
    if (record.deadLetters[before]?.reason !== 'stopped') alive.push(ref.path);
  }
  return { found, alive };
}

/** The probes are not part of the traffic: takes them out of the record again. */
function forgetProbes(record: RunRecord): void {
  const isProbe = (message: unknown) => message instanceof Job && message.id === PROBE;
  const keptHandled = record.handled.filter(({ job }) => !isProbe(job));
  const keptLetters = record.deadLetters.filter((letter) => !isProbe(letter.message));
  record.handled.splice(0, record.handled.length, ...keptHandled);
  record.deadLetters.splice(0, record.deadLetters.length, ...keptLetters);
}

const PROBE = -1;

function track(promise: Promise<unknown>): AskOutcome {
  const outcome: AskOutcome = { settled: false };
  promise.then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return outcome;
}
