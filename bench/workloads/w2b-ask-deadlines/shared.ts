/**
 * W2b: the cost of ask bookkeeping that scales with the number of outstanding asks, each
 * case against its flat baseline in the same run, so that the ratios say whether the cost is
 * close to linear:
 *
 * - expiry: EXPIRING asks that all time out, with a distinct timeout each (1, 2, 3, … ms)
 *   against the same number with one shared timeout;
 * - signal: SIGNALLED concurrent asks that share one AbortSignal and are all answered, against
 *   the same asks with no signal.
 */
export const EXPIRING = 20_000;
export const SIGNALLED = 30_000;

/** The one timeout of the baseline of the expiry case, in virtual ms. */
export const SHARED_TIMEOUT_MS = 1_000;
