/**
 * The harness most specs share: a system started as `/app` on a fresh VirtualScheduler that
 * records its events and dead letters, graceful and immediate ends, and an `afterEach`
 * safety net that kills whatever a failed test left running.
 */
import { expect } from 'chai';
import { ActorSystem } from '../../lib';
import type { ActorClass, ActorRef, DeadLetter, SystemEvent, SystemOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { track } from './promises';

export interface Harness {
  system: ActorSystem;
  scheduler: VirtualScheduler;
  /** Everything published on `events$` since start. */
  events: SystemEvent[];
  /** Everything published on `deadLetters$` since start. */
  deadLetters: DeadLetter[];
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
  const events: SystemEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  system.events$.subscribe((event) => events.push(event));
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));
  // whenTerminated may reject (the root gave up); specs that care await it themselves.
  system.whenTerminated.catch(() => undefined);
  return { system, scheduler, events, deadLetters };
}

/** Graceful end of a test (advances virtual time so that shutdown timeouts can run). */
export async function shutdown(h: Harness): Promise<void> {
  live.delete(h.system);
  const done = track(h.system.shutdown());
  await h.scheduler.advanceBy(0);
  for (let i = 0; i < 20 && !done.settled; i++) await h.scheduler.advanceBy(5000);
  expect(done.settled, 'system.shutdown() completed').to.equal(true);
  expect(done.error, 'system.shutdown() error').to.equal(undefined);
}

/** Immediate end of a test. */
export function kill(h: Harness): void {
  live.delete(h.system);
  h.system.kill();
}

/** Forgets a system that ended by itself (the root gave up). */
export function ended(h: Harness): void {
  live.delete(h.system);
}

/** Puts a system started by hand under the `killLeftovers` safety net. */
export function adopt(system: ActorSystem): ActorSystem {
  live.add(system);
  return system;
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

/** The ActorRef at `path`; fails the test when there is none. */
export function refAt(system: ActorSystem, path: string): ActorRef {
  const ref = system.lookup(path);
  expect(ref, `lookup('${path}')`).to.not.equal(undefined);
  return ref as ActorRef;
}
