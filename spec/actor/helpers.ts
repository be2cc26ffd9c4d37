/**
 * Shared plumbing for the actor specs: a system on a VirtualScheduler that records its dead
 * letters and events, controllable promises, and a safety net that kills leftover systems.
 */
import { expect } from 'chai';
import { Child, Supervisor, ActorSystem } from '../../lib';
import type { ActorClass, ActorRef, ChildOptions, DeadLetter, SystemEvent, SystemOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { deferred, track, type Deferred, type Outcome } from '../support/promises';

export interface Harness {
  system: ActorSystem;
  scheduler: VirtualScheduler;
  /** Everything published on `deadLetters$` since start. */
  deadLetters: DeadLetter[];
  /** Everything published on `events$` since start. */
  events: SystemEvent[];
}

export interface WorkerHarness extends Harness {
  /** The ref of the single child at `/app/worker`. */
  ref: ActorRef;
}

const live = new Set<ActorSystem>();

/** Starts `Root` as `/app` on a fresh VirtualScheduler and records its streams. */
export async function startSystem(
  Root: ActorClass,
  options: Omit<SystemOptions, 'scheduler'> = {},
  scheduler = new VirtualScheduler(),
): Promise<Harness> {
  const system = await ActorSystem.start(Root, { name: 'app', ...options, scheduler });
  live.add(system);
  const deadLetters: DeadLetter[] = [];
  const events: SystemEvent[] = [];
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));
  system.events$.subscribe((event) => events.push(event));
  return { system, scheduler, deadLetters, events };
}

/** Starts a fresh `/app` supervisor whose only child is `Worker` at `/app/worker`. */
export async function startWorker(
  Worker: ActorClass,
  childOptions: ChildOptions = {},
  systemOptions: Omit<SystemOptions, 'scheduler'> = {},
): Promise<WorkerHarness> {
  @Supervisor()
  class App {
    @Child(Worker, childOptions) worker!: ActorRef;
  }
  const harness = await startSystem(App, systemOptions);
  return { ...harness, ref: refAt(harness.system, '/app/worker') };
}

/** The ActorRef at `path`; fails the test when there is none. */
export function refAt(system: ActorSystem, path: string): ActorRef {
  const ref = system.lookup(path);
  expect(ref, `lookup('${path}')`).to.not.equal(undefined);
  return ref as ActorRef;
}

/** Puts a system started by hand under the `killLeftovers` safety net. */
export function adopt(system: ActorSystem): ActorSystem {
  live.add(system);
  return system;
}

/** Graceful end of a test. */
export async function shutdown(harness: Harness): Promise<void> {
  live.delete(harness.system);
  await harness.system.shutdown();
}

/** Immediate end of a test. */
export function kill(harness: Harness): void {
  live.delete(harness.system);
  harness.system.kill();
}

/** `afterEach` safety net: kills every system a failed test left running. */
export function killLeftovers(): void {
  for (const system of live) {
    try {
      system.kill();
    } catch {
      // already gone
    }
  }
  live.clear();
}

export { deferred, track };
export type { Deferred, Outcome };

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, but it resolved with ${String(value)}`);
}

/** The dead letters as comparable `[reason, message]` pairs. */
export function lettersOf(harness: Harness): Array<[string, unknown]> {
  return harness.deadLetters.map((letter) => [letter.reason, letter.message]);
}
