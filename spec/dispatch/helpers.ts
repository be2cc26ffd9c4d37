/**
 * Shared plumbing for the dispatch specs (groups, routing, distributors, the resizer and
 * broadcast): a system on a VirtualScheduler that records its streams, a member class that
 * logs what each member (by path) does, controllable promises, and a safety net for leftovers.
 */
import { expect } from 'chai';
import { ActorSystem, On } from '../../lib';
import type { ActorClass, Context, GroupRef, SystemEvent } from '../../lib';
import { deferred, track, type Deferred, type Outcome } from '../support/promises';
import { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem, type Harness } from '../support/harness';

export { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem };
export type { Harness };

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
