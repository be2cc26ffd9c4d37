import { Subject, Subscriber } from 'rxjs';
import type { MailboxOptions } from '../types';
import { Fifo } from './fifo';
import { charge, runNextTurn, runSoon, turnSpent, UNITS_PER_CLOCK_READ } from '../core/turn';
import { queueDetached } from './current';

/** What a mailbox needs from the actor that owns it. */
export interface MailboxOwner {
  /** Handles one letter. Returns a promise while an async handler is in flight. */
  process(letter: unknown): PromiseLike<void> | undefined;
  /** A letter the bounded mailbox could not keep. */
  dropped(letter: unknown): void;
  /** The queue is empty and nothing is in flight. */
  idle(): void;
  /**
   * Letters the owner took from this mailbox and still holds unhandled, beyond the one in
   * flight (a cell on a worker thread has them on the worker): they count against the bound.
   */
  readonly queuedElsewhere: number;
}

/** Messages handled in one drain before it lets the other mailboxes that wait have a go. */
const THROUGHPUT = 4096;

/** Messages handled between two charges to the turn's budget (each charge may read the clock). */
const BATCH = UNITS_PER_CLOCK_READ;

/**
 * An actor's mailbox. The intake is an RxJS `Subject` (created for each burst of messages); its
 * subscriber only appends to a FIFO, and one non-reentrant drain loop, started once per
 * burst, hands the letters to the owner one at a time. A letter is the bare message for a
 * plain tell from outside any actor (no allocation), or an `Envelope`.
 *
 * Every drain, of every mailbox, spends the one budget of the current event-loop turn
 * (`core/turn`): while it lasts, a drain starts on a microtask; once it is spent, drains
 * start from the next turn's `setImmediate`, so actors that keep telling each other never
 * starve timers, I/O or a shutdown.
 */
export class Mailbox {
  private intake: Intake | undefined;
  /** Exists while there are messages: an idle actor has none. */
  private queue: Fifo | undefined;
  private scheduled = false;
  /** Sequence number of the letter in flight (0: none), so a late settle is recognised. */
  private inFlight = 0;
  private sequence = 0;
  private suspended = true;

  constructor(
    private readonly owner: MailboxOwner,
    private readonly bounds: MailboxOptions | undefined,
  ) {}

  /** Queued messages, not counting the one in flight. */
  get size(): number {
    return this.queue === undefined ? 0 : this.queue.length;
  }

  /** True while it hands out no messages. */
  get isSuspended(): boolean {
    return this.suspended;
  }

  /** How many letters it has handed out so far (the test kit reads it to see progress). */
  get delivered(): number {
    return this.sequence;
  }

  /** True while a handler is running (or awaiting) for this mailbox. */
  get busy(): boolean {
    return this.inFlight !== 0;
  }

  /** Accepts a message; returns false when a bounded mailbox with `reject` refused it. */
  post(letter: unknown): boolean {
    if (this.bounds !== undefined && this.size + this.owner.queuedElsewhere >= this.bounds.capacity) {
      if (this.bounds.overflow === 'drop-newest' || this.bounds.overflow === 'reject' || this.size === 0) {
        // With every kept letter already elsewhere, the newest is the only one to drop.
        this.owner.dropped(letter);
        return this.bounds.overflow !== 'reject';
      }
      this.owner.dropped(this.queue!.shift());
    }
    (this.intake ??= Intake.take(this)).subject.next(letter);
    return true;
  }

  /** Stops handing out messages; they keep queueing. */
  suspend(): void {
    this.suspended = true;
  }

  /** Hands out messages again. */
  resume(): void {
    this.suspended = false;
    if (this.size > 0) this.schedule();
  }

  /** Empties the queue and returns what was in it, oldest first. */
  takeAll(): unknown[] {
    const queue = this.queue;
    this.queue = undefined;
    return queue === undefined ? [] : queue.toArray();
  }

