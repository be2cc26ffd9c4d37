import type { SchedulerLike } from 'rxjs';
import type { ChildDefinition, DefinitionBuilder } from '../metadata';
import type { DeadLetterReason, Logger, SystemEventType } from '../types';
import type { AskDeadlines } from './ask-deadlines';
import type { Cell } from './cell';
import type { GroupSlot } from './group-slot';

/** What the actors of one system share: time, reporting, the registry. Built by `system/`. */
export interface Runtime {
  readonly scheduler: SchedulerLike;
  readonly askTimeoutMs: number;
  /** Every ask's timeout, on one scheduler action. */
  readonly askDeadlines: AskDeadlines;
  readonly logger: Logger;
  readonly definitions: DefinitionBuilder;
  /** The public `ActorSystem`, as `ctx.system` shows it. */
  readonly system: object;
  /** Publishes a dead letter (and its `dead-letter` event). */
  deadLetter(message: unknown, reason: DeadLetterReason, path: string): void;
  /** Publishes a lifecycle event. */
  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void;
  register(cell: Cell): void;
  /** Creates the group of a `@Child` with `redundancy`, members included. */
  createGroup(supervisor: Cell, child: ChildDefinition): GroupSlot;
  registerGroup(group: GroupSlot): void;
  unregisterGroup(group: GroupSlot): void;
  /** The live cell registered at `path`, if any. */
  cellAt(path: string): Cell | undefined;
  unregister(cell: Cell): void;
}

/** What a cell asks of its supervisor (a supervisor cell, or the system's guardian). */
export interface Parent {
  /** `child` failed and is suspended until the parent decides. */
  childFailed(child: Cell, error: unknown): void;
  /** `child`, a supervisor, gave up (`EscalationError`): a failure of the child, for its parent. */
  childGaveUp(child: Cell, error: unknown): void;
  /** `child` exited normally (`ctx.stop()`) and is suspended until the parent decides. */
  childExited(child: Cell): void;
  /** `child` stopped for good. */
  childTerminated(child: Cell): void;
}
