import { Envelope, messageOf } from '../core/envelope';
import type { ProcessRegistry } from '../core/registry';
import { WATCH_NOTICE } from '../core/registry';
import type { Terminated } from '../core/terminated';
import type { ActorDefinition } from '../metadata';
import type { DeadLetterReason, SystemEventType } from '../types';
import { callAs, enter, leave, startAsync } from './current';
import type { Failure, IncarnationState } from './incarnation-state';
import type { Mailbox } from './mailbox';
import { isThenable } from '../core/thenable';
import { PipedLetter } from './pipe';

/** What handling a letter needs of the cell it happens in. */
export interface DeliveringCell {
  readonly path: string;
  readonly definition: ActorDefinition;
  readonly runtime: {
    readonly registry: ProcessRegistry;
    emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown }): void;
  };
  readonly mailbox: Mailbox;
  readonly incarnation: IncarnationState | undefined;
  readonly closing: boolean;
  lastFailure: { error: unknown; message: unknown } | undefined;
  inFlight: Promise<void> | undefined;
  deadLetter(letter: unknown, reason: DeadLetterReason, failure?: Failure): void;
  idle(): void;
  exit(): void;
  wantsNotice(address: string): boolean;
  reportFailure(error: unknown): void;
}

/**
 * Handles one letter in the cell's current incarnation: finds the handler, runs it as that
 * actor, and settles the ask. Returns a promise while an async handler is in flight. No
 * user value can throw out of here: a prototype that cannot be read matches no class, and
 * a reply whose `then` throws is a failure of the handler.
 */
export function deliver(this: DeliveringCell, letter: unknown): PromiseLike<void> | undefined {
  // Installed as the cell's `process` method, so a handler runs three frames below the drain
  // (drain, deliver, callAs): what an Error a handler makes captures of rampart's.
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const cell = this;
  const incarnation = cell.incarnation!;
  const envelope = Envelope.is(letter) ? letter : undefined;
  if (envelope?.timerOf !== undefined) {
    if (!wanted(cell, envelope, incarnation)) return undefined;
    if (envelope instanceof PipedLetter) return deliverPiped(cell, incarnation, envelope);
  }
  const message = envelope === undefined ? letter : envelope.message;
  const handlers = cell.definition.handlers;
  let handler;
  try {
    handler = handlers.lookup(message);
  } catch {
    handler = handlers.otherwise; // its prototype cannot be read, so it matches no class
  }
  if (handler === undefined) {
    cell.deadLetter(letter, 'unhandled');
    return undefined;
  }
  incarnation.current = envelope;
  incarnation.handling = true;
  // The one check of the inspector on this path: nothing is timed while nobody inspects.
  const tap = cell.runtime.registry.inspection;
  const startedAt = tap === undefined ? undefined : tap.clock();
  let result: unknown;
  let pending: boolean;
  try {
    result = handler.isAsync ? startAsync(incarnation, handler.fn, message) : callAs(incarnation, handler.fn, message);
    pending = isThenable(result);
  } catch (error) {
    failed(cell, incarnation, letter, error, startedAt);
    return undefined;
  }
  if (!pending) {
    completed(cell, incarnation, letter, envelope, result, startedAt);
    return undefined;
  }
  return awaitHandler(cell, incarnation, letter, envelope, result, startedAt);
}

// The call of a handler (`callAs`, `startAsync`, shared with the worker's side) and the
// wait below are functions of their own so that `deliver` stays small enough for V8 to
// inline it into the mailbox's drain (at most 460 bytes of bytecode, checked by
// spec/actor/delivery-inlining.spec.ts), and captures nothing: a closure in `deliver` itself
// would cost a context allocation on every message. With the synchronous call kept inline
// here, `deliver` was 448 bytes, and the drain had no inlining budget left for the handler
// lookup: about 2 % fewer tells per second than with `callAs`.

