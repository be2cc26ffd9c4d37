import { Subject } from 'rxjs';
import type { MailboxOptions } from '../types';
import { queueDetached } from './current';
import type { Envelope } from './envelope';

/** What a mailbox needs from the actor that owns it. */
export interface MailboxOwner {
  /** Handles one envelope. Returns a promise while an async handler is in flight. */
  process(envelope: Envelope): PromiseLike<void> | undefined;
  /** A message the bounded mailbox could not keep. */
  dropped(envelope: Envelope): void;
  /** The queue is empty and nothing is in flight. */
  idle(): void;
}

/** Messages handled in one drain before the loop yields to the event loop. */
const THROUGHPUT = 4096;

/**
 * An actor's mailbox. The intake is an RxJS `Subject` (created on the first message); its
 * subscriber only appends to a FIFO, and one non-reentrant drain loop, started once per
 * burst on a microtask, hands the envelopes to the owner one at a time.
 */
export class Mailbox {
  private intake: Subject<Envelope> | undefined;
  private queue: Envelope[] | undefined;
  private head = 0;
  private scheduled = false;
  private inFlight: Envelope | undefined;
  private suspended = true;

  constructor(
    private readonly owner: MailboxOwner,
    private readonly bounds: MailboxOptions | undefined,
  ) {}

  /** Queued messages, not counting the one in flight. */
  get size(): number {
    return this.queue === undefined ? 0 : this.queue.length - this.head;
  }

  /** True while a handler is running (or awaiting) for this mailbox. */
  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** Accepts a message; returns false when a bounded mailbox with `reject` refused it. */
  post(envelope: Envelope): boolean {
    if (this.bounds !== undefined && this.size >= this.bounds.capacity) {
      if (this.bounds.overflow === 'drop-newest' || this.bounds.overflow === 'reject') {
        this.owner.dropped(envelope);
        return this.bounds.overflow === 'drop-newest';
      }
      this.owner.dropped(this.shift()!);
    }
    if (this.intake === undefined) {
      this.intake = new Subject<Envelope>();
      this.intake.subscribe((e) => this.enqueue(e));
    }
    this.intake.next(envelope);
    return true;
  }

  /** Stops handing out messages; they keep queueing. */
  suspend(): void {
    this.suspended = true;
  }

  /** Hands out messages again. */
  resume(): void {
    this.suspended = false;
    this.schedule();
  }

  /** Empties the queue and returns what was in it, oldest first. */
  takeAll(): Envelope[] {
    const queue = this.queue;
    if (queue === undefined || this.size === 0) return [];
    const taken = queue.slice(this.head);
    this.queue = undefined;
    this.head = 0;
    return taken;
  }

  /** Forgets the in-flight message (its handler was abandoned). */
  abandonInFlight(): void {
    this.inFlight = undefined;
  }

  private enqueue(envelope: Envelope): void {
    (this.queue ??= []).push(envelope);
    this.schedule();
  }

  private shift(): Envelope | undefined {
    const queue = this.queue;
    if (queue === undefined || this.head >= queue.length) return undefined;
    const envelope = queue[this.head];
    (queue as (Envelope | undefined)[])[this.head++] = undefined;
    if (this.head === queue.length) {
      this.queue = undefined;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= queue.length) {
      queue.splice(0, this.head);
      this.head = 0;
    }
    return envelope;
  }

  private schedule(): void {
    if (this.scheduled || this.suspended || this.inFlight !== undefined) return;
    this.scheduled = true;
    queueDetached(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    for (let budget = THROUGHPUT; !this.suspended && this.inFlight === undefined; budget--) {
      if (budget === 0) {
        this.scheduled = true;
        setImmediate(() => this.drain());
        return;
      }
      const envelope = this.shift();
      if (envelope === undefined) {
        this.owner.idle();
        return;
      }
      this.inFlight = envelope;
      const pending = this.owner.process(envelope);
      if (pending !== undefined) {
        pending.then(() => this.settled(envelope));
        return;
      }
      this.inFlight = undefined;
    }
  }

  private settled(envelope: Envelope): void {
    if (this.inFlight !== envelope) return;
    this.inFlight = undefined;
    if (this.size === 0) this.owner.idle();
    else this.schedule();
  }
}
