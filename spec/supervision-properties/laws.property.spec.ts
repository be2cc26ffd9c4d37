/**
 * The laws of supervision, on random trees with random failures (DESIGN.md, Principles 1–3
 * and "Supervision (normative semantics)"):
 * - handled + dead-lettered = sent: each message is handled once or dead-lettered once;
 * - the handled messages arrive in send order per (sender, recipient), across restarts;
 * - a graceful shutdown, even one that lands in the middle of a restart, drains without waiting
 *   out a shutdownTimeoutMs, and leaves nothing alive.
 *
 * Failures: handlers that throw or reject, normal exits (`ctx.stop()`), start hooks that throw
 * or reject on restart, throwing `beforeRestart`; under every strategy and restart policy.
 * Interventions from outside at random moments: `ref.stop()`, `ref.kill()` and group
 * `resize()` (leaves are single actors or groups), and a `shutdown()` inside any event.
 * Several outside sender loops tell and ask concurrently. Time is virtual.
 */
import fc from 'fast-check';
import { exitDuringShutdown, shutdownDuringBystanderHalt, shutdownDuringSubtreeRestart } from './known-counterexamples';
import { expectAccounted, expectNothingAlive, expectPromptShutdown, expectSendOrder } from './laws';
import { treePlan } from './random-tree';
import { runTraffic, senders } from './traffic';

describe('supervision laws (property)', () => {
  it('without escalation (maxRestarts: Infinity): every message is accounted for once, and handled in send order', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(treePlan(false), senders, async (plan, loops) => {
        const record = await runTraffic(plan, loops);
        expectAccounted(record);
        expectSendOrder(record);
      }),
      { numRuns: 200 },
    );
  });

  it('with escalation (finite maxRestarts, the root may give up): every message is accounted for once', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(treePlan(true), senders, async (plan, loops) => {
        const record = await runTraffic(plan, loops);
        expectAccounted(record);
      }),
      { numRuns: 200 },
    );
  });

  const shutdownRun = fc.tuple(
    fc.boolean().chain((escalation) => treePlan(escalation)),
    senders,
    fc.integer({ min: 1, max: 12 }),
  );

  it('a shutdown at a random moment (inside any lifecycle event, restarts included) drains without waiting out shutdownTimeoutMs', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(shutdownRun, async ([tree, loops, afterEvents]) => {
        const record = await runTraffic(tree, loops, { kind: 'shutdown', afterEvents });
        expectAccounted(record);
        expectPromptShutdown(record);
      }),
      { numRuns: 200, examples: [[exitDuringShutdown], [shutdownDuringBystanderHalt]] },
    );
  });

  it('a shutdown at a random moment (inside any lifecycle event, restarts included) leaves no actor alive', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(shutdownRun, async ([tree, loops, afterEvents]) => {
        const record = await runTraffic(tree, loops, { kind: 'shutdown', afterEvents });
        expectNothingAlive(record);
        expectAccounted(record);
      }),
      { numRuns: 200, examples: [[shutdownDuringSubtreeRestart]] },
    );
  });
});
