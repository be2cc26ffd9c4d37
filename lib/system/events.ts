import type { SchedulerLike } from 'rxjs';
import { Observable, Subject } from 'rxjs';
import { unhandledHint } from '../actor/letters';
import type { DeadLetter, DeadLetterReason, Logger, SystemEvent, SystemEventType } from '../types';
import { describeError, typeName } from '../errors';
import { drops, escalationLine, failureLine, logSafely } from './logger';

type Details = { error?: unknown; message?: unknown; reason?: string; node?: string };

/**
 * The system's streams. Events and dead letters are built only while someone observes
 * them, so an unobserved system pays nothing per message for them. Failures and escalations
 * are also logged (DESIGN: "Failures are visible"), observed or not; that costs nothing on
 * the path of a message that is handled.
 */
export class EventStreams {
  readonly events = new Subject<SystemEvent>();
  readonly deadLetters = new Subject<DeadLetter>();
  private readonly logsDebug: boolean;
  private readonly logsErrors: boolean;
  /** Escalations already logged: the supervisor's own `failed` with the same error is not logged again. */
  private escalations: WeakSet<object> | undefined;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly logger: Logger,
  ) {
    this.logsDebug = !drops(logger, 'debug');
    this.logsErrors = !drops(logger, 'error');
  }

  /** `events$`: every subscriber on its own, so one that throws skips nobody else. */
  get events$(): Observable<SystemEvent> {
    return this.isolated(this.events, 'events$');
  }

  /** `deadLetters$`, with the same isolation. */
  get deadLetters$(): Observable<DeadLetter> {
    return this.isolated(this.deadLetters, 'deadLetters$');
  }

  /**
   * An observable of `subject` whose every subscriber is called on its own: a subscriber that
   * throws (a raw RxJS `Subscriber`, which RxJS does not guard) is logged and skipped for that
   * value, and never breaks the other subscribers or the start or stop that published it.
   */
  private isolated<T>(subject: Subject<T>, name: string): Observable<T> {
    return new Observable<T>((subscriber) =>
      subject.subscribe({
        next: (value) => {
          try {
            subscriber.next(value);
          } catch (error) {
            logSafely(this.logger, 'error', `rampart: a subscriber of ${name} threw; it missed this value. ${describeError(error)}`);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
  }

  emit(type: SystemEventType, path: string, details?: Details): void {
    if ((type === 'failed' || type === 'escalated') && this.logsErrors) this.logFailure(type, path, details);
    if (!this.events.observed) return;
    this.events.next({ type, path, time: this.scheduler.now(), ...details });
  }

  deadLetter(message: unknown, reason: DeadLetterReason, path: string): void {
    if (this.deadLetters.observed) {
      this.deadLetters.next({ message, reason, path, time: this.scheduler.now() });
    }
    this.emit('dead-letter', path, { reason, message });
    if (this.logsDebug && !this.deadLetters.observed && !this.events.observed) {
      const hint = reason === 'unhandled' ? `: no @On handler for ${typeName(message)}. ${unhandledHint(message)}` : '';
      logSafely(this.logger, 'debug', `rampart: dead letter '${reason}' at ${path}${hint}`, message);
    }
  }

  /** A failure at `error` level: path, message type and stack, in one string. */
  private logFailure(type: 'failed' | 'escalated', path: string, details: Details | undefined): void {
    const error = details?.error;
    const isObject = typeof error === 'object' && error !== null;
    if (type === 'escalated') {
      if (isObject) (this.escalations ??= new WeakSet()).add(error);
      logSafely(this.logger, 'error', escalationLine(path, error));
      return;
    }
    if (isObject && this.escalations?.has(error)) return;
    const handling = details !== undefined && 'message' in details ? { type: typeName(details.message) } : undefined;
    logSafely(this.logger, 'error', failureLine(path, error, handling));
  }
}
