import type { Observable, SchedulerLike } from 'rxjs';
import type { TreeNode } from '../../lib';

/** A promise the test opens by hand, to keep a handler or a hook in flight. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves when `ms` of scheduler time has passed (with a VirtualScheduler: when advanced). */
export function after(scheduler: SchedulerLike, ms: number): Promise<void> {
  return new Promise<void>((resolve) => scheduler.schedule(() => resolve(), ms));
}

/** The rejection reason of `promise`; fails the test if it resolves instead. */
export function rejectionOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, but it resolved with ${String(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Everything `source` emits from now on, in order. */
export function record<T>(source: Observable<T>): T[] {
  const items: T[] = [];
  source.subscribe((item) => items.push(item));
  return items;
}

/** Tracks whether a promise has settled yet, without consuming its outcome. */
export function tracked<T>(promise: Promise<T>): { readonly settled: boolean; readonly promise: Promise<T> } {
  const state = { settled: false, promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/** The node at `path` in a tree snapshot. */
export function findNode(node: TreeNode, path: string): TreeNode | undefined {
  if (node.path === path) return node;
  for (const child of node.children) {
    const found = findNode(child, path);
    if (found) return found;
  }
  return undefined;
}

/** A tree snapshot reduced to the contract's fields, for deep comparisons. */
export function shape(node: TreeNode): TreeNode {
  const { path, kind, restarts, mailboxSize } = node;
  return { path, kind, restarts, mailboxSize, children: node.children.map(shape) };
}
