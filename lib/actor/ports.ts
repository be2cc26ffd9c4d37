import type { SchedulerLike } from 'rxjs';
import type { ProcessRegistry } from '../core/registry';
import type { GroupMember, GroupSlot } from '../dispatch/ports';
import type { ActorDefinition, ChildDefinition, ChildSettings, DefinitionBuilder } from '../metadata';
import type { SupervisedChild, SupervisionEngine } from '../supervision/ports';
import type { ActorClass, Logger, SpawnOptions, SystemEventType } from '../types';

/**
 * What the actors of one system share, built by `system/` (the composition root). `C` is
 * the cell type: the ports are generic so that this module does not import the cell.
 */
export interface Runtime<C> {
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly definitions: DefinitionBuilder;
  readonly registry: ProcessRegistry;
  /** The public `ActorSystem`, as `ctx.system` shows it. */
  readonly system: object;
  /**
   * The system has terminated (or is shutting down for good): it starts nothing any more.
   * A plain field that `system/` sets, since every start and spawn reads it.
   */
  terminated: boolean;
  readonly lifecycle: Lifecycle<C>;
  /** Publishes a lifecycle event. */
  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void;
  /** The supervision engine of one incarnation of a supervisor. */
  supervise(owner: C): SupervisionEngine<C & SupervisedChild>;
  /** A new cell for a child (not started): on this thread, or on a worker thread for `thread: true`. */
  createCell(parent: C, path: string, definition: ActorDefinition, settings: ChildSettings): C;
  /** The group of a `@Child` with `redundancy`, members included (not started). */
  createGroup(supervisor: C, child: ChildDefinition): GroupSlot<C & GroupMember>;
}

/** What a cell asks of its supervisor (a supervisor cell, or the system's guardian). */
export interface Parent<C> {
  /** `child` failed and is suspended until the parent decides. */
  childFailed(child: C, error: unknown): void;
  /** `child`, a supervisor, gave up (`EscalationError`): a failure of the child, for its parent. */
  childGaveUp(child: C, error: unknown): void;
  /** `child` exited normally (`ctx.stop()`) and is suspended until the parent decides. */
  childExited(child: C): void;
  /** `child` stopped for good. */
  childTerminated(child: C): void;
}

/** How cells start and stop (starting.ts, stopping.ts), reached through the runtime. */
export interface Lifecycle<C> {
  stopForGood(cell: C): Promise<void>;
  kill(cell: C): void;
  takeDown(cell: C, afterFailure: boolean): void | Promise<void>;
  bringUp(cell: C, afterFailure: boolean): void | Promise<void>;
  halt(cell: C): Promise<void>;
  startHalted(cell: C): void | Promise<void>;
  retire(cell: C, reason: string): Promise<void>;
  giveUp(cell: C, error: Error): Promise<void>;
  /** Starts a stopped group member (or a new one) at run time. */
  startMember(cell: C): void | Promise<void>;
  /** The bookkeeping of a stop for good, at once. */
  terminate(cell: C, reason: string): void;
  spawn(parent: C, actor: ActorClass, options: SpawnOptions | undefined): C;
}
