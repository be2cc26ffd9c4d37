import type { Process } from '../core/process';
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
  /**
   * What this actor watches, by address: the ref, the process it was watched in, and how many
   * `Terminated` notices are still due (a path reused by a new actor can be watched again
   * before the old one's notice arrives). Each due notice is delivered once.
   */
  private readonly watching = new Map<string, { ref: AnyRef; process: Process; due: number }>();

  constructor(
    private readonly self: ActorRef,
    private readonly registry: ProcessRegistry,
  ) {}

  get empty(): boolean {
    return this.watchers.size === 0 && this.watching.size === 0;
  }

  watch(target: AnyRef): void {
    const address = target.address;
    if (address === this.self.address) return;
    const process = this.registry.resolve(target);
    const entry = this.watching.get(address);
    if (entry?.process === process) return;
    if (entry === undefined) this.watching.set(address, { ref: target, process, due: 1 });
    else {
      entry.process = process;
      entry.due++;
    }
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

  /** A `Terminated` of `address` arrives: true when one is still due (then one fewer is). */
  delivered(address: string): boolean {
    const entry = this.watching.get(address);
    if (entry === undefined) return false;
    if (--entry.due === 0) this.watching.delete(address);
    return true;
  }

  /** The actor stopped for good: every watcher gets `Terminated` once, and every watch of its own ends. */
  terminated(): void {
    for (const watcher of this.watchers.values()) this.registry.notifyTerminated(watcher, this.self as AnyRef);
    for (const { ref } of this.watching.values()) this.registry.unwatch(this.self, ref);
    this.watchers.clear();
    this.watching.clear();
  }
}
