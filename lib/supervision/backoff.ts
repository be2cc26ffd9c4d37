import { ConfigurationError, describeValue } from '../errors';

/** Options shared by every backoff. */
export interface BackoffResetOptions {
  /** After the actor has run this long without failing, the next delay starts over. Default: `maxMs` (0 for `immediate`). */
  resetAfterMs?: number;
}

/** `Backoff.linear`: the k-th consecutive restart waits `min(k * stepMs, maxMs)`. */
export interface LinearBackoffOptions extends BackoffResetOptions {
  /** Added to the delay by each consecutive restart, in ms. */
  stepMs: number;
  /** The longest delay, in ms. */
  maxMs: number;
}

/**
 * `Backoff.exponential`: the k-th consecutive restart waits
 * `min(initialMs * factor^(k-1), maxMs)`, multiplied by `1 + random * jitter`.
 */
export interface ExponentialBackoffOptions extends BackoffResetOptions {
  /** The delay before the first restart, in ms. */
  initialMs: number;
  /** Default 2. */
  factor?: number;
  /** The longest delay, in ms (before jitter). */
  maxMs: number;
  /** Fraction in [0, 1]. Default 0 (exact delays). */
  jitter?: number;
}

type DelayOf = (k: number) => number;

/**
 * Delay policy for restarts. Messages keep queueing during the delay, and the delay never
 * blocks the supervisor's other children.
 *
 * @example
 * \@Child(Flaky, { backoff: Backoff.exponential({ initialMs: 100, maxMs: 10_000, jitter: 0.2 }) })
 */
export class Backoff {
  private constructor(
    private readonly delayOf: DelayOf,
    private readonly jitter: number,
    /** @internal After this long without failing, the consecutive-restart count starts over. */
    readonly resetAfterMs: number,
  ) {}

  /** Restart at once (the default). */
  static immediate(options: BackoffResetOptions = {}): Backoff {
    checkKeys('immediate', options, ['resetAfterMs']);
    return new Backoff(() => 0, 0, nonNegative('immediate', 'resetAfterMs', options.resetAfterMs ?? 0));
  }

  /** The k-th consecutive restart waits `min(k * stepMs, maxMs)`. */
  static linear(options: LinearBackoffOptions): Backoff {
    checkKeys('linear', options, ['stepMs', 'maxMs', 'resetAfterMs']);
    const stepMs = nonNegative('linear', 'stepMs', options.stepMs);
    const maxMs = nonNegative('linear', 'maxMs', options.maxMs);
    const resetAfterMs = nonNegative('linear', 'resetAfterMs', options.resetAfterMs ?? maxMs);
    return new Backoff((k) => Math.min(k * stepMs, maxMs), 0, resetAfterMs);
  }

  /** The k-th consecutive restart waits `min(initialMs * factor^(k-1), maxMs)`, then jitter. */
  static exponential(options: ExponentialBackoffOptions): Backoff {
    checkKeys('exponential', options, ['initialMs', 'factor', 'maxMs', 'jitter', 'resetAfterMs']);
    const initialMs = nonNegative('exponential', 'initialMs', options.initialMs);
    const factor = options.factor ?? 2;
    if (!(factor >= 1) || !Number.isFinite(factor)) {
      throw new ConfigurationError(`Backoff.exponential: factor must be a finite number >= 1, got ${describeValue(factor)}.`);
    }
    const maxMs = nonNegative('exponential', 'maxMs', options.maxMs);
    const jitter = options.jitter ?? 0;
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new ConfigurationError(`Backoff.exponential: jitter must be a fraction in [0, 1], got ${describeValue(jitter)}.`);
    }
    const resetAfterMs = nonNegative('exponential', 'resetAfterMs', options.resetAfterMs ?? maxMs);
    return new Backoff((k) => Math.min(initialMs * factor ** (k - 1), maxMs), jitter, resetAfterMs);
  }

  /** @internal The delay before the k-th consecutive restart (k >= 1). */
  delayFor(k: number, random: () => number = Math.random): number {
    const capped = this.delayOf(k);
    return this.jitter === 0 ? capped : capped * (1 + random() * this.jitter);
  }
}

function nonNegative(kind: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new ConfigurationError(`Backoff.${kind}: ${key} must be a number >= 0, got ${describeValue(value)}.`);
  }
  return value;
}

function checkKeys(kind: string, options: object, allowed: readonly string[]): void {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`Backoff.${kind} expects an options object, got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ConfigurationError(
        `Backoff.${kind}: unknown option '${key}'. Allowed options: ${allowed.join(', ')}.`,
      );
    }
  }
}
