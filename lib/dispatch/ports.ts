import type { SchedulerLike, Subscription } from 'rxjs';
import type { ProcessRegistry } from '../core/registry';
import type { ActorRef, Logger, SystemEventType } from '../types';
import type { GroupAddressRef } from '../core/ref';

/** What a group sees of one member. */
export interface GroupMember {
  readonly path: string;
  readonly ref: ActorRef;
  /** Stopped for good, or stopping for good: out of the rotation. */
  readonly terminated: boolean;
  /** Stopped for good (a hole that a grow can fill again). */
  readonly dead: boolean;
  /** Queued messages, not counting the one in flight. */
  readonly queued: number;
  /** A message is in flight. */
  readonly busy: boolean;
  /** The group it belongs to, told when the member starts, stops or comes back. */
  group: { changed(): void } | undefined;
  post(letter: unknown): void;
  /** Starts it (again, for a hole) as a member added at run time. */
  start(): void | Promise<void>;
  /** Graceful stop for good. */
  stop(): Promise<void>;
  /** Immediate stop for good. */
  kill(): void;
  /** Stops for good at once, as a rebuilt supervisor drops members beyond the declared size. */
  discard(reason: string): void;
}

/** What a group needs from the supervisor that hosts it and from its system. */
export interface GroupHost<M extends GroupMember> {
  readonly registry: ProcessRegistry;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** False once the supervisor (or the system) is going down: a group then starts no member. */
  readonly accepting: boolean;
  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void;
  /** A new member cell at `path` (not started). */
  newMember(path: string): M;
}

/** What a supervisor sees of one of its groups. */
export interface GroupSlot<M extends GroupMember> {
  readonly path: string;
  readonly ref: GroupAddressRef;
  /** Every member, in index order, including members stopped for good (holes keep paths stable). */
  readonly members: readonly M[];
  /** Back to the declared `redundancy`, as a restarted supervisor rebuilds it. */
  rebuild(): void;
  /** A member started, stopped or came back. */
  changed(): void;
  /** The supervisor's incarnation is running: the resizer starts on its timers. */
  supervisorRunning(timers: { addTimer(timer: Subscription): void }): void;
  /** The supervisor stopped for good. */
  dispose(): void;
}
