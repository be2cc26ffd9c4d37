import type { AnyRef } from '../core/ref';
import type { ProcessRegistry } from '../core/registry';
import type { ActorRef } from '../types';

/**
 * One actor's death watch, made when it first watches or is watched: who watches it, and
 * whom it watches, both keyed by address (refs are values). Watch and unwatch are system
 * messages through the registry, so the other side may be any kind of process.
 */
export class DeathWatch {
  /** Refs to tell `Terminated` when this actor stops for good. */
  private readonly watchers = new Map<string, ActorRef>();
  /** Refs this actor watches: a `Terminated` of one of them is delivered once, then forgotten. */
  private readonly watching = new Map<string, AnyRef>();

  constructor(
    private readonly self: ActorRef,
    private readonly registry: ProcessRegistry,
  ) {}

  get empty(): boolean {
    return this.watchers.size === 0 && this.watching.size === 0;
  }

  watch(target: AnyRef): void {
    const address = target.address;
    if (address === this.self.address || this.watching.has(address)) return;
    this.watching.set(address, target);
    this.registry.watch(this.self, target);
  }

  unwatch(target: AnyRef): void {
    this.watching.delete(target.address);
    this.registry.unwatch(this.self, target);
  }

  addWatcher(watcher: ActorRef): void {
    this.watchers.set(watcher.address, watcher);
  }

  removeWatcher(watcher: ActorRef): void {
    this.watchers.delete(watcher.address);
  }

  /** A `Terminated` of `address` arrives: true (once) when it is still watched. */
  delivered(address: string): boolean {
    return this.watching.delete(address);
  }

  /** The actor stopped for good: every watcher gets `Terminated` once, and every watch of its own ends. */
  terminated(): void {
    for (const watcher of this.watchers.values()) this.registry.notifyTerminated(watcher, this.self as AnyRef);
    for (const target of this.watching.values()) this.registry.unwatch(this.self, target);
    this.watchers.clear();
    this.watching.clear();
  }
}
