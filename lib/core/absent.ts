import type { Process } from './process';
import { Ref } from './ref';
import type { AnyRef } from './ref';
import type { ProcessRegistry } from './registry';

/**
 * What a ref to a path with no actor reaches (a ref that came over the wire, say): a
 * stopped actor. A tell is a dead letter `stopped`, an ask rejects with
 * `ActorStoppedError`, and a watch gets `Terminated` at once.
 */
export class AbsentProcess implements Process {
  readonly ref: Ref;
  readonly terminated = true;

  constructor(
    private readonly registry: ProcessRegistry,
    path: string,
  ) {
    this.ref = new Ref(path, registry, this);
  }

  get node(): string {
    return this.registry.node;
  }

  post(letter: unknown): void {
    this.registry.deadLetter(letter, 'stopped', this.ref.path);
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  kill(): void {}

  addWatcher(): boolean {
    return false;
  }

  removeWatcher(): void {}
}

/**
 * The ref for `path` on `node`, as this node sees it: the process registered there when it
 * points home, a remote ref through the cluster, and otherwise a stopped actor.
 */
export function refAt(registry: ProcessRegistry, node: string, path: string): AnyRef {
  if (node !== registry.node && registry.remote !== undefined) return registry.remote.refAt(node, path);
  return (registry.processAt(path)?.ref as AnyRef | undefined) ?? new AbsentProcess(registry, path).ref;
}
