import type { DeadLetter, SystemEvent } from '../types';

/**
 * @internal The key of the test kit's options in the options of `ActorSystem.start`. A
 * symbol, so that it is no public option (`Object.keys` skips it, and so does the check of
 * the options): only `rampart/testing` sets it.
 */
export const TEST_HOOKS: unique symbol = Symbol('rampart.testHooks');

/** @internal What `startTestSystem` asks of `ActorSystem.start`. */
export interface TestHooks {
  /** `RealClass -> FakeClass`: the fake is built wherever the tree declares the real class. */
  readonly overrides?: ReadonlyMap<Function, Function>;
  /** Receives every event and dead letter from before the static tree starts. */
  readonly record?: {
    event(event: SystemEvent): void;
    deadLetter(deadLetter: DeadLetter): void;
  };
}

/** @internal What a test probe's process hands the kit: one letter it received. */
export interface ProbeLetter {
  readonly message: unknown;
  /** The sending actor's ref (`undefined` for a tell from outside any actor). */
  readonly sender: unknown;
  /** Answers the ask this letter is; `undefined` for a tell. */
  readonly reply: ((value: unknown) => void) | undefined;
}

/** @internal A probe's process in the registry, as the kit drives it. */
export interface ProbeHandle {
  /** Its ref, at the path it was registered at. */
  readonly ref: unknown;
  /** Death watch: `target` stopping for good sends the probe a `Terminated`. False when `target` is no rampart ref. */
  watch(target: unknown): boolean;
  /** Leaves the registry: later letters to it are dead letters `stopped`. */
  close(): void;
}

/** @internal How busy the system is now: what `idle()` of the test kit reads. */
export interface Activity {
  /** Letters queued in mailboxes and on workers, not counting those in flight. */
  readonly queued: number;
  /** Actors with a letter in flight (a handler running or awaiting), or starting. */
  readonly inFlight: number;
  /** Actors on worker threads with letters there: they progress on their own, in real time. */
  readonly onWorkers: number;
  /**
   * Scheduler actions that only time asks out (0 or 1: one action per system). A handler
   * awaiting a reply is not waiting on virtual time because of them: the asked handler may be
   * doing real I/O.
   */
  readonly askDeadlineActions: number;
  /** Changes whenever anything progresses: a letter handed out, queued, finished. */
  readonly signature: string;
}

/** @internal What the test kit reaches inside a system, beyond its public API. */
export interface SystemInternals {
  activity(): Activity;
  /** Something that has not stopped for good is registered at `path`. */
  taken(path: string): boolean;
  /** Registers a probe process at `path` (a ConfigurationError if the path is taken). */
  attachProbe(path: string, receive: (letter: ProbeLetter) => void): ProbeHandle;
}

const internals = new WeakMap<object, SystemInternals>();

/** @internal Called once by each system as it is built. */
export function exposeInternals(system: object, value: SystemInternals): void {
  internals.set(system, value);
}

/** @internal The internals of `system`; throws for anything that is not an `ActorSystem`. */
export function internalsOf(system: object): SystemInternals {
  const found = internals.get(system);
  if (found === undefined) throw new TypeError('rampart internals: not an ActorSystem.');
  return found;
}
