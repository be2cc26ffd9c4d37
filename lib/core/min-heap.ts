/**
 * A binary min-heap of items keyed by a pair of numbers, compared as (`key`, then `tie`).
 * The keys live in arrays of their own, beside the items, so comparing never touches an item.
 * `push`, `pop` and `replaceTop` are O(log n); `peek`, `topKey` and `topTie` are O(1).
 *
 * It is small on purpose: the ask deadlines need exactly these operations (`replaceTop` to
 * re-key the earliest lane after its head has timed out or settled), with a numeric tie-break.
 */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly keys: number[] = [];
  private readonly ties: number[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The item with the smallest (key, tie), if any. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** The smallest key, or Infinity when the heap is empty. */
  get topKey(): number {
    return this.items.length > 0 ? this.keys[0] : Infinity;
  }

  /** The tie-break of the smallest entry, or Infinity when the heap is empty. */
  get topTie(): number {
    return this.items.length > 0 ? this.ties[0] : Infinity;
  }

  push(item: T, key: number, tie: number): void {
    this.items.push(item);
    this.keys.push(key);
    this.ties.push(tie);
    this.siftUp(this.items.length - 1, item, key, tie);
  }

  /** Removes and returns the item with the smallest (key, tie). */
  pop(): T | undefined {
    const { items, keys, ties } = this;
    if (items.length === 0) return undefined;
    const top = items[0];
    const item = items.pop()!;
    const key = keys.pop()!;
    const tie = ties.pop()!;
    if (items.length > 0) this.siftDown(0, item, key, tie);
    return top;
  }

  /** Gives the top item a new (key, tie) and moves it to its place. The heap must not be empty. */
  replaceTop(key: number, tie: number): void {
    this.siftDown(0, this.items[0], key, tie);
  }

  /** Drops every item. */
  clear(): void {
    this.items.length = this.keys.length = this.ties.length = 0;
  }

  /** Moves the hole at `i` up until (key, tie) fits, then puts `item` there. */
  private siftUp(i: number, item: T, key: number, tie: number): void {
    const { items, keys, ties } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && ties[parent] <= tie)) break;
      items[i] = items[parent];
      keys[i] = pk;
      ties[i] = ties[parent];
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
    ties[i] = tie;
  }

  /** Moves the hole at `i` down until (key, tie) fits, then puts `item` there. */
  private siftDown(i: number, item: T, key: number, tie: number): void {
    const { items, keys, ties } = this;
    const n = items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && ties[right] < ties[child]))) child = right;
      const ck = keys[child];
      if (key < ck || (key === ck && tie <= ties[child])) break;
      items[i] = items[child];
      keys[i] = ck;
      ties[i] = ties[child];
      i = child;
    }
    items[i] = item;
    keys[i] = key;
    ties[i] = tie;
  }
}
