import { Envelope } from '../core/envelope';
import type { Process } from '../core/process';
import { isRef, Ref } from '../core/ref';
import type { ProcessRegistry } from '../core/registry';
import { ConfigurationError } from '../errors';
import type { ActorRef } from '../types';
import type { ProbeHandle, ProbeLetter } from './test-hooks';

/**
 * The process behind a test probe's ref: not a cell, it has no mailbox and runs no handler.
 * Every letter is handed to the kit as it arrives (message, sender, the ask's reply slot),
 * so a probe answers an ask whenever the test says, and is never blocked by one.
 *
 * @internal
 */
export class ProbeProcess implements Process {
  readonly ref: Ref;
  terminated = false;
  private readonly watchers = new Map<string, ActorRef>();

  constructor(
    private readonly registry: ProcessRegistry,
    path: string,
    private readonly receive: (letter: ProbeLetter) => void,
  ) {
    this.ref = new Ref(path, registry, this);
  }

  get node(): string {
    return this.registry.node;
  }

  post(letter: unknown): void {
    if (this.terminated) {
      this.registry.deadLetter(letter, 'stopped', this.ref.path);
      return;
    }
    // A probe handles what it records at once: `inspect()` sees a delivery, as for an actor.
    const tap = this.registry.inspection;
    if (tap !== undefined) tap.delivered(letter, this.ref.path, 'handled', tap.clock());
    if (!Envelope.is(letter)) {
      this.receive({ message: letter, sender: undefined, reply: undefined });
      return;
    }
    const ask = letter.ask;
    const reply = ask === undefined ? undefined : (value: unknown) => this.registry.reply(ask, value, this.ref.path);
    this.receive({ message: letter.message, sender: letter.sender, reply });
  }

  stop(): Promise<void> {
    this.kill();
    return Promise.resolve();
  }

  kill(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.registry.unregister(this.ref.path, this);
    for (const watcher of this.watchers.values()) this.registry.notifyTerminated(watcher, this.ref);
    this.watchers.clear();
  }

  addWatcher(watcher: ActorRef): boolean {
    if (this.terminated) return false;
    this.watchers.set(watcher.address, watcher);
    return true;
  }

  removeWatcher(watcher: ActorRef): void {
    this.watchers.delete(watcher.address);
  }
}

/** Registers a probe at `path`; a `ConfigurationError` when something lives there already. */
export function attachProbe(registry: ProcessRegistry, path: string, receive: (letter: ProbeLetter) => void): ProbeHandle {
  const existing = registry.processAt(path);
  if (existing !== undefined && !existing.terminated) {
    throw new ConfigurationError(`TestKit.probe(): ${path} is taken by an actor or another probe. Give the probe another name: kit.probe('other-name').`);
  }
  const process = new ProbeProcess(registry, path, receive);
  registry.register(path, process);
  return {
    ref: process.ref,
    watch: (target) => {
      if (!isRef(target)) return false;
      registry.watch(process.ref, target);
      return true;
    },
    close: () => process.kill(),
  };
}
