import { ActorStoppedError, StartError, describeError } from '../errors';
import type { Cell } from './cell';
import { runSync } from './current';
import { andThen, invokeHook, isThenable } from './hooks';
import { Incarnation } from './incarnation';
import { within } from './time';

/**
 * How a cell starts, restarts and stops. Three stop modes decide what happens to the queue:
 * graceful drains it (`stopForGood`), halt keeps it for the next incarnation (`halt`), and
 * final turns it into dead letters (`kill`, and whatever is left when a cell terminates).
 */

/**
 * Constructs a new incarnation and runs its start hook. Throws what they throw; returns the
 * hook's result (a promise only for an async hook).
 */
function incarnate(cell: Cell, hook: 'beforeStart' | 'afterRestart', error?: unknown): unknown {
  const incarnation = new Incarnation(cell);
  cell.incarnation = incarnation;
  cell.resetSupervision();
  const { actorClass, injections, children } = cell.definition;
  const args = injections.map((injection) => (injection.kind === 'context' ? incarnation.context : injection.value));
  const instance = runSync(incarnation, () => new actorClass(...args));
  incarnation.instance = instance;
  children.forEach((child, index) => {
    (instance as Record<string | symbol, unknown>)[child.property] = cell.slots[index].ref;
  });
  return hook === 'afterRestart' ? invokeHook(incarnation, 'afterRestart', error) : invokeHook(incarnation, 'beforeStart');
}

function running(cell: Cell, event: 'started' | 'restarted'): void {
  cell.status = 'running';
  cell.runtime.emit(event, cell.path);
  cell.mailbox.resume();
  cell.group?.changed();
  if (cell.isSupervisor) for (const group of cell.groups()) group.supervisorRunning(cell.incarnation!);
}

/** Brings a cell that stopped for good back to `idle`, registered again (a rebuilt static child). */
export function revive(cell: Cell): void {
  if (cell.status !== 'dead') return;
  cell.status = 'idle';
  cell.closing = false;
  cell.stopping = undefined;
  cell.runtime.register(cell);
  cell.group?.changed();
}

/** Starts the static tree at `ActorSystem.start`: no retries; rejects with `StartError`. */
export async function boot(cell: Cell): Promise<void> {
  cell.status = 'starting';
  try {
    await incarnate(cell, 'beforeStart');
  } catch (error) {
    terminate(cell, 'start-failed');
    throw error instanceof StartError
      ? error
      : new StartError(`${cell.path} failed to start: ${describeError(error)}`, { cause: error, path: cell.path });
  }
  const started: Cell[] = [];
  for (const child of cell.staticChildren) {
    try {
      await boot(child);
      started.push(child);
    } catch (error) {
      for (const sibling of started.reverse()) await stopForGood(sibling);
      await stopForGood(cell);
      throw error;
    }
  }
  running(cell, 'started');
}

/**
 * Starts a cell at run time; a failure goes to its supervisor, which may retry. Synchronous
 * as long as every hook is: a promise only where a hook returned one.
 */
function startAtRunTime(cell: Cell, hook: 'beforeStart' | 'afterRestart', event: 'started' | 'restarted', error?: unknown): void | Promise<void> {
  cell.status = 'starting';
  let pending: unknown;
  try {
    pending = incarnate(cell, hook, error);
  } catch (failure) {
    startFailed(cell, failure);
    return;
  }
  const incarnation = cell.incarnation!;
  if (!isThenable(pending)) return startChildren(cell, incarnation, event, 0);
  return Promise.resolve(pending).then(
    () => startChildren(cell, incarnation, event, 0),
    (failure: unknown) => {
      if (cell.incarnation === incarnation) startFailed(cell, failure);
    },
  );
}

function startFailed(cell: Cell, failure: unknown): void {
  if (cell.status === 'starting' && !cell.closing) cell.failedToStart(failure);
}

/** Still the start that began with `incarnation`, and no stop has come in meanwhile. */
function stillStarting(cell: Cell, incarnation: Incarnation): boolean {
  return cell.incarnation === incarnation && cell.status === 'starting' && !cell.closing;
}

