import { ActorStoppedError } from '../errors';
import type { Cell } from './cell';
import { guardedHook } from './hooks';
import { within } from './time';

/**
 * How a cell stops. Three modes decide what happens to the queue: graceful drains it
 * (`stopForGood`), halt keeps it for the next incarnation (`halt`), and final turns it into
 * dead letters (`kill`, and whatever is left when a cell terminates).
 */

/** Stops every child: dynamic ones for good, static ones halted (they come back with the parent). */
export function stopChildren(cell: Cell): void | Promise<void> {
  const children = cell.children();
  if (children.length === 0) return;
  const statics = new Set(cell.staticChildren);
  return (async () => {
    for (const child of children.reverse()) {
      if (statics.has(child)) await halt(child);
      else await stopForGood(child);
    }
  })();
}

/** Stops a cell and keeps its queue for its next incarnation (restarts, bystanders). */
export async function halt(cell: Cell): Promise<void> {
  if (cell.status === 'dead' || cell.status === 'halted') return;
  cancelRestart(cell);
  cell.mailbox.suspend();
  if (cell.inFlight !== undefined) {
    const settled = await within(cell.inFlight, cell.settings.shutdownTimeoutMs, cell.runtime.scheduler);
    if (!settled) abandon(cell);
  }
  if (cell.closing) {
    // A graceful stop came in meanwhile and takes over: it drains the queue, then stops.
    if (cell.status === 'running' && !cell.incarnation?.abandoned) cell.mailbox.resume();
    return;
  }
  await stopChildren(cell);
  const incarnation = cell.incarnation;
  if (incarnation !== undefined && !incarnation.abandoned) {
    await guardedHook(cell, incarnation, 'afterStop');
    incarnation.cancelTimers();
  }
  cell.status = 'halted';
}

/** Graceful stop for good: the queued messages are handled first, then `afterStop`. */
export function stopForGood(cell: Cell): Promise<void> {
  if (cell.status === 'dead') return Promise.resolve();
  return (cell.stopping ??= stopGracefully(cell));
}

async function stopGracefully(cell: Cell): Promise<void> {
  close(cell);
  const inTime = await within(drainAndStop(cell), cell.settings.shutdownTimeoutMs, cell.runtime.scheduler);
  if (!inTime) {
    for (const child of cell.children().reverse()) kill(child);
    abandon(cell);
  }
  terminate(cell, 'stopped');
}

async function drainAndStop(cell: Cell): Promise<void> {
  if (cell.status === 'running' && (cell.mailbox.size > 0 || cell.mailbox.busy)) {
    await new Promise<void>((resolve) => (cell.idleWaiter = resolve));
  }
  cell.mailbox.suspend();
  for (const child of cell.children().reverse()) await stopForGood(child);
  await lastAfterStop(cell);
}

/** Immediate stop for good: no `afterStop`; the queue and later messages become dead letters. */
export function kill(cell: Cell): void {
  if (cell.status === 'dead') return;
  close(cell);
  for (const child of cell.children().reverse()) kill(child);
  abandon(cell);
  terminate(cell, 'killed');
}

/** Gives up on the running incarnation: its in-flight ask fails now, and what it does later is ignored. */
function abandon(cell: Cell): void {
  const incarnation = cell.incarnation;
  cell.mailbox.suspend();
  cell.mailbox.abandonInFlight();
  cell.inFlight = undefined;
  if (incarnation !== undefined && !incarnation.abandoned) {
    incarnation.abandoned = true;
    incarnation.cancelTimers();
    const ask = incarnation.current?.ask;
    if (ask !== undefined && !ask.settled) {
      ask.reject(new ActorStoppedError(`${cell.path} was stopped before it replied.`));
    }
    incarnation.current = undefined;
    incarnation.handling = false;
  }
  cell.idle();
}

/** The bookkeeping of a cell that stopped for good. */
export function terminate(cell: Cell, reason: string): void {
  if (cell.status === 'dead') return;
  cell.status = 'dead';
  cancelRestart(cell);
  cell.incarnation?.cancelTimers();
  cell.mailbox.suspend();
  for (const envelope of cell.mailbox.takeAll()) cell.deadLetter(envelope, 'stopped');
  cell.runtime.unregister(cell);
  for (const group of cell.groups()) group.dispose();
  cell.group?.changed();
  cell.runtime.emit('stopped', cell.path, { reason });
  cell.notifyWatchers();
  cell.parent.childTerminated(cell);
}

/** Stops a child for good without restarting it: its queue becomes dead letters. */
export async function retire(cell: Cell, reason: string): Promise<void> {
  if (cell.status === 'dead') return;
  close(cell);
  cell.mailbox.suspend();
  for (const child of cell.children().reverse()) await stopForGood(child);
  await lastAfterStop(cell);
  terminate(cell, reason);
}

/** The cell is going for good: no new message, no restart, out of its group's rotation. */
function close(cell: Cell): void {
  cell.closing = true;
  cell.group?.changed();
  cancelRestart(cell);
}

function cancelRestart(cell: Cell): void {
  cell.pendingRestart?.unsubscribe();
  cell.pendingRestart = undefined;
}

/** `afterStop` of the current incarnation, unless it never started, was abandoned or already stopped (halted). */
function lastAfterStop(cell: Cell): void | Promise<void> {
  const incarnation = cell.incarnation;
  if (incarnation === undefined || incarnation.abandoned || cell.status === 'idle' || cell.status === 'halted') return;
  return guardedHook(cell, incarnation, 'afterStop');
}