  /**
   * Puts `letters` back at the head of the queue, oldest first, ahead of what is queued: the
   * letters a worker thread handed back unhandled. They were accepted once, so no bound applies.
   */
  putBack(letters: readonly unknown[]): void {
    if (letters.length === 0) return;
    const rest = this.takeAll();
    const queue = (this.queue = Fifo.take());
    for (let i = 0; i < letters.length; i++) queue.push(letters[i]);
    for (let i = 0; i < rest.length; i++) queue.push(rest[i]);
    this.schedule();
  }

  /** Forgets the in-flight message (its handler was abandoned). */
  abandonInFlight(): void {
    this.inFlight = 0;
  }

  /** @internal Called by the intake's subscriber only. */
  enqueue(letter: unknown): void {
    (this.queue ??= Fifo.take()).push(letter);
    this.schedule();
  }

  /**
   * Gives back the intake and the queue once everything is handled: an actor that went idle
   * again holds no Subject (about 900 B) and no queue. Both go to small shared pools, so the
   * next burst, here or at another actor, builds neither.
   */
  private release(): void {
    this.intake?.giveBack();
    this.intake = undefined;
    if (this.queue !== undefined) Fifo.giveBack(this.queue);
    this.queue = undefined;
  }

  private schedule(): void {
    if (this.scheduled || this.suspended || this.inFlight !== 0) return;
    this.scheduled = true;
    queueDetached(() => this.drain());
  }

  /**
   * Hands out letters until the queue is empty, a handler is in flight, or a yield is due:
   * every `BATCH` letters it charges the turn's budget, and when that is spent (or this drain
   * has had `THROUGHPUT` letters) it continues through `runSoon`, behind the others waiting.
   * Runs detached from any actor's async context (see `queueDetached`); so does what it queues.
   */
  private drain(): void {
    if (turnSpent()) {
      // Queued while the budget lasted, but it ran out before this drain's turn came.
      runNextTurn(() => this.drain());
      return;
    }
    this.scheduled = false;
    /** Letters handled since the last charge, and in this drain so far (in whole batches). */
    let uncharged = 0;
    let handled = 0;
    while (!this.suspended && this.inFlight === 0) {
      if (this.size === 0) {
        charge(uncharged);
        this.release();
        this.owner.idle();
        return;
      }
      const id = (this.inFlight = ++this.sequence);
      const pending = this.owner.process(this.queue!.shift());
      if (pending !== undefined) {
        charge(uncharged + 1);
        pending.then(() => this.settled(id));
        return;
      }
      if (this.inFlight === id) this.inFlight = 0;
      if (++uncharged === BATCH) {
        uncharged = 0;
        handled += BATCH;
        const spent = charge(BATCH);
        if ((spent || handled >= THROUGHPUT) && !this.suspended && this.inFlight === 0 && this.size > 0) {
          this.scheduled = true;
          runSoon(() => this.drain());
          return;
        }
      }
    }
    charge(uncharged);
  }

  private settled(id: number): void {
    if (this.inFlight !== id) return;
    this.inFlight = 0;
    if (this.size === 0) {
      this.release();
      this.owner.idle();
    }
    else this.schedule();
  }
}

/** Intakes waiting for their next burst; bounded, so idle actors never pay for them. */
const spareIntakes: Intake[] = [];
const SPARE_INTAKES = 256;

/**
 * A mailbox's intake: an RxJS `Subject` and its one subscriber, which only appends to the
 * mailbox's FIFO. A `Subscriber` subclass is taken by the Subject as it is, without the
 * safe-subscriber wrapping that a plain callback gets: `enqueue` never throws.
 */
class Intake extends Subscriber<unknown> {
  readonly subject = new Subject<unknown>();

  private constructor(private mailbox: Mailbox | undefined) {
    super();
    this.subject.subscribe(this);
  }

  /** An intake for `mailbox`: a spare one when there is one. */
  static take(mailbox: Mailbox): Intake {
    const spare = spareIntakes.pop();
    if (spare === undefined) return new Intake(mailbox);
    spare.mailbox = mailbox;
    return spare;
  }

  giveBack(): void {
    this.mailbox = undefined;
    if (spareIntakes.length < SPARE_INTAKES) spareIntakes.push(this);
  }

  protected override _next(letter: unknown): void {
    this.mailbox!.enqueue(letter);
  }
}
