import type { Subscription } from 'rxjs';
import type { SystemEvent } from '../types';
import { RateMeter, Recent } from './meter';
import type { InspectedDelivery, InspectedSystem } from './ports';
import { errorView, eventView, nodeView, pathOf } from './views';
import type { ErrorView, EventView, NodeView } from './views';

/** What each Server-Sent Event carries: the whole picture, as plain JSON. @internal */
export interface InspectorSnapshot {
  /** Wall-clock ms when it was taken. */
  readonly at: number;
  readonly node: string;
  /** `system.nodes()`: the live nodes of the cluster, this one included. */
  readonly nodes: readonly string[];
  /** True once the system has terminated: the tree is the last one seen. */
  readonly terminated: boolean;
  /** True when message rates are measured (the system has `inspect()`). */
  readonly measuresRates: boolean;
  readonly messagesPerSecond: number;
  readonly deadLettersPerSecond: number;
  /** Dead letters per second by reason (`unhandled`, `failed`, ...). */
  readonly deadLetterReasons: Readonly<Record<string, number>>;
  /** `null` when the tree could not be read. */
  readonly tree: NodeView | null;
  /** The last `failed` events, newest last. */
  readonly errors: readonly ErrorView[];
  /** The last lifecycle and node events (dead letters are counted, not listed), newest last. */
  readonly events: readonly EventView[];
}

/** Ticks of the rate window: with the server's 250 ms tick, rates are over the last second. */
const RATE_WINDOW_TICKS = 4;

/**
 * Listens to a system and keeps what the page shows: recent events and errors, dead
 * letters and deliveries per second. Deliveries are counted only while `countDeliveries`
 * is on (while a page is open), so an inspector nobody looks at costs no work per message.
 * Nothing a user put in an event can make it throw: events are reduced to strings on arrival.
 * @internal
 */
export class Recorder {
  private readonly deliveries = new RateMeter(RATE_WINDOW_TICKS);
  private readonly deadLetters = new RateMeter(RATE_WINDOW_TICKS);
  private readonly errors = new Recent<ErrorView>(20);
  private readonly events = new Recent<EventView>(60);
  private readonly eventsSubscription: Subscription;
  private deliveriesSubscription: Subscription | undefined;
  private rates: ReadonlyMap<string, number> = new Map();
  private deadLetterRates: ReadonlyMap<string, number> = new Map();
  private nextId = 1;
  private lastTree: NodeView | null = null;
  private lastNodes: readonly string[] = [];
  private final: InspectorSnapshot | undefined;
  private closed = false;

  constructor(private readonly system: InspectedSystem) {
    this.eventsSubscription = system.events$.subscribe({ next: (event) => this.record(event), error: ignore });
    const ended = (): void => this.terminated();
    system.whenTerminated.then(ended, ended);
  }

  /** Whether `system.inspect()` exists, so message rates can be shown. */
  get measuresRates(): boolean {
    return typeof this.system.inspect === 'function';
  }

  /** Counts deliveries per recipient while `on`; a no-op without `inspect()`. */
  countDeliveries(on: boolean): void {
    if (!on) {
      this.deliveriesSubscription?.unsubscribe();
      this.deliveriesSubscription = undefined;
      return;
    }
    if (this.deliveriesSubscription !== undefined || this.final !== undefined || this.closed || !this.measuresRates) return;
    try {
      this.deliveriesSubscription = this.system.inspect!().subscribe({ next: (event) => this.delivered(event), error: ignore });
    } catch {
      // A system that cannot be inspected now (stopping): no rates, the rest still shows.
    }
  }

  /** Closes one tick of the rate window. */
  tick(): void {
    this.rates = this.deliveries.tick();
    this.deadLetterRates = this.deadLetters.tick();
  }

  /** The picture now; after termination, the last one taken before it. */
  snapshot(): InspectorSnapshot {
    if (this.final !== undefined) return { ...this.final, at: Date.now() };
    const reasons: Record<string, number> = {};
    let deadLettersPerSecond = 0;
    for (const [reason, rate] of this.deadLetterRates) {
      reasons[reason] = rate;
      deadLettersPerSecond += rate;
    }
    let messagesPerSecond = 0;
    for (const rate of this.rates.values()) messagesPerSecond += rate;
    return {
      at: Date.now(),
      node: String(this.system.node),
      nodes: this.readNodes(),
      terminated: false,
      measuresRates: this.measuresRates,
      messagesPerSecond: round(messagesPerSecond),
      deadLettersPerSecond: round(deadLettersPerSecond),
      deadLetterReasons: reasons,
      tree: this.readTree(),
      errors: this.errors.list(),
      events: this.events.list(),
    };
  }

  /** Stops listening to the system. Idempotent. */
  close(): void {
    this.closed = true;
    this.eventsSubscription.unsubscribe();
    this.countDeliveries(false);
  }

  private record(event: SystemEvent): void {
    try {
      const at = Date.now();
      if (event.type === 'dead-letter') {
        this.deadLetters.count(typeof event.reason === 'string' ? event.reason : 'unknown');
        return;
      }
      if (event.type === 'failed') this.errors.push(errorView(this.nextId, at, event));
      this.events.push(eventView(this.nextId++, at, event));
    } catch {
      // A value no guard foresaw: the event is left out, never the server.
    }
  }

  private delivered(event: InspectedDelivery | SystemEvent): void {
    // A dead letter is not a delivery: it is counted among the dead letters per second.
    if (event.type !== 'message' || event.outcome === 'dead-letter' || typeof event.to !== 'string') return;
    this.deliveries.count(pathOf(event.to, this.system.node));
  }

  private terminated(): void {
    if (this.closed) return;
    this.rates = new Map();
    this.deadLetterRates = new Map();
    this.final = { ...this.snapshot(), terminated: true };
    this.countDeliveries(false);
  }

  private readTree(): NodeView | null {
    try {
      this.lastTree = nodeView(this.system.tree(), this.rates);
    } catch {
      // A tree that cannot be read right now: show the last one.
    }
    return this.lastTree;
  }

  private readNodes(): readonly string[] {
    try {
      this.lastNodes = this.system.nodes().map(String);
    } catch {
      // Keep the last list.
    }
    return this.lastNodes;
  }
}

/** A stream that errors has nothing more to say; the page keeps what it had. */
function ignore(): void {}

function round(rate: number): number {
  return Math.round(rate * 10) / 10;
}
