import { StartError, describeError } from '../errors';
import type { Cell } from './cell';
import { runSync } from './current';
import { andThen, guardedHook, invokeHook, isThenable } from './hooks';
import { Incarnation } from './incarnation';
import { stopChildren, stopForGood, terminate } from './stopping';

/**
 * How a cell starts and restarts: at `ActorSystem.start` (`boot`, no retries), at run time
 * (a failure goes to the supervisor), and as a replacement incarnation (`restart`). A start
 * stays synchronous as long as every hook is.
 */

const NO_ARGUMENTS: readonly unknown[] = [];

/**
 * Constructs a new incarnation and runs its start hook. Throws what they throw; returns the
 * hook's result (a promise only for an async hook).
 */
function incarnate(cell: Cell, hook: 'beforeStart' | 'afterRestart', error?: unknown): unknown {
  const incarnation = new Incarnation(cell);
  cell.incarnation = incarnation;
  cell.resetSupervision();
  const { actorClass, injections, children } = cell.definition;
  const args = injections.length === 0 ? NO_ARGUMENTS : injections.map((injection) => (injection.kind === 'context' ? incarnation.context : injection.value));
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
  if (cell.slots.length === 0) {
    if (stillStarting(cell, incarnation)) running(cell, event);
    return;
  }
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
