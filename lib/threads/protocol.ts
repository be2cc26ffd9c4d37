/**
 * The items that cross between the main thread and a worker, over one `PortLink` each way.
 * Each is a small array (the structured clone copies arrays fastest), its first entry the
 * kind. Messages, replies and hook arguments inside them are already encoded by the wire
 * codec (`wire.ts`), so what works between threads works between nodes.
 *
 * One incarnation of an actor on a worker is numbered by the main thread (`inc`). Its letters
 * go in order, and the worker answers each one, in order: done, unhandled, rejected or
 * failed. After a failure, an exit or a drop the worker handles no more letters of that
 * incarnation; the main thread knows which letters it handed back unhandled because the
 * answers come in order.
 */

// ───────────── main thread → worker ─────────────

/**
 * Build an instance and run its start hook: `[NEW, inc, module, exportName, path, parentPath,
 * restarts, hook, error, claims, now]` (`now`: the main thread's `scheduler.now()`).
 */
export const NEW = 0;
/**
 * A letter: `[LETTER, inc, message, senderAddress | null, kind, now]`, and for an ask
 * (`kind` 1) also `seq, deadline | null`: its number among the asks of the incarnation (what
 * `ABORT` names) and the scheduler time at which its asker gives up. `kind`: 0 a tell, 1 an
 * ask, `NOTICE`, `PIPED`. `now` is the main thread's `scheduler.now()` when it was sent.
 */
export const LETTER = 1;
/** Run a stop hook: `[HOOK, inc, 'afterStop' | 'beforeRestart', error, message, now]`. */
export const HOOK = 2;
/**
 * The incarnation is over: `[DROP, inc, killed]` (`killed` 1 for a kill or a stop out of time:
 * its `ctx.signal`s abort). The worker answers `DROPPED` after every answer it still owed.
 */
export const DROP = 3;
/** The answer to an ask (or a stop) the worker made: `[ANSWER, id, ok (0 | 1), value or error]`. */
export const ANSWER = 4;
/** The asker of ask `seq` gave up, or the letter was told why: `[ABORT, inc, seq, reason]` (`ctx.signal` aborts). */
export const ABORT = 5;

// ───────────── worker → main thread ─────────────

/** `[READY, inc]`: built, and its start hook returned. */
export const READY = 10;
/** `[START_FAILED, inc, error]`. */
export const START_FAILED = 11;
/** `[DONE, inc, reply, flags]`: the oldest letter was handled (`flags`: `EXITS`, `REPLY_REFUSED`). */
export const DONE = 12;
/** `[UNHANDLED, inc]`: no handler for the oldest letter. */
export const UNHANDLED = 13;
/** `[REFUSED, inc, reason]`: the oldest letter could not be decoded here (an unknown `@Message`, say). */
export const REFUSED = 14;
/** `[FAILED, inc, error]`: the handler of the oldest letter threw; no more letters of this incarnation are handled. */
export const FAILED = 15;
/** `[HOOKED, inc]`: a stop hook returned (its errors are logged in the worker). */
export const HOOKED = 16;
/** `[DROPPED, inc]`. */
export const DROPPED = 17;
/** `[TELL, inc, to, message, broadcast (0 | 1)]` (`inc` 0: from outside any actor). */
export const TELL = 20;
/** `[ASK, inc, id, to, message, timeoutMs | null]`. */
export const ASK = 21;
/** `[TIMER, inc, id, delayMs, repeat (0 | 1), message]`. */
export const TIMER = 22;
/** `[CANCEL, inc, id]`. */
export const CANCEL = 23;
/** `[WATCH, inc, address, on (0 | 1)]`. */
export const WATCH = 24;
/** `[EXIT, inc]`: `ctx.stop()` outside a handler (in a start hook). */
export const EXIT = 25;
/** `[STOP_REF, id, address, kill (0 | 1)]`: `ref.stop()` or `ref.kill()`. */
export const STOP_REF = 26;
/** `[PIPE, inc, id]`: a `ctx.pipeToSelf` promise settled; the worker keeps its outcome, the main thread queues the letter. */
export const PIPE = 27;

/** `DONE` flags. */
export const EXITS = 1;
export const REPLY_REFUSED = 2;

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  /** The node of the system: every ref the worker makes has this node in its address. */
  readonly node: string;
  /** PortLink window and batch size. */
  readonly window: number;
}

export type Item = readonly unknown[];

/** The kind slot of a LETTER that carries a watch's `Terminated`: `[address, reason]` instead of a message. */
export const NOTICE = 2;
/** The kind slot of a LETTER that carries a `ctx.pipeToSelf` outcome: the id of the outcome the worker keeps. */
export const PIPED = 3;
