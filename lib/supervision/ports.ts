import type { SchedulerLike } from 'rxjs';
import type { ChildSettings, SupervisionSettings } from '../metadata';
import type { Logger, SystemEventType } from '../types';

/** A restart waiting out its backoff. */
export interface PendingRestart {
  /** The child stopped for good meanwhile: the wait ends now and its round goes on without it. */
  skip(): void;
  /** The supervisor itself is going down: the round is over. */
  cancel(): void;
}

/** What the supervision engine sees of one child. */
export interface SupervisedChild {
  readonly path: string;
  readonly settings: ChildSettings;
  readonly restarts: number;
  /** Failed or exited, waiting for its supervisor's decision. */
  readonly suspended: boolean;
  /** Stopped for good, or never started: not part of a round. */
  readonly inactive: boolean;
  /** Set by the engine while a restart waits out the backoff. */
  pendingRestart: PendingRestart | undefined;
  /** The incarnation that failed (or exited) goes down: its hook, its timers, its dynamic children. */
  takeDown(afterFailure: boolean): void | Promise<void>;
  /** A new incarnation: `afterRestart` after a failure, `beforeStart` after a normal exit. */
  bringUp(afterFailure: boolean): void | Promise<void>;
  /** Stops and keeps the queue for the next incarnation (a bystander). */
  halt(): Promise<void>;
  /** Starts a fresh incarnation of a halted child. */
  startHalted(): void | Promise<void>;
  /** Stops for good without a restart: the queue becomes dead letters. */
  retire(reason: string): Promise<void>;
}

/** What the engine needs from the supervisor it decides for. */
export interface SupervisingOwner<C extends SupervisedChild> {
  readonly path: string;
  readonly supervision: SupervisionSettings;
  /** Static children in start order. */
  readonly staticChildren: readonly C[];
  /** Stopping, stopped, halted or suspended itself: no more decisions. */
  readonly goingDown: boolean;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void;
  /** Gives up: halts every child (keeping the queues) and fails with `error` towards its own parent. */
  giveUp(error: Error): Promise<void>;
}

/** How a supervisor answers the failures and exits of its children. */
export interface SupervisionEngine<C extends SupervisedChild> {
  onFailure(child: C, error: unknown): void;
  onExit(child: C): void;
  forget(child: C): void;
}
