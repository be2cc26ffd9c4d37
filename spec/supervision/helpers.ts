/**
 * Shared plumbing for the supervision specs: a system on a VirtualScheduler that records its
 * events and dead letters, a "probe" child class that logs its lifecycle into an ordered log
 * (the OTP supervisor suite's style), controllable promises, and a safety net for leftovers.
 */
import { On } from '../../lib';
import type { Context, SystemEventType } from '../../lib';
import { deferred, track, type Deferred, type Outcome } from '../support/promises';
import { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem, type Harness } from '../support/harness';

export { adopt, ended, kill, killLeftovers, refAt, shutdown, startSystem };
export type { Harness };


/** `type path` for each recorded event of the given types, in order. */
export function eventLog(h: Harness, types: readonly SystemEventType[] = ['failed', 'restarted', 'stopped', 'escalated']): string[] {
  return h.events.filter((e) => types.includes(e.type)).map((e) => `${e.type} ${e.path}`);
}

/** The dead letters as comparable `[reason, message]` pairs (optionally only those at `path`). */
export function lettersOf(h: Harness, path?: string): Array<[string, unknown]> {
  return h.deadLetters.filter((d) => path === undefined || d.path === path).map((d) => [d.reason, d.message]);
}

/** `log` without the entries listed in `drop`. */
export function without(log: readonly string[], ...drop: string[]): string[] {
  return log.filter((entry) => !drop.includes(entry));
}

export { deferred, track };
export type { Deferred, Outcome };

/** A message that keeps a probe busy until `gate` settles (a rejection fails the probe). */
export class Slow {
  constructor(
    readonly label: string,
    readonly gate: Promise<void>,
  ) {}
}

/** The hooks of a `probe` instance, so that a spec can extend a probe class. */
export interface ProbeLifecycle {
  beforeStart(): void;
  afterStop(): void;
  beforeRestart(): void;
  afterRestart(): void;
}

export type ProbeClass = new () => ProbeLifecycle;

/**
 * A throwaway child class that logs into `log`:
 * `start n` (beforeStart), `stop n` (afterStop), `beforeRestart n`, `restart n` (afterRestart),
 * `n got m` for each plain message it handles, `n begin l` / `n end l` around a `Slow`.
 * Messages: `'fail'` throws, `'quit'` calls `ctx.stop()`, `'count'` returns a counter kept in
 * the instance, `'who'` returns `n#<instance number> restarts <ctx.restarts>`.
 */
export function probe(name: string, log: string[]): ProbeClass {
  let made = 0;
  class Probe {
    private readonly id = ++made;
    private counter = 0;

    beforeStart(): void {
      log.push(`start ${name}`);
    }

    afterStop(): void {
      log.push(`stop ${name}`);
    }

    beforeRestart(): void {
      log.push(`beforeRestart ${name}`);
    }

    afterRestart(): void {
      log.push(`restart ${name}`);
    }

    @On(String)
    handle(msg: string, ctx: Context): unknown {
      switch (msg) {
        case 'fail':
          throw new Error(`${name} failed`);
        case 'quit':
          ctx.stop();
          return undefined;
        case 'count':
          return ++this.counter;
        case 'who':
          return `${name}#${this.id} restarts ${ctx.restarts}`;
        default:
          log.push(`${name} got ${msg}`);
          return msg;
      }
    }

    @On(Slow)
    async slow(msg: Slow): Promise<string> {
      log.push(`${name} begin ${msg.label}`);
      await msg.gate;
      log.push(`${name} end ${msg.label}`);
      return msg.label;
    }
  }
  Object.defineProperty(Probe, 'name', { value: `Probe_${name}` });
  return Probe;
}
