import type { GroupRef } from '../types';
import type { Cell } from './cell';
import type { Incarnation } from './incarnation';

/**
 * What a supervisor cell needs from one of its groups (`redundancy`). The group itself
 * (routing, resizing) lives in `dispatch/`; the cell only sees its members as children.
 */
export interface GroupSlot {
  readonly path: string;
  readonly ref: GroupRef;
  /** Every member, in index order, including members stopped for good (holes keep paths stable). */
  readonly members: readonly Cell[];
  /** Back to the declared `redundancy`, as a restarted supervisor rebuilds it. */
  rebuild(): void;
  /** A member started, stopped or came back. */
  changed(): void;
  /** The supervisor's incarnation is running: start the resizer on its timers. */
  supervisorRunning(incarnation: Incarnation): void;
  /** The supervisor stopped for good. */
  dispose(): void;
}
