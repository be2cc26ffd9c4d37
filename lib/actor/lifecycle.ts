import type { Cell } from './cell';
import type { Lifecycle } from './ports';
import { spawnChild } from './spawn';
import { bringUp, startHalted, startMember, takeDown } from './starting';
import { halt, kill, retire, stopChildrenForEscalation, stopForGood, terminate } from './stopping';

/** The cells' lifecycle, as the runtime hands it to them (and through them to supervision and groups). */
export const cellLifecycle: Lifecycle<Cell> = {
  stopForGood,
  kill,
  takeDown,
  bringUp,
  halt,
  startHalted,
  retire,
  giveUp,
  startMember,
  terminate,
  spawn: spawnChild,
};

/**
 * A supervisor that gives up: it stops handing out messages, halts every child (each
 * bounded by its own `shutdownTimeoutMs`, queues kept), and fails with `error` towards its
 * own parent, which decides by its own policy (escalation).
 */
async function giveUp(owner: Cell, error: Error): Promise<void> {
  owner.mailbox.suspend();
  owner.status = 'suspended';
  await stopChildrenForEscalation(owner);
  if (owner.status !== 'suspended' || owner.closing) return;
  owner.lastFailure = { error, message: undefined };
  owner.runtime.emit('failed', owner.path, { error });
  owner.parent.childGaveUp(owner, error);
}
