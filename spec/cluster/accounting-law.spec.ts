import fc from 'fast-check';
import { killLeftovers } from '../support/harness';
import { LONGEST_BLIP, runAccounting } from './accounting-steps';
import type { Step } from './accounting-steps';
import { HEARTBEAT } from './support';

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('tell' as const), from: fc.nat(2), to: fc.nat(2), relayed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), node: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blip' as const), a: fc.nat(2), b: fc.nat(2), ms: fc.integer({ min: 1, max: LONGEST_BLIP }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 * HEARTBEAT }) }) },
);

describe('the accounting law across a cluster (fast-check, memory transport)', () => {
  afterEach(killLeftovers);

  it('handled + dead-lettered = sent, summed over the nodes, under random crashes and short partitions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => runAccounting(steps)),
      { numRuns: 200 },
    );
  });
});
