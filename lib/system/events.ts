import type { SchedulerLike } from 'rxjs';
import { Subject } from 'rxjs';
import type { DeadLetter, DeadLetterReason, Logger, SystemEvent, SystemEventType } from '../types';

/**
 * The system's streams. Events and dead letters are built only while someone observes
 * them, so an unobserved system pays nothing per message for them.
 */
export class EventStreams {
  readonly events = new Subject<SystemEvent>();
  readonly deadLetters = new Subject<DeadLetter>();

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly logger: Logger,
  ) {}

  emit(type: SystemEventType, path: string, details?: { error?: unknown; message?: unknown; reason?: string }): void {
    if (!this.events.observed) return;
    this.events.next({ type, path, time: this.scheduler.now(), ...details });
  }

  deadLetter(message: unknown, reason: DeadLetterReason, path: string): void {
    if (this.deadLetters.observed) {
      this.deadLetters.next({ message, reason, path, time: this.scheduler.now() });
    }
    this.emit('dead-letter', path, { reason, message });
    if (!this.deadLetters.observed && !this.events.observed) {
      this.logger.debug(`rampart: dead letter '${reason}' at ${path}`, message);
    }
  }
}