function startChildren(cell: Cell, incarnation: Incarnation, event: 'started' | 'restarted', from: number): void | Promise<void> {
  if (from === 0) for (const group of cell.groups()) group.rebuild();
  const children = cell.staticChildren;
  for (let index = from; index < children.length; index++) {
    if (!stillStarting(cell, incarnation)) return;
    const child = children[index];
    revive(child);
    const pending = child.incarnation === undefined ? startAtRunTime(child, 'beforeStart', 'started') : restartHalted(child);
    if (isThenable(pending)) return pending.then(() => startChildren(cell, incarnation, event, index + 1));
  }
  if (stillStarting(cell, incarnation)) running(cell, event);
}

/** Starts a fresh incarnation of a stopped cell that keeps its queue (a bystander, or a subtree restart). */
export function restartHalted(cell: Cell): void | Promise<void> {
  if ((cell.status !== 'halted' && cell.status !== 'idle') || cell.closing) return;
  cell.restarts++;
  return startAtRunTime(cell, 'beforeStart', 'restarted');
}

/** Starts a spawned child. */
export function startSpawned(cell: Cell): void | Promise<void> {
  if (cell.status !== 'idle') return;
  return startAtRunTime(cell, 'beforeStart', 'started');
}

/**
 * Replaces the incarnation of a suspended cell: after a failure, `beforeRestart` then
 * `afterRestart`; after a normal exit, `afterStop` then `beforeStart`. The queue is kept.
 */
export function restart(cell: Cell, afterFailure: boolean): void | Promise<void> {
  if (cell.status !== 'suspended' || cell.closing) return;
  cell.status = 'starting';
  const old = cell.incarnation;
  const failure = cell.lastFailure;
  const hookDone =
    old !== undefined && !old.abandoned
      ? guardedHook(cell, old, afterFailure ? 'beforeRestart' : 'afterStop', failure?.error, failure?.message)
      : undefined;
  return andThen(hookDone, () => {
    old?.cancelTimers();
    return andThen(stopChildren(cell), () => {
      if (cell.status !== 'starting' || cell.closing) return;
      cell.restarts++;
      return startAtRunTime(cell, afterFailure ? 'afterRestart' : 'beforeStart', 'restarted', failure?.error);
    });
  });
}

/** Stops every child: dynamic ones for good, static ones halted (they come back with the parent). */
function stopChildren(cell: Cell): void | Promise<void> {
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
  cell.pendingRestart?.unsubscribe();
  cell.pendingRestart = undefined;
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
  cell.closing = true;
  cell.pendingRestart?.unsubscribe();
  cell.pendingRestart = undefined;
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
  const incarnation = cell.incarnation;
  if (incarnation !== undefined && !incarnation.abandoned && cell.status !== 'halted' && cell.status !== 'idle') {
    await guardedHook(cell, incarnation, 'afterStop');
  }
}

/** Immediate stop for good: no `afterStop`; the queue and later messages become dead letters. */
export function kill(cell: Cell): void {
  if (cell.status === 'dead') return;
  cell.closing = true;
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
  cell.pendingRestart?.unsubscribe();
  cell.pendingRestart = undefined;
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
  cell.closing = true;
  cell.mailbox.suspend();
  for (const child of cell.children().reverse()) await stopForGood(child);
  const incarnation = cell.incarnation;
  if (incarnation !== undefined && !incarnation.abandoned && cell.status !== 'idle' && cell.status !== 'halted') {
    await guardedHook(cell, incarnation, 'afterStop');
  }
  terminate(cell, reason);
}

/** Runs a stop or restart hook; a throw or rejection is logged, never propagated. */
function guardedHook(cell: Cell, incarnation: Incarnation, hook: 'afterStop' | 'beforeRestart', ...args: unknown[]): void | Promise<void> {
  const warn = (error: unknown) =>
    cell.runtime.logger.warn(`rampart: ${hook} of ${cell.path} threw; continuing. ${describeError(error)}`, error);
  try {
    const result = invokeHook(incarnation, hook, ...args);
    if (isThenable(result)) return Promise.resolve(result).then(() => undefined, warn);
  } catch (error) {
    warn(error);
  }
}
