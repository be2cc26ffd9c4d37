import { Envelope, messageOf } from '../core/envelope';
import type { ProcessRegistry } from '../core/registry';
import { WATCH_NOTICE } from '../core/registry';
import type { Terminated } from '../core/terminated';
import type { ActorDefinition } from '../metadata';
import type { DeadLetterReason, SystemEventType } from '../types';
import { enter, leave, runAsync } from './current';
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
  // Installed as the cell's `process` method, so a handler runs two frames below the drain.
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
  let result: unknown;
  let pending: boolean;
  try {
    if (handler.isAsync) {
      result = runAsync(incarnation, () => handler.fn.call(incarnation.instance!, message, incarnation.context));
    } else {
      const previous = enter(incarnation);
      try {
        result = handler.fn.call(incarnation.instance!, message, incarnation.context);
      } finally {
        leave(previous);
      }
    }
    pending = isThenable(result);
  } catch (error) {
    failed(cell, incarnation, letter, error);
    return undefined;
  }
  if (!pending) {
    completed(cell, incarnation, envelope, result);
    return undefined;
  }
  // Resolving a new promise with the result reads its `then` once, and a throw there is a rejection.
  const settled = new Promise((resolve) => resolve(result)).then(
    (value) => completed(cell, incarnation, envelope, value),
    (error: unknown) => failed(cell, incarnation, letter, error),
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
    failed(cell, incarnation, letter, error);
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

function completed(cell: DeliveringCell, incarnation: IncarnationState, envelope: Envelope | undefined, value: unknown): void {
  if (incarnation.abandoned) return;
  incarnation.current = undefined;
  incarnation.handling = false;
  if (cell.inFlight !== undefined) cell.inFlight = undefined;
  const ask = envelope?.ask;
  if (ask !== undefined) cell.runtime.registry.reply(ask, value, cell.path);
  if (incarnation.exitRequested) cell.exit();
}

function failed(cell: DeliveringCell, incarnation: IncarnationState, letter: unknown, error: unknown): void {
  if (incarnation.abandoned) {
    // A handler abandoned by a kill (or a stop that ran out of time) failed afterwards: its
    // message was not handled after all. No restart, no event: only the dead letter.
    cell.deadLetter(letter, 'failed', { error });
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
 * supervisor decides (for a cell that is stopping for good, the stop goes on instead).
 */
export function reportHandlerFailure(cell: DeliveringCell, letter: unknown, error: unknown): void {
  cell.mailbox.suspend();
  const message = letter === NO_LETTER ? undefined : messageOf(letter);
  cell.runtime.emit('failed', cell.path, { error, message });
  if (letter !== NO_LETTER) cell.deadLetter(letter, 'failed', { error });
  cell.lastFailure = { error, message };
  if (cell.closing) cell.idle();
  else cell.reportFailure(error);
}
