const FIRST_SEGMENT = 16;
const LARGEST_SEGMENT = 4096;

interface Segment {
  readonly items: unknown[];
  next: Segment | undefined;
}

function segment(length: number): Segment {
  return { items: new Array<unknown>(length), next: undefined };
}

/**
 * A first-in-first-out queue made of linked array segments. Segments start small (a mailbox
 * with a few messages stays small) and double up to a cap, so a burst of a million messages
 * never copies or splices one big array, and a drained segment is garbage at once.
 */
export class Fifo {
  private head: Segment = segment(FIRST_SEGMENT);
  private tail: Segment = this.head;
  private headIndex = 0;
  private tailIndex = 0;
  length = 0;

  push(item: unknown): void {
    let tail = this.tail;
    if (this.tailIndex === tail.items.length) {
      tail = tail.next = segment(Math.min(tail.items.length * 2, LARGEST_SEGMENT));
      this.tail = tail;
      this.tailIndex = 0;
    }
    tail.items[this.tailIndex++] = item;
    this.length++;
  }

  /** Removes and returns the oldest item; only call when `length > 0`. */
  shift(): unknown {
    const head = this.head;
    const item = head.items[this.headIndex];
    head.items[this.headIndex++] = undefined;
    if (--this.length === 0) {
      // Empty: start over in the head segment, so a steady trickle allocates nothing.
      this.tail = head;
      head.next = undefined;
      this.headIndex = this.tailIndex = 0;
    } else if (this.headIndex === head.items.length) {
      this.head = head.next!;
      this.headIndex = 0;
    }
    return item;
  }

  /** A queue to use: a spare empty one when there is one. */
  static take(): Fifo {
    return spareQueues.pop() ?? new Fifo();
  }

  /**
   * Keeps an empty queue for the next burst, here or at another mailbox (a small shared pool,
   * like the intakes'), unless it grew past its first segment: a big one is left to the GC.
   */
  static giveBack(queue: Fifo): void {
    if (queue.length === 0 && queue.head.items.length === FIRST_SEGMENT && spareQueues.length < SPARE_QUEUES) spareQueues.push(queue);
  }

  /** Every item, oldest first. */
  toArray(): unknown[] {
    const items: unknown[] = [];
    for (let s: Segment | undefined = this.head, i = this.headIndex; s !== undefined; s = s.next, i = 0) {
      const end = s === this.tail ? this.tailIndex : s.items.length;
      for (; i < end; i++) items.push(s.items[i]);
    }
    return items;
  }
}

/** Empty queues waiting for their next burst; bounded, so idle actors never pay for them. */
const spareQueues: Fifo[] = [];
const SPARE_QUEUES = 256;
