/**
 * The laws checked on a run of outside traffic (see traffic.ts), from DESIGN.md:
 * - Principle 3: "Every message that is told or asked is handled, or it is published on
 *   deadLetters$ with a reason […] handled + dead-lettered = sent."
 * - Principles 1 and 2: messages are handled in the order the mailbox received them, and
 *   "Messages queued behind a failing message go to the next incarnation, in order."
 * - system.shutdown() is graceful: "Each child stops like ref.stop(): its queued messages are
 *   handled, then afterStop runs"; and every child stops for good: "A child stopped for good
 *   leaves tree(), and lookup() no longer finds it. […] a tell is a dead letter stopped".
 */
import { expect } from 'chai';
import { ActorStoppedError } from '../../lib';
import { Job } from './random-tree';
import type { RunRecord } from './traffic';

/** Asserts that `list` is empty; the message shows the whole list (chai would truncate it). */
function expectNone(list: unknown[], label: string): void {
  expect(list, `${label}: ${JSON.stringify(list)}`).to.be.empty;
}

/** Law 1: every job is handled once or dead-lettered once, never both, never neither; asks agree. */
export function expectAccounted(record: RunRecord): void {
  const strays = record.deadLetters.filter((letter) => !(letter.message instanceof Job));
  expectNone(strays.map((l) => [l.reason, l.path, l.message]), 'dead letters that are not jobs');
  const handled = new Map<number, number>();
  const handledAt = new Map<number, string>();
  for (const { job, path } of record.handled) {
    handled.set(job.id, (handled.get(job.id) ?? 0) + 1);
    handledAt.set(job.id, path);
  }
  const dead = new Map<number, string[]>();
  for (const letter of record.deadLetters) {
    const id = (letter.message as Job).id;
    dead.set(id, [...(dead.get(id) ?? []), letter.reason]);
  }
  const wrong = record.sent
    .filter((job) => (handled.get(job.id) ?? 0) + (dead.get(job.id)?.length ?? 0) !== 1)
    .map((job) => ({ id: job.id, to: record.targets.get(job.id), behaviour: job.behaviour, handled: handled.get(job.id) ?? 0, dead: dead.get(job.id) ?? [] }));
  expectNone(wrong, 'jobs not accounted for exactly once (handled + dead-lettered = sent)');
  const sentIds = new Set(record.sent.map((job) => job.id));
  const unknown = [
    ...record.handled.filter(({ job }) => !sentIds.has(job.id)).map(({ job, path }) => `handled job ${job.id} at ${path}`),
    ...record.deadLetters
      .filter((letter) => !sentIds.has((letter.message as Job).id))
      .map((letter) => `dead letter '${letter.reason}' of job ${(letter.message as Job).id} at ${letter.path}`),
  ];
  expectNone(unknown, 'handled or dead-lettered jobs that were never sent');
  expect(record.handled.length + record.deadLetters.length, 'handled + dead-lettered').to.equal(record.sent.length);
  const reached = (target: string | undefined, path: string) => target === path || path.startsWith(`${target}/`);
  const misrouted = record.handled.filter(({ job, path }) => !reached(record.targets.get(job.id), path));
  expectNone(misrouted.map(({ job, path }) => [job.id, path]), 'jobs handled by another actor than their recipient');

  const failing = record.sent.filter((job) => job.behaviour === 'throw' || job.behaviour === 'reject');
  for (const job of failing) expect(dead.get(job.id)?.[0], `job ${job.id} (${job.behaviour})`).to.be.oneOf(['failed', 'stopped']);
  for (const [id, outcome] of record.asks) {
    expect(outcome.settled, `ask of job ${id} settled`).to.equal(true);
    // DESIGN: a kill "rejects the in-flight ask at once with ActorStoppedError", even though its handler goes on.
    const killedInFlight = outcome.error instanceof ActorStoppedError && [...record.killed].some((path) => handledAt.get(id) === path);
    if (handled.has(id) && !killedInFlight) expect(outcome.value, `reply to job ${id}`).to.equal(id);
    else expect(outcome.error, `ask of dead-lettered job ${id} rejects`).to.be.instanceOf(Error);
  }
}

/** Law 2: per (sender, recipient), the handled jobs arrive in send order. */
export function expectSendOrder(record: RunRecord): void {
  const seen = new Map<string, number[]>();
  for (const { job, path } of record.handled) {
    const key = `sender ${job.sender} -> ${path}`;
    seen.set(key, [...(seen.get(key) ?? []), job.seq]);
  }
  for (const [key, seqs] of seen) {
    const sorted = [...seqs].sort((a, b) => a - b);
    expect(seqs, `handling order of ${key}`).to.deep.equal(sorted);
  }
}

/**
 * Law 3: `shutdown()` resolves without waiting out a `shutdownTimeoutMs`. The bound is for
 * handlers that never settle; here every handler and hook settles at once, so a graceful stop
 * only has to drain ("Graceful drains the queue (ref.stop, shutdown)").
 */
export function expectPromptShutdown(record: RunRecord): void {
  const after = record.afterShutdown;
  expect(after, 'the run ended with a shutdown').to.not.equal(undefined);
  expect(after!.resolved, 'shutdown() resolved').to.equal(true);
  expect(after!.tookMs, 'virtual ms that shutdown() took, while every handler and hook settles at once').to.be.below(5000);
}

/** Law 4: once `shutdown()` has resolved, no actor of the tree is found or alive. */
export function expectNothingAlive(record: RunRecord): void {
  const after = record.afterShutdown;
  expect(after, 'the run ended with a shutdown').to.not.equal(undefined);
  expectNone(after!.found, 'leaves that lookup() still finds after shutdown');
  expectNone(after!.alive, "leaves whose tell after shutdown is not a dead letter 'stopped'");
}
