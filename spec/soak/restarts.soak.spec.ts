/**
 * Soak: 100,000 restarts of one actor leave the heap bounded (issue 3; DESIGN.md Principle 6,
 * "Cheap", and "Supervision": a restart cancels the incarnation's timers and keeps only the
 * ref and the mailbox). The measurement needs `global.gc`, so it runs in its own Node process
 * (restart-heap.script.ts) on the default, real scheduler: it measures memory, not time.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'chai';

interface SoakResult {
  failed: number;
  restarted: number;
  deadLettersFailed: number;
  otherDeadLetters: number;
  heap: Record<string, number>;
  growthBytes: number;
  workerRestarts: number;
  mailboxSize: number;
  activeResources: Record<string, number>;
  activeResourcesAfterShutdown: Record<string, number>;
  elapsedMs: number;
}

const MB = 1024 * 1024;
const repoRoot = path.resolve(__dirname, '../..');

function runSoakScript(): SoakResult {
  const script = path.join(__dirname, 'restart-heap.script.ts');
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 25_000,
  });
  expect(run.error, 'the soak script could be run').to.equal(undefined);
  expect(run.status, `soak script exit status; stderr:\n${run.stderr}`).to.equal(0);
  const lastLine = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as SoakResult;
}

describe('soak: 100,000 restarts of one actor', function () {
  this.timeout(30_000);
  let result: SoakResult;

  before(() => {
    result = runSoakScript();
  });

  it('fails and restarts 100,000 times, each failing message a dead letter "failed"', () => {
    expect(result.failed, "'failed' events").to.equal(100_000);
    expect(result.restarted, "'restarted' events").to.equal(100_000);
    expect(result.deadLettersFailed, "dead letters 'failed'").to.equal(100_000);
    expect(result.otherDeadLetters, 'dead letters with another reason').to.equal(0);
    expect(result.workerRestarts, 'tree().restarts of the worker').to.equal(100_000);
    expect(result.mailboxSize, 'messages left queued').to.equal(0);
  });

  it('keeps the heap bounded: less than 2 MB of growth between 10,000 and 100,000 restarts', () => {
    const trend = Object.entries(result.heap).map(([n, bytes]) => `${n}: ${(bytes / MB).toFixed(2)} MB`).join(', ');
    expect(result.growthBytes, `heap growth (heapUsed after gc at ${trend})`).to.be.below(2 * MB);
  });

  it("cancels every old incarnation's timer: only the live incarnation's one is pending, and none after shutdown", () => {
    expect(result.activeResources.Timeout ?? 0, 'active timeouts while running').to.equal(1);
    expect(result.activeResources.Immediate ?? 0, 'active immediates while running').to.equal(0);
    expect(result.activeResourcesAfterShutdown.Timeout ?? 0, 'active timeouts after shutdown').to.equal(0);
    expect(result.activeResourcesAfterShutdown.Immediate ?? 0, 'active immediates after shutdown').to.equal(0);
  });
});