/** The handler returned a thenable: the letter is in flight until it settles. */
function awaitHandler(
  cell: DeliveringCell,
  incarnation: IncarnationState,
  letter: unknown,
  envelope: Envelope | undefined,
  result: unknown,
  startedAt: number | undefined,
): Promise<void> {
  // Resolving a new promise with the result reads its `then` once, and a throw there is a rejection.
  const settled = new Promise((resolve) => resolve(result)).then(
    (value) => completed(cell, incarnation, letter, envelope, value, startedAt),
    (error: unknown) => failed(cell, incarnation, letter, error, startedAt),
  );
  cell.inFlight = settled;
  return settled;
}

/** A `ctx.pipeToSelf` outcome: its `map` runs as the actor, and a throw there is a failure of the actor. */
function deliverPiped(cell: DeliveringCell, incarnation: IncarnationState, letter: PipedLetter): PromiseLike<void> | undefined {
  let message: unknown;
  const previous = enter(incarnation);
  try {
    message = letter.adapt();
  } catch (error) {
    leave(previous);
    const tap = cell.runtime.registry.inspection;
    failed(cell, incarnation, letter, error, tap === undefined ? undefined : tap.clock());
    return undefined;
  }
  leave(previous);
  return deliver.call(cell, message);
}

/** A letter the runtime sent for someone: a timer for its incarnation, a `Terminated` for a live watch. */
function wanted(cell: DeliveringCell, envelope: Envelope, incarnation: IncarnationState): boolean {
  if (envelope.timerOf !== WATCH_NOTICE) return envelope.timerOf === incarnation;
  return cell.wantsNotice((envelope.message as Terminated).ref.address);
}

/**
 * The handler returned. `startedAt` is set when someone inspected as it started: the
 * delivery is reported as `handled` (also for an abandoned incarnation, whose handler did
 * run to the end; its reply is dropped).
 */
function completed(
  cell: DeliveringCell,
  incarnation: IncarnationState,
  letter: unknown,
  envelope: Envelope | undefined,
  value: unknown,
  startedAt: number | undefined,
): void {
  if (startedAt !== undefined) cell.runtime.registry.inspection?.delivered(letter, cell.path, 'handled', startedAt);
  if (incarnation.abandoned) return;
  incarnation.current = undefined;
  incarnation.handling = false;
  if (cell.inFlight !== undefined) cell.inFlight = undefined;
  const ask = envelope?.ask;
  if (ask !== undefined) cell.runtime.registry.reply(ask, value, cell.path);
  if (incarnation.exitRequested) cell.exit();
}

/** The handler threw: reported as `failed` (when someone inspected as it started) before the lifecycle events. */
function failed(cell: DeliveringCell, incarnation: IncarnationState, letter: unknown, error: unknown, startedAt: number | undefined): void {
  if (startedAt !== undefined) cell.runtime.registry.inspection?.delivered(letter, cell.path, 'failed', startedAt);
  if (incarnation.abandoned) {
    // A handler abandoned by a kill (or a stop that ran out of time) failed afterwards: its
    // message was not handled after all. No restart, no lifecycle event: only the dead letter.
    cell.runtime.registry.failedLetter(letter, cell.path, error);
    return;
  }
  incarnation.current = undefined;
  incarnation.handling = false;
  cell.inFlight = undefined;
  reportHandlerFailure(cell, letter, error);
}

/** What `reportHandlerFailure` gets for a failure with no letter of its own (a worker died while idle). */
export const NO_LETTER: unknown = Symbol('no letter');

/**
 * A handler's failure, reported as every cell reports one, on this thread or from a worker:
 * the mailbox stops, the `failed` event, the failing letter a dead letter `failed`, and the
 * supervisor decides (for a cell that is stopping for good, the stop goes on instead). Its
 * delivery was reported to the inspector as `failed` already: the dead letter is not again.
 */
export function reportHandlerFailure(cell: DeliveringCell, letter: unknown, error: unknown): void {
  cell.mailbox.suspend();
  const message = letter === NO_LETTER ? undefined : messageOf(letter);
  cell.runtime.emit('failed', cell.path, { error, message });
  if (letter !== NO_LETTER) cell.runtime.registry.failedLetter(letter, cell.path, error);
  cell.lastFailure = { error, message };
  if (cell.closing) cell.idle();
  else cell.reportFailure(error);
}
