/**
 * Shared plumbing for the dispatch specs (groups, routing, distributors, the resizer and
 * broadcast): a system on a VirtualScheduler that records its streams, a member class that
 * logs what each member (by path) does, controllable promises, and a safety net for leftovers.
 */
import { expect } from 'chai';
import { ActorSystem, On } from '../../lib';
import type { ActorClass, Context, DeadLetter, GroupRef, SystemEvent, SystemOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { deferred, track, type Deferred, type Outcome } from '../support/promises';

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
export async function startSystem(Root: ActorClass, options: Omit<SystemOptions, 'scheduler'> = {}): Promise<Harness> {
  const scheduler = new VirtualScheduler();
  const system = await ActorSystem.start(Root, { name: 'app', ...options, scheduler });
  live.add(system);
  const events: SystemEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  system.events$.subscribe((event) => events.push(event));
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));
  system.whenTerminated.catch(() => undefined);
  return { system, scheduler, events, deadLetters };
}

/** Graceful end of a test (advances virtual time so shutdown timeouts can run). */
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

/** The GroupRef at `path`; fails the test when there is none. */
export function groupAt(system: ActorSystem, path: string): GroupRef {
  const ref = system.lookup(path) as GroupRef | undefined;
  expect(ref, `lookup('${path}')`).to.not.equal(undefined);
  expect(ref, `lookup('${path}') is a GroupRef`).to.have.property('members');
  return ref!;
}

/** The paths of a group's current members. */
export const memberPaths = (group: GroupRef): string[] => group.members.map((m) => m.path);

/** `/app/workers/0`, … for `n` members. */
export const pathsOf = (base: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${base}/${i}`);

/** The recorded events of `type` (which may be one outside `SystemEventType`, like `'resized'`). */
export const eventsOf = (h: Harness, type: string): SystemEvent[] => h.events.filter((e) => (e.type as string) === type);

/** `type path` for each recorded event of the given types, in order. */
export const eventLog = (h: Harness, types: readonly string[]): string[] =>
  h.events.filter((e) => types.includes(e.type)).map((e) => `${e.type} ${e.path}`);

export { deferred, track };
export type { Deferred, Outcome };

/** Advances virtual time by `step` until `outcome` settles (at most `rounds` steps). */
export async function until(h: Harness, outcome: Outcome<unknown>, step = 0, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds && !outcome.settled; i++) await h.scheduler.advanceBy(step);
}

/** A message that keeps a member busy until `gate` settles. */
export class Slow {
  constructor(
    readonly label: string,
    readonly gate: Promise<void>,
  ) {}
}

/**
 * A throwaway member class that logs into `log`, by its own path p:
 * `start p` (beforeStart), `stop p` (afterStop), `beforeRestart p`, `restart p` (afterRestart),
 * `p got m` for each plain string it handles, `p begin l` / `p end l` around a `Slow`.
 * Strings: `'fail'` throws, `'quit'` calls `ctx.stop()`, `'who'` returns
 * `p restarts <ctx.restarts>` (without logging); any other string returns p.
 */
export function member(log: string[]): ActorClass {
  class Member {
    beforeStart(ctx: Context): void {
      log.push(`start ${ctx.path}`);
    }

    afterStop(ctx: Context): void {
      log.push(`stop ${ctx.path}`);
    }

    beforeRestart(ctx: Context): void {
      log.push(`beforeRestart ${ctx.path}`);
    }

    afterRestart(ctx: Context): void {
      log.push(`restart ${ctx.path}`);
    }

    @On(String)
    handle(msg: string, ctx: Context): unknown {
      switch (msg) {
        case 'fail':
          throw new Error(`${ctx.path} failed`);
        case 'quit':
          ctx.stop();
          return undefined;
        case 'who':
          return `${ctx.path} restarts ${ctx.restarts}`;
        default:
          log.push(`${ctx.path} got ${msg}`);
          return ctx.path;
      }
    }

    @On(Slow)
    async slow(msg: Slow, ctx: Context): Promise<string> {
      log.push(`${ctx.path} begin ${msg.label}`);
      await msg.gate;
      log.push(`${ctx.path} end ${msg.label}`);
      return msg.label;
    }
  }
  return Member;
}

/** The messages that `path` handled, in order, from a `member` log. */
export const gotBy = (log: readonly string[], path: string): string[] =>
  log.filter((entry) => entry.startsWith(`${path} got `)).map((entry) => entry.slice(`${path} got `.length));

/** `log` without the entries listed in `drop`. */
export const without = (log: readonly string[], ...drop: string[]): string[] => log.filter((entry) => !drop.includes(entry));
