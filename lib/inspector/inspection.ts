import { Observable } from 'rxjs';
import type { SchedulerLike, Subscriber, Subscription } from 'rxjs';
import { formatAddress } from '../core/address';
import type { DeliveryTap } from '../core/delivery-tap';
import { Envelope } from '../core/envelope';
import { logSafely } from '../core/log';
import { describeError, typeName } from '../errors';
import type { InspectOptions, InspectionEvent, Logger, MessageInspection, SystemEvent } from '../types';
import { sampleRate } from './options';

/**
 * What the inspection of one system needs from the composition root.
 * @internal
 */
export interface InspectionPorts {
  /** This node's name, for the addresses of the events. */
  readonly node: string;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Every `SystemEvent` of the system, as it is published (not isolated: this module isolates). */
  readonly events: Observable<SystemEvent>;
  /**
   * Installs the tap where deliveries check it (the registry's `inspection` field): called
   * with it when the first subscriber comes, with `undefined` when the last one goes.
   */
  attach(tap: DeliveryTap | undefined): void;
}

/**
 * One subscriber of `system.inspect()`, with its own thinning of the message events: a
 * count, not a random draw, so that a sample is exact and tests can rely on it.
 */
class Watcher {
  /** Deliveries seen, and kept, so far. */
  private seen = 0;
  private kept = 0;

  constructor(
    readonly subscriber: Subscriber<InspectionEvent>,
    private readonly sample: number,
  ) {}

  /** Keeps `ceil(seen * sample)` of the deliveries seen: exact, and the first one kept at any rate above 0. */
  wants(): boolean {
    const due = Math.ceil(++this.seen * this.sample);
    if (due <= this.kept) return false;
    this.kept = due;
    return true;
  }
}

/**
 * `system.inspect()`: the tap on the deliveries of one system, and the streams built on it.
 * The tap is installed only while someone subscribes, so an uninspected system pays one
 * field check per delivery; each subscriber is called on its own, so one that throws is
 * logged and skipped and breaks neither a delivery nor another subscriber.
 * @internal
 */
export class Inspection implements DeliveryTap {
  /** Replaced, never changed in place: a subscriber may unsubscribe (or subscribe) while one is called. */
  private watchers: readonly Watcher[] = [];

  constructor(private readonly ports: InspectionPorts) {}

  /** The stream of `system.inspect(options)`; throws at once for bad options. */
  observe(options?: InspectOptions): Observable<InspectionEvent> {
    const sample = sampleRate(options);
    return new Observable<InspectionEvent>((subscriber) => {
      const watcher = new Watcher(subscriber, sample);
      const events: Subscription = this.ports.events.subscribe({
        next: (event) => this.tell(watcher, event),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      this.add(watcher);
      return () => {
        events.unsubscribe();
        this.remove(watcher);
      };
    });
  }

  clock(): number {
    return performance.now();
  }

  delivered(letter: unknown, path: string, outcome: 'handled' | 'failed', startedAt: number): void {
    this.publish(letter, this.ports.node, path, outcome, performance.now() - startedAt);
  }

  deadLettered(letter: unknown, node: string, path: string): void {
    this.publish(letter, node, path, 'dead-letter', 0);
  }

  /** Builds the event once, and only if a subscriber's sample keeps it. */
  private publish(letter: unknown, node: string, path: string, outcome: MessageInspection['outcome'], durationMs: number): void {
    let event: MessageInspection | undefined;
    for (const watcher of this.watchers) {
      if (!watcher.wants()) continue;
      this.tell(watcher, (event ??= this.eventOf(letter, node, path, outcome, durationMs)));
    }
  }

  private eventOf(letter: unknown, node: string, path: string, outcome: MessageInspection['outcome'], durationMs: number): MessageInspection {
    const envelope = Envelope.is(letter) ? letter : undefined;
    const from = envelope?.sender?.address;
    const to = formatAddress(node, path);
    const messageType = typeName(envelope === undefined ? letter : envelope.message);
    const ask = envelope?.ask !== undefined;
    const time = this.ports.scheduler.now();
    // Two literals with fixed shapes: spreading an optional `from` in made each event a
    // slow-path object clone (about 4.5 us an event, 30x the cost of the delivery itself).
    if (from === undefined) return { type: 'message', to, messageType, ask, outcome, durationMs, time };
    return { type: 'message', from, to, messageType, ask, outcome, durationMs, time };
  }

  private tell(watcher: Watcher, event: InspectionEvent): void {
    try {
      watcher.subscriber.next(event);
    } catch (error) {
      logSafely(this.ports.logger, 'error', `rampart: a subscriber of system.inspect() threw; it missed this event. ${describeError(error)}`);
    }
  }

  private add(watcher: Watcher): void {
    this.watchers = [...this.watchers, watcher];
    if (this.watchers.length === 1) this.ports.attach(this);
  }

  private remove(watcher: Watcher): void {
    const index = this.watchers.indexOf(watcher);
    if (index < 0) return;
    this.watchers = this.watchers.filter((w) => w !== watcher);
    if (this.watchers.length === 0) this.ports.attach(undefined);
  }
}
