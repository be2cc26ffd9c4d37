/**
 * Random supervision trees for the law properties: plain-data plans (what fast-check
 * generates, shrinks and prints) and the factory that turns a plan into decorated classes.
 *
 * A root supervisor has 1–4 children; a child is a leaf actor or a nested supervisor with
 * 1–3 leaves. Every supervisor has a random strategy, every child a random restart policy,
 * `tries` and backoff. Start hooks fail on restart by a finite plan, so every run ends.
 */
import fc from 'fast-check';
import { Backoff, Child, On, Supervisor } from '../../lib';
import type { ActorClass, ChildOptions, Context, RestartPolicy, SupervisionStrategy } from '../../lib';

/** What a leaf does with a job: succeed (sync or async), fail (throw or reject), or exit normally. */
export type Behaviour = 'ok' | 'ok-async' | 'throw' | 'reject' | 'exit';

/** What the n-th start hook after the first one (`afterRestart` or `beforeStart`) does. */
export type HookFault = 'none' | 'throw' | 'reject';

export interface ChildPlan {
  restart: RestartPolicy;
  /** `undefined`: unlimited. */
  tries: number | undefined;
  /** 0: `Backoff.immediate()`; else `Backoff.linear({ stepMs, maxMs: 3 * stepMs })`. */
  backoffStepMs: number;
  /** Start hooks after the boot one fail by this plan, then never again. */
  hookFaults: HookFault[];
}

export interface LeafPlan extends ChildPlan {
  kind: 'leaf';
  /** A group of this many members (routed round-robin), or a single actor when undefined. */
  redundancy?: number;
  /** `beforeRestart` throws (the runtime logs it and goes on). */
  beforeRestartThrows: boolean;
}

export interface SupervisorPlan extends ChildPlan {
  kind: 'supervisor';
  strategy: SupervisionStrategy;
  maxRestarts: number;
  withinMs: number;
  children: LeafPlan[];
}

export interface TreePlan {
  strategy: SupervisionStrategy;
  maxRestarts: number;
  withinMs: number;
  children: Array<LeafPlan | SupervisorPlan>;
}

/** A job sent to a leaf. `sender` is the outside loop that sent it, `seq` its index there. */
export class Job {
  constructor(
    readonly id: number,
    readonly sender: number,
    readonly seq: number,
    readonly behaviour: Behaviour,
  ) {}
}

/** The error a failing job throws or rejects with. */
export class JobFault extends Error {}

/** Where a leaf records a job it handled successfully. */
export type HandledLog = Array<{ job: Job; path: string }>;

const strategy = fc.constantFrom<SupervisionStrategy>('one-for-one', 'one-for-all', 'rest-for-one');
const hookFaults = fc.array(fc.constantFrom<HookFault>('none', 'none', 'throw', 'reject'), { maxLength: 3 });

function childPlan() {
  return {
    restart: fc.constantFrom<RestartPolicy>('permanent', 'permanent', 'transient', 'temporary'),
    tries: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 2 }),
    backoffStepMs: fc.constantFrom(0, 0, 1, 3),
    hookFaults,
  };
}

/** Intensity: `Infinity` (nothing escalates), or small limits that make supervisors give up. */
function intensity(escalation: boolean) {
  return {
    maxRestarts: escalation ? fc.constantFrom(0, 1, 2, 3, Infinity) : fc.constant(Infinity),
    withinMs: fc.constantFrom(5, 50, 5000),
  };
}

export function leafPlan(escalation: boolean): fc.Arbitrary<LeafPlan> {
  return fc.record({
    kind: fc.constant('leaf' as const),
    ...childPlan(),
    beforeRestartThrows: fc.boolean(),
    redundancy: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 3 }),
  });
}

export function supervisorPlan(escalation: boolean): fc.Arbitrary<SupervisorPlan> {
  return fc.record({
    kind: fc.constant('supervisor' as const),
    ...childPlan(),
    strategy,
    ...intensity(escalation),
    children: fc.array(leafPlan(escalation), { minLength: 1, maxLength: 3 }),
  });
}

/** A random tree; with `escalation`, supervisors (the root too) have finite intensities. */
export function treePlan(escalation: boolean): fc.Arbitrary<TreePlan> {
  const child = fc.oneof({ arbitrary: leafPlan(escalation), weight: 2 }, { arbitrary: supervisorPlan(escalation), weight: 1 });
  return fc.record({
    strategy,
    ...intensity(escalation),
    children: fc.array(child, { minLength: 1, maxLength: 4 }),
  });
}

