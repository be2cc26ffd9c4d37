import type { Observable } from 'rxjs';
import type { SystemEvent, TreeNode } from '../types';

/**
 * One delivery as the inspector reads it from `system.inspect()`: only the fields it needs,
 * so this folder does not depend on where the inspection stream is built.
 */
export interface InspectedDelivery {
  readonly type: 'message';
  /** The recipient's address (a path, or `rampart://node/path`). */
  readonly to: string;
  readonly outcome: 'handled' | 'failed' | 'dead-letter';
}

/**
 * What `serveInspector` needs of a system; an `ActorSystem` fits. A port, so inspector/
 * does not import system/ (which may build its inspection stream from this folder).
 */
export interface InspectedSystem {
  /** The local node's name, `local` without a cluster. */
  readonly node: string;
  /** The system's lifecycle events. */
  readonly events$: Observable<SystemEvent>;
  /** Resolves after `shutdown` or `kill` (rejects with `EscalationError` when the root gives up). */
  readonly whenTerminated: Promise<void>;
  /** A snapshot of the supervision tree. */
  tree(): TreeNode;
  /** The live nodes of the cluster, this one included, sorted (`['local']` without a cluster). */
  nodes(): string[];
  /** Deliveries and events; only its `'message'` events are read. Optional: without it, no message rates. */
  inspect?(options?: { sample?: number }): Observable<InspectedDelivery | SystemEvent>;
}
