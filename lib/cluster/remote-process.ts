import type { Process } from '../core/process';
import { Ref } from '../core/ref';
import type { Routes } from '../core/ref';
import type { ActorRef } from '../types';

/** What a remote process needs of its node's cluster layer (implemented by `ClusterNode`). */
export interface RemoteLinks {
  post(to: RemoteProcess, letter: unknown): void;
  stopRemote(target: RemoteProcess): Promise<void>;
  killRemote(target: RemoteProcess): void;
  watchRemote(target: RemoteProcess, watcher: ActorRef): boolean;
  unwatchRemote(target: RemoteProcess, watcher: ActorRef): void;
}

/**
 * An actor (or a group) on another node, as a process of this one: every letter for it
 * goes to the link to its node. It is never `terminated` here: only its node knows, and
 * answers for it (a dead letter `stopped` there, or `unreachable` here when the node is down).
 */
export class RemoteProcess implements Process {
  readonly ref: Ref;
  readonly terminated = false;

  constructor(
    private readonly links: RemoteLinks,
    readonly node: string,
    path: string,
    routes: Routes,
  ) {
    this.ref = new Ref(path, routes, this);
  }

  get path(): string {
    return this.ref.path;
  }

  post(letter: unknown): void {
    this.links.post(this, letter);
  }

  stop(): Promise<void> {
    return this.links.stopRemote(this);
  }

  kill(): void {
    this.links.killRemote(this);
  }

  addWatcher(watcher: ActorRef): boolean {
    return this.links.watchRemote(this, watcher);
  }

  removeWatcher(watcher: ActorRef): void {
    this.links.unwatchRemote(this, watcher);
  }
}
