import type { Subscription } from 'rxjs';
import type { Envelope } from '../core/envelope';
import type { Running } from './current';

/**
 * - `idle`: created, not started yet; messages queue.
 * - `starting`, `running`.
 * - `suspended`: failed or exited; waits for its supervisor's decision (messages queue).
 * - `halted`: stopped with its queue kept, to be started again.
 * - `dead`: stopped for good; a dead-letter sink.
 */
export type CellStatus = 'idle' | 'starting' | 'running' | 'suspended' | 'halted' | 'dead';

/** What a cell keeps of its current incarnation (see `incarnation.ts`). */
export interface IncarnationState extends Running {
  instance: object | undefined;
  /** The envelope of the message being handled (undefined for a bare tell). */
  current: Envelope | undefined;
  /** True while a handler runs (awaits included). */
  handling: boolean;
  /** Given up on (killed, or a stop ran out of time): what it still does is ignored. */
  abandoned: boolean;
  /** `ctx.stop()` was called: exit after the current message. */
  exitRequested: boolean;
  /** Abandoned, replaced by a newer incarnation, or its actor stopped for good. */
  readonly retired: boolean;
  /** What handlers and hooks receive as `ctx`. */
  readonly context: unknown;
  cancelTimers(): void;
  /** The incarnation was killed: every `ctx.signal` it handed out aborts, and so do later ones. */
  endSignals(): void;
  addTimer(timer: Subscription): void;
}

/** A failure value, boxed so that `undefined` and `null` can be told from "no failure". */
export interface Failure {
  readonly error: unknown;
}
