import { AsyncResource } from 'node:async_hooks';

/**
 * The budget of one event-loop turn, shared by every mailbox drain and by the default
 * scheduler's zero-delay actions. The bottom layer: it imports nothing from lib/.
 *
 * Work that follows other work "soon" runs on microtasks, which is the fast path (one
 * microtask per burst of messages), but microtasks never let the event loop move on: two
 * actors that tell each other forever would keep timers, I/O and shutdown from ever running.
 * So each turn has a budget of `TURN_BUDGET_MS` of wall time. While it lasts, `runSoon` uses
 * a microtask; once it is spent, tasks wait for the next turn, which starts from a
 * `setImmediate` (after the poll phase, so I/O and timers get their go in between).
 *
 * Cost on the hot path: work is charged in units (about one message handled each), and the
 * clock is read only once every `UNITS_PER_CLOCK_READ` units, so a drain pays a counter
 * increment per message and one `performance.now()` per 64 messages.
 */

/** Wall time that chained microtask work may take before the event loop gets a turn. */
export const TURN_BUDGET_MS = 1;

/** The clock is read once this many units have been charged since the last read. */
export const UNITS_PER_CLOCK_READ = 64;

export type Task = () => void;

/** True while a turn is open: it began at `startedAt`, and its `setImmediate` is armed. */
let open = false;
let startedAt = 0;
/** Units charged since the clock was last read. */
let unread = 0;
/** The open turn's budget is used up: new tasks wait for the next turn. */
let spent = false;
/** Tasks for the next turn, in the order they asked. */
let waiting: Task[] = [];
/** Tasks for the end of this turn (see `atTurnEnd`). */
let ending: Task[] = [];

/**
 * The async context that the turn's `setImmediate` is armed in: the one of this module's
 * loading, outside any actor. Without it the next turn, and every task it runs, would
 * inherit the AsyncLocalStorage context of whatever code happened to open the turn (an async
 * handler's, for instance), and a drain would run as that actor.
 */
const detached = new AsyncResource('rampart:turn');

function openTurn(): void {
  open = true;
  spent = false;
  unread = 0;
  startedAt = performance.now();
  detached.runInAsyncScope(armNextTurn);
}

function armNextTurn(): void {
  setImmediate(nextTurn);
}

/** The check phase: this turn ends. Tasks that waited start the next one, oldest first. */
function nextTurn(): void {
  open = false;
  spent = false;
  if (ending.length > 0) {
    const tasks = ending;
    ending = [];
    for (const task of tasks) task();
  }
  if (waiting.length === 0) return;
  openTurn();
  const tasks = waiting;
  waiting = [];
  let i = 0;
  try {
    while (i < tasks.length && !charge(1)) tasks[i++]();
  } finally {
    // What did not get its go (the budget ran out again, or a task threw) stays first in
    // line, ahead of what asked for the next turn meanwhile; this turn's immediate is armed.
    if (i < tasks.length) waiting = tasks.slice(i).concat(waiting);
  }
}

/**
 * Charges `units` of work to the current turn (opening one if none is open). Returns true
 * when the turn's budget is spent: the caller should stop and continue with `runSoon` (or
 * `runNextTurn`). Reads the clock only when enough units have piled up since the last read.
 */
export function charge(units: number): boolean {
  if (!open) openTurn();
  else if (spent) return true;
  if ((unread += units) >= UNITS_PER_CLOCK_READ) {
    unread = 0;
    if (performance.now() - startedAt >= TURN_BUDGET_MS) spent = true;
  }
  return spent;
}

/** True when the current turn's budget is spent (no clock read: what the last read found). */
export function turnSpent(): boolean {
  return open && spent;
}

/**
 * Runs `task` once this event-loop turn is over (in the check phase, before the tasks of
 * the next turn), on the turn's one `setImmediate`: what a transport holds back for the end
 * of the turn goes out there without an immediate of its own. `task` must not throw.
 */
export function atTurnEnd(task: Task): void {
  if (!open) openTurn();
  ending.push(task);
}

/** Runs `task` at the start of the next event-loop turn (a `setImmediate`), in its budget. */
export function runNextTurn(task: Task): void {
  if (!open) openTurn();
  waiting.push(task);
}

/**
 * Runs `task` soon, as its own step: on a microtask while the current turn's budget lasts,
 * else in the next turn. A task queued on a microtask starts only if the budget still lasts
 * when its microtask runs; otherwise it too waits for the next turn. `units` is what
 * starting it costs (1: about one message; `UNITS_PER_CLOCK_READ` makes it read the clock).
 *
 * The microtask inherits the caller's async context, as `queueMicrotask` does; a caller that
 * must not leak an AsyncLocalStorage context into `task` detaches before calling.
 */
export function runSoon(task: Task, units = 1): void {
  if (charge(units)) runNextTurn(task);
  else queueMicrotask(() => (spent ? runNextTurn(task) : task()));
}

/**
 * `runSoon` for a task that checks `turnSpent()` itself when it starts (and then waits for
 * the next turn on its own): it is queued as it is, without a wrapper of its own.
 */
export function runSoonChecked(task: Task, units = 1): void {
  if (charge(units)) runNextTurn(task);
  else queueMicrotask(task);
}