/** A start hook that succeeds at boot, then fails by `faults`, then always succeeds (counted per path: group members each). */
function startHook(faults: readonly HookFault[]): (path: string) => void | Promise<void> {
  const startsAt = new Map<string, number>();
  return (path) => {
    const starts = startsAt.get(path) ?? 0;
    const fault = starts === 0 ? 'none' : (faults[starts - 1] ?? 'none');
    startsAt.set(path, starts + 1);
    if (fault === 'throw') throw new Error('start hook fault');
    if (fault === 'reject') return Promise.reject(new Error('start hook fault (async)'));
  };
}

function childOptions(plan: ChildPlan & { redundancy?: number }): ChildOptions {
  const backoff =
    plan.backoffStepMs === 0
      ? Backoff.immediate()
      : Backoff.linear({ stepMs: plan.backoffStepMs, maxMs: 3 * plan.backoffStepMs });
  return {
    restart: plan.restart,
    backoff,
    ...(plan.tries === undefined ? {} : { tries: plan.tries }),
    ...(plan.redundancy === undefined ? {} : { redundancy: plan.redundancy }),
  };
}

function leafClass(plan: LeafPlan, handled: HandledLog): ActorClass {
  const start = startHook(plan.hookFaults);
  class Leaf {
    @On(Job)
    handle(job: Job, ctx: Context): number | Promise<number> {
      switch (job.behaviour) {
        case 'ok':
          handled.push({ job, path: ctx.path });
          return job.id;
        case 'ok-async':
          return Promise.resolve().then(() => {
            handled.push({ job, path: ctx.path });
            return job.id;
          });
        case 'exit':
          handled.push({ job, path: ctx.path });
          ctx.stop();
          return job.id;
        case 'throw':
          throw new JobFault(`job ${job.id}`);
        case 'reject':
          return Promise.reject(new JobFault(`job ${job.id}`));
      }
    }
    beforeStart(ctx: Context): void | Promise<void> {
      return start(ctx.path);
    }
    afterRestart(ctx: Context): void | Promise<void> {
      return start(ctx.path);
    }
    beforeRestart(): void {
      if (plan.beforeRestartThrows) throw new Error('beforeRestart fault');
    }
  }
  return Leaf;
}

/** Declares a supervisor class with `@Child` properties `c0`, `c1`, … and `@Supervisor`. */
function supervisorClass(
  options: { strategy: SupervisionStrategy; maxRestarts: number; withinMs: number },
  faults: readonly HookFault[],
  children: Array<[ActorClass, ChildOptions]>,
): ActorClass {
  const start = startHook(faults);
  class Sup {
    beforeStart(ctx: Context): void | Promise<void> {
      return start(ctx.path);
    }
    afterRestart(ctx: Context): void | Promise<void> {
      return start(ctx.path);
    }
  }
  children.forEach(([actor, opts], index) => Child(actor, opts)(Sup.prototype, `c${index}`));
  const { strategy, maxRestarts, withinMs } = options;
  Supervisor({ strategy, maxRestarts, withinMs })(Sup);
  return Sup;
}

export interface BuiltTree {
  Root: ActorClass;
  /** Paths of every leaf (an actor, or a group of them), under a root named `app`, in declaration order. */
  leafPaths: string[];
}

/** The classes of `plan`. Leaves record what they handle in `handled`. */
export function buildTree(plan: TreePlan, handled: HandledLog): BuiltTree {
  const leafPaths: string[] = [];
  const children = plan.children.map((child, i): [ActorClass, ChildOptions] => {
    if (child.kind === 'leaf') {
      leafPaths.push(`/app/c${i}`);
      return [leafClass(child, handled), childOptions(child)];
    }
    const leaves = child.children.map((leaf, j): [ActorClass, ChildOptions] => {
      leafPaths.push(`/app/c${i}/c${j}`);
      return [leafClass(leaf, handled), childOptions(leaf)];
    });
    return [supervisorClass(child, child.hookFaults, leaves), childOptions(child)];
  });
  return { Root: supervisorClass(plan, [], children), leafPaths };
}
