import { logSafely } from '../core/log';
import { ActorStoppedError } from '../errors';
import type { Cell } from './cell';
import type { IncarnationState } from './incarnation-state';
import { guardedHook } from './hooks';
import { within } from './time';

/**
 * How a cell stops. Three modes decide what happens to the queue: graceful drains it
 * (`stopForGood`), halt keeps it for the next incarnation (`halt`), and final turns it into
 * dead letters (`kill`, and whatever is left when a cell terminates). Every stop is bounded:
 * what a cell does itself (its handler in flight, its hooks) by its `shutdownTimeoutMs`, and
 * a graceful stop as a whole too; the root, whose whole stop has no bound of its own (each
 * child has one), bounds its own part by `DEFAULT_OWN_BOUND_MS`.
 */

/** The bound on an actor's own part of a stop when its whole stop has none (the root). */
const DEFAULT_OWN_BOUND_MS = 5000;

function ownBound(cell: Cell): number {
  const whole = cell.settings.shutdownTimeoutMs;
  return Number.isFinite(whole) ? whole : DEFAULT_OWN_BOUND_MS;
}

/**
 * Runs a stop or restart hook, bounded by the cell's own bound: a hook that never settles
 * abandons its incarnation (what it does later is ignored) and the stop goes on.
 */
export function boundedHook(cell: Cell, incarnation: IncarnationState, hook: 'afterStop' | 'beforeRestart', ...args: unknown[]): void | Promise<void> {
  const pending = guardedHook(cell, incarnation, hook, ...args);
  if (pending === undefined) return;
  return within(pending, ownBound(cell), cell.runtime.scheduler).then((inTime) => {
    if (!inTime) {
      logSafely(cell.runtime.logger, 'warn', `rampart: ${hook} of ${cell.path} did not settle within ${ownBound(cell)} ms; going on without it.`);
      incarnation.abandoned = true;
    }
  });
}

/** Dynamic children spawned by a stop hook itself (after the children were stopped): they go too. */
export async function stopLateChildren(cell: Cell): Promise<void> {
  if (cell.dynamicChildren === undefined) return;
  for (const child of [...cell.dynamicChildren].reverse()) await stopForGood(child);
}

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

/** Every child halted, in reverse start order, as a supervisor that gives up does. */
export async function stopChildrenForEscalation(cell: Cell): Promise<void> {
  for (const child of cell.children().reverse()) await halt(child);
}

/** Stops a cell and keeps its queue for its next incarnation (restarts, bystanders, escalation). */
export async function halt(cell: Cell): Promise<void> {
  if (cell.status === 'dead' || cell.status === 'halted') return;
  cell.pendingRestart?.cancel();
  cell.pendingRestart = undefined;
  cell.mailbox.suspend();
  if (cell.inFlight !== undefined) {
    const settled = await within(cell.inFlight, ownBound(cell), cell.runtime.scheduler);
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
    await boundedHook(cell, incarnation, 'afterStop');
    incarnation.cancelTimers();
    incarnation.abandoned = true;
    cell.incarnationEnded(incarnation, false);
    await stopLateChildren(cell);
  }
  if (!cell.dead) cell.status = 'halted';
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
  const bound = ownBound(cell);
  const scheduler = cell.runtime.scheduler;
  // A graceful stop is graceful whenever it comes: a start that is due or under way finishes first.
  if (cell.status === 'idle' && startsSoon(cell)) cell.start();
  // A stop asked for by the start itself (ctx.self.stop() in beforeStart) waits for it to return.
  if (cell.status === 'starting') await null;
  if (cell.startup !== undefined && !(await within(cell.startup, bound, scheduler))) abandon(cell);
  if (cell.status === 'running' && !cell.mailbox.isSuspended && (cell.queued > 0 || cell.busy)) {
    const drained = new Promise<void>((resolve) => (cell.idleWaiter = resolve));
    if (!(await within(drained, bound, scheduler))) abandon(cell);
  }
  cell.mailbox.suspend();
  for (const child of cell.children().reverse()) await stopForGood(child);
  await lastAfterStop(cell);
}

/**
 * An idle cell whose start is due: a spawned child, or a static child of a parent that is
 * starting or running (not one that its stopping parent will never start).
 */
function startsSoon(cell: Cell): boolean {
  const parent = cell.parentCell;
  if (parent === undefined || parent.closing) return false;
  return parent.dynamicChildren?.has(cell) === true || parent.status === 'starting' || parent.status === 'running';
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
    cell.incarnationEnded(incarnation, true);
    const ask = incarnation.current?.ask;
    if (ask !== undefined && !ask.settled) {
      ask.reject(new ActorStoppedError(`${cell.path} was stopped before it replied.`));
    }
    // The handler in flight goes on, out of reach; its message still counts as delivered,
    // unless the handler then fails (see `failed` in delivery.ts).
    incarnation.current = undefined;
    incarnation.handling = false;
  }
  cell.idle();
}

/** The bookkeeping of a cell that stopped for good. */
export function terminate(cell: Cell, reason: string): void {
  if (cell.status === 'dead') return;
  cell.status = 'dead';
  skipRestart(cell);
  if (cell.startup !== undefined) cell.startup = undefined;
  const incarnation = cell.incarnation;
  if (incarnation !== undefined) {
    incarnation.cancelTimers();
    cell.incarnationEnded(incarnation, false);
  }
  cell.mailbox.suspend();
  for (const letter of cell.mailbox.takeAll()) cell.deadLetter(letter, 'stopped');
  cell.unregister();
  for (const group of cell.groups()) group.dispose();
  cell.group?.changed();
  cell.runtime.emit('stopped', cell.path, { reason });
  cell.notifyWatchers();
  cell.idle();
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
  skipRestart(cell);
}

/** A restart that waits out its backoff will not happen: the round it belongs to goes on without it. */
function skipRestart(cell: Cell): void {
  const pending = cell.pendingRestart;
  if (pending === undefined) return;
  cell.pendingRestart = undefined;
  pending.skip();
}

/** `afterStop` of the current incarnation, unless it never started, was abandoned or already stopped (halted). */
function lastAfterStop(cell: Cell): void | Promise<void> {
  const incarnation = cell.incarnation;
  if (incarnation === undefined || incarnation.abandoned || cell.status === 'idle' || cell.status === 'halted') return;
  return boundedHook(cell, incarnation, 'afterStop');
}
