import { StartError, describeError } from '../errors';
import type { Cell } from './cell';
import type { IncarnationState } from './incarnation-state';
import { enter, leave } from './current';
import { andThen, invokeHook } from './hooks';
import { Incarnation } from './incarnation';
import { boundedHook, stopChildren, stopForGood, stopLateChildren, terminate } from './stopping';
import { isThenable } from '../core/thenable';

/**
 * How a cell starts and restarts: at `ActorSystem.start` (`boot`, no retries), at run time
 * (a failure goes to the supervisor), and as a replacement incarnation (`takeDown`, then
 * `bringUp`). A start stays synchronous as long as every hook is. A terminated system
 * starts nothing.
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
  if (cell.incarnateElsewhere !== undefined) return cell.incarnateElsewhere(incarnation, hook, error);
  const { actorClass, injections, children } = cell.definition;
  const args = injections.length === 0 ? NO_ARGUMENTS : injections.map((injection) => (injection.kind === 'context' ? incarnation.context : injection.value));
  const previous = enter(incarnation);
  let instance: object;
  try {
    instance = new actorClass(...args);
  } finally {
    leave(previous);
  }
  incarnation.instance = instance;
  for (let index = 0; index < children.length; index++) {
    (instance as Record<string | symbol, unknown>)[children[index].property] = cell.slots[index].ref;
  }
  return hook === 'afterRestart' ? invokeHook(incarnation, 'afterRestart', error) : invokeHook(incarnation, 'beforeStart');
}

function running(cell: Cell, event: 'started' | 'restarted'): void {
  const incarnation = cell.incarnation!;
  cell.status = 'running';
  // Only written when set: a property first written on every cell would reshape them all.
  if (cell.startup !== undefined) cell.startup = undefined;
  cell.runtime.emit(event, cell.path);
  if (incarnation.exitRequested) {
    // ctx.stop() during the start: a normal exit, before any message.
    cell.exitIfStill(incarnation);
    return;
  }
  cell.mailbox.resume();
  cell.group?.changed();
  if (cell.isSupervisor) for (const group of cell.groups()) group.supervisorRunning(incarnation);
}

/** Brings a cell that stopped for good back to `idle`, registered again (a rebuilt static child). */
function revive(cell: Cell): void {
  if (cell.status !== 'dead') return;
  cell.status = 'idle';
  cell.closing = false;
  cell.stopping = undefined;
  cell.register();
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
    // A hook may have stopped this actor, or the whole system, meanwhile: start nothing more.
    if (cell.status !== 'starting' || cell.runtime.terminated) return;
    // A sibling's hook may have killed this child already, or stopped it (then it was started there).
    if (child.status !== 'idle') continue;
    try {
      await boot(child);
      started.push(child);
    } catch (error) {
      for (const sibling of started.reverse()) await stopForGood(sibling);
      await stopForGood(cell);
      throw error;
    }
  }
  if (cell.status === 'starting') running(cell, 'started');
}

/**
 * Starts a cell at run time; a failure goes to its supervisor, which may retry. Synchronous
 * as long as every hook is: a promise only where a hook returned one, kept in `startup`
 * so that a graceful stop can wait for it.
 */
function startAtRunTime(cell: Cell, hook: 'beforeStart' | 'afterRestart', event: 'started' | 'restarted', error?: unknown): void | Promise<void> {
  if (cell.runtime.terminated) {
    terminate(cell, 'stopped');
    return;
  }
  cell.status = 'starting';
  let pending: unknown;
  let async: boolean;
  try {
    pending = incarnate(cell, hook, error);
    async = isThenable(pending);
  } catch (failure) {
    startFailed(cell, failure);
    return;
  }
  const incarnation = cell.incarnation!;
  if (!async) return startChildren(cell, incarnation, event, 0);
  const startup = new Promise((resolve) => resolve(pending)).then(
    () => startChildren(cell, incarnation, event, 0),
    (failure: unknown) => {
      // An incarnation given up on (a stop out of time, a kill) fails to no one.
      if (cell.incarnation === incarnation && !incarnation.abandoned) startFailed(cell, failure);
    },
  );
  cell.startup = startup;
  return startup;
}

function startFailed(cell: Cell, failure: unknown): void {
  if (cell.status !== 'starting') return;
  if (!cell.closing) {
    cell.failedToStart(failure);
    return;
  }
  // A graceful stop is waiting for this start: it goes on, with nothing to drain.
  cell.startup = undefined;
  cell.mailbox.suspend();
  cell.runtime.emit('failed', cell.path, { error: failure });
  cell.status = 'suspended';
}

/** Still the start that began with `incarnation`, and nothing killed it meanwhile. */
function stillStarting(cell: Cell, incarnation: IncarnationState): boolean {
  return cell.incarnation === incarnation && cell.status === 'starting';
}

function startChildren(cell: Cell, incarnation: IncarnationState, event: 'started' | 'restarted', from: number): void | Promise<void> {
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
    const pending = child.incarnation === undefined ? startAtRunTime(child, 'beforeStart', 'started') : startHalted(child);
    if (isThenable(pending)) return pending.then(() => startChildren(cell, incarnation, event, index + 1));
  }
  if (stillStarting(cell, incarnation)) running(cell, event);
}

/** Starts a fresh incarnation of a stopped cell that keeps its queue (a bystander, or a subtree restart). */
export function startHalted(cell: Cell): void | Promise<void> {
  if ((cell.status !== 'halted' && cell.status !== 'idle') || cell.closing) return;
  cell.restarts++;
  return startAtRunTime(cell, 'beforeStart', 'restarted');
}

/** Starts a spawned child (or a group member added at run time). */
export function startSpawned(cell: Cell): void | Promise<void> {
  if (cell.status !== 'idle') return;
  return startAtRunTime(cell, 'beforeStart', 'started');
}

/** Starts a group member again (a hole, revived) or for the first time. */
export function startMember(cell: Cell): void | Promise<void> {
  revive(cell);
  return startSpawned(cell);
}

/**
 * The first half of a restart: the incarnation that failed (or exited) goes down. After a
 * failure, `beforeRestart` runs on it first, then its children stop (DESIGN: "calls the old
 * instance's beforeRestart, cancels its timers, stops its dynamic children"); after a normal
 * exit, its children stop first and `afterStop` runs after them, as in any stop. Hooks are
 * bounded by the child's `shutdownTimeoutMs`. Every old instance is down before any new one
 * is built.
 */
export function takeDown(cell: Cell, afterFailure: boolean): void | Promise<void> {
  if (cell.status !== 'suspended' || cell.closing) return;
  const old = cell.incarnation;
  if (old === undefined || old.abandoned) return;
  const done = () => {
    old.cancelTimers();
    old.abandoned = true; // it is done: a hook it left running is ignored from now on
    cell.incarnationEnded(old, false);
  };
  if (!afterFailure) {
    return andThen(stopChildren(cell), () =>
      andThen(boundedHook(cell, old, 'afterStop'), () => {
        done();
        return stopLateChildren(cell);
      }),
    );
  }
  const failure = cell.lastFailure;
  return andThen(boundedHook(cell, old, 'beforeRestart', failure?.error, failure?.message), () => {
    done();
    return stopChildren(cell);
  });
}

/** The second half of a restart: a new incarnation, with its queue kept. */
export function bringUp(cell: Cell, afterFailure: boolean): void | Promise<void> {
  if (cell.status !== 'suspended' || cell.closing) return;
  cell.restarts++;
  return startAtRunTime(cell, afterFailure ? 'afterRestart' : 'beforeStart', 'restarted', cell.lastFailure?.error);
}
