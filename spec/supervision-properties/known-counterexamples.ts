/**
 * Minimal counterexamples that fast-check found for the shutdown laws, pinned as explicit
 * examples of the properties so that they run first, every time (regressions once fixed).
 * Each is `[tree plan, sender loops, shutdown inside the n-th lifecycle event]`.
 */
import type { LeafPlan, SupervisorPlan, TreePlan } from './random-tree';
import type { Send } from './traffic';

export type ShutdownExample = [TreePlan, Send[][], number];

const leaf: LeafPlan = { kind: 'leaf', restart: 'permanent', tries: undefined, backoffStepMs: 0, hookFaults: [], beforeRestartThrows: false };

/**
 * One leaf. Loop 0 tells a failing job; loop 1 tells a job whose handler calls `ctx.stop()`,
 * then a plain job. `shutdown()` is called inside the 2nd event (`restarted /app/c0`). The exit
 * during the graceful drain leaves the leaf suspended with a job queued: the stop waits out its
 * 5000 ms `shutdownTimeoutMs`, and the queued job becomes a dead letter 'stopped'.
 * (Fixed in bcc1ca3.)
 */
export const exitDuringShutdown: ShutdownExample = [
  { strategy: 'one-for-one', maxRestarts: Infinity, withinMs: 5, children: [leaf] },
  [
    [{ leaf: 0, via: 'tell', behaviour: 'throw', pause: 'none' }],
    [
      { leaf: 0, via: 'tell', behaviour: 'exit', pause: 'none' },
      { leaf: 0, via: 'tell', behaviour: 'ok', pause: 'advance' },
    ],
  ],
  2,
];

const pipeline: SupervisorPlan = {
  kind: 'supervisor', restart: 'permanent', tries: undefined, backoffStepMs: 0, hookFaults: [],
  strategy: 'one-for-one', maxRestarts: 0, withinMs: 5, children: [leaf, leaf],
};

/**
 * `/app/c0` (maxRestarts 0) has two leaves. `/app/c0/c0` fails, `/app/c0` gives up and the root
 * restarts it. `shutdown()` is called inside the 4th event (`restarted /app/c0/c0`), in the middle
 * of that subtree restart. The round then restarts `/app/c0/c1` although shutdown had stopped it
 * for good: after shutdown() resolved, lookup('/app/c0/c1') still finds it and it handles messages.
 * (Fixed in bcc1ca3.)
 */
export const shutdownDuringSubtreeRestart: ShutdownExample = [
  { strategy: 'one-for-one', maxRestarts: 3, withinMs: 5, children: [pipeline] },
  [[{ leaf: 0, via: 'tell', behaviour: 'throw', pause: 'advance' }], []],
  4,
];

const restForOne: SupervisorPlan = { ...pipeline, strategy: 'rest-for-one', maxRestarts: Infinity };

/**
 * `/app/c0` (rest-for-one) has two leaves. Loop 0 tells `/app/c0/c1` an async job; loop 1 tells
 * `/app/c0/c0` a failing job, then `/app/c0/c1` a plain job. The round halts the bystander
 * `/app/c0/c1` (mailbox suspended, waiting for its in-flight async job), and `shutdown()` comes
 * while it does (after the traffic: fewer than 2 lifecycle events by then). The graceful stop of
 * `/app/c0/c1` then waits for a drain that never starts: shutdown takes the full 5000 ms
 * `shutdownTimeoutMs`, the queued plain job becomes a dead letter 'stopped' instead of being
 * handled, and `/app/c0/c0` is killed (no `afterStop`).
 */
export const shutdownDuringBystanderHalt: ShutdownExample = [
  { strategy: 'one-for-one', maxRestarts: Infinity, withinMs: 5, children: [restForOne] },
  [
    [{ leaf: 1, via: 'tell', behaviour: 'ok-async', pause: 'none' }],
    [
      { leaf: 0, via: 'tell', behaviour: 'throw', pause: 'none' },
      { leaf: 3, via: 'tell', behaviour: 'ok', pause: 'none' },
    ],
  ],
  2,
];
