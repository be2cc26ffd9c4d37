import type { ActorRef, AskOptions, GroupRef } from '../types';
import { formatAddress } from './address';
import type { Process } from './process';

/** What a ref needs of the process registry (which implements it): every send goes there. */
export interface Routes {
  tell(to: AnyRef, message: unknown): void;
  ask(to: AnyRef, message: unknown, options: AskOptions | undefined): Promise<unknown>;
  broadcast(to: GroupAddressRef, message: unknown): void;
  /** The process `ref` reaches now. */
  resolve<R extends AnyRef>(ref: R): R['process'];
}

/**
 * A ref is a value: an address (node + path), equal to every ref with the same address, and
 * the process it was made for (a cell, a group; later a remote node's link), through which
 * the registry delivers. Two classes with the same three fields rather than a base class:
 * a ref is made for every actor, and the plain constructor keeps spawning cheap.
 */
/** The ref of one actor. It stays valid across restarts; after a stop for good it is a dead-letter sink. */
export class Ref<M = unknown> implements ActorRef<M> {
  constructor(
    readonly path: string,
    /** @internal The registry every send goes through. */
    readonly registry: Routes,
    /** @internal The process this ref resolved to last (a cache, not the identity). */
    public process: Process,
  ) {}

  /** `rampart://<node><path>`. */
  get address(): string {
    return formatAddress(this.process.node, this.path);
  }

  toJSON(): { address: string } {
    return { address: this.address };
  }

  tell(message: M): void {
    this.registry.tell(this, message);
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    return this.registry.ask(this, message, options) as Promise<R>;
  }

  stop(): Promise<void> {
    return this.registry.resolve(this).stop();
  }

  kill(): void {
    this.registry.resolve(this).kill();
  }

  toString(): string {
    return `ActorRef(${this.address})`;
  }
}

/** What a group ref needs from its group, beyond being a process. */
export interface GroupProcess extends Process {
  broadcast(letter: unknown): void;
  readonly memberRefs: readonly ActorRef[];
  resize(size: number): Promise<void>;
}

/** The ref of a group: `tell` and `ask` reach one member by its dispatch, `broadcast` all. */
export class GroupAddressRef<M = unknown> implements GroupRef<M> {
  constructor(
    readonly path: string,
    /** @internal The registry every send goes through. */
    readonly registry: Routes,
    /** @internal The group this ref resolved to last (a cache, not the identity). */
    public process: GroupProcess,
  ) {}

  /** `rampart://<node><path>`. */
  get address(): string {
    return formatAddress(this.process.node, this.path);
  }

  toJSON(): { address: string } {
    return { address: this.address };
  }

  tell(message: M): void {
    this.registry.tell(this, message);
  }

  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    return this.registry.ask(this, message, options) as Promise<R>;
  }

  broadcast(message: M): void {
    this.registry.broadcast(this, message);
  }

  get members(): readonly ActorRef<M>[] {
    return this.registry.resolve(this).memberRefs as readonly ActorRef<M>[];
  }

  get size(): number {
    return this.registry.resolve(this).memberRefs.length;
  }

  resize(n: number): Promise<void> {
    return this.registry.resolve(this).resize(n);
  }

  toString(): string {
    return `GroupRef(${this.address})`;
  }
}

/** Either kind of ref this node makes. */
export type AnyRef = Ref | GroupAddressRef;

/** True for a ref made by rampart (as opposed to an object that merely looks like one). */
export function isRef(value: unknown): value is AnyRef {
  try {
    return value instanceof Ref || value instanceof GroupAddressRef;
  } catch {
    return false; // a revoked Proxy: certainly not a ref
  }
}
