/**
 * Shared helpers for the decorator and metadata specs (not a spec file itself).
 * Each spec still declares its own throwaway classes; these helpers only start a tiny tree
 * around the class under test and catch configuration errors in one place.
 */
import { expect } from 'chai';
import {
  ActorSystem,
  Child,
  ConfigurationError,
  Supervisor,
  type ActorClass,
  type ActorRef,
  type DeadLetter,
  type SystemOptions,
} from '../../lib';
import { VirtualScheduler } from '../../lib/testing';

/** Path of the actor under test inside the tree built by `startWith`. */
export const WORKER_PATH = '/app/worker';

export interface Started {
  system: ActorSystem;
  ref: ActorRef;
  scheduler: VirtualScheduler;
  deadLetters: DeadLetter[];
}

/**
 * Starts `@Supervisor() class App { @Child(actor, { name: 'worker' }) }` on a virtual scheduler,
 * records every dead letter, and returns the ref at `/app/worker`.
 */
export async function startWith(actor: ActorClass, options: SystemOptions = {}): Promise<Started> {
  @Supervisor()
  class App {
    @Child(actor, { name: 'worker' }) worker!: ActorRef;
  }
  const scheduler = new VirtualScheduler();
  const system = await ActorSystem.start(App, { name: 'app', scheduler, ...options });
  const deadLetters: DeadLetter[] = [];
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));
  const ref = system.lookup(WORKER_PATH) as ActorRef;
  expect(ref, `an actor at ${WORKER_PATH}`).to.not.equal(undefined);
  return { system, ref, scheduler, deadLetters };
}

/** Starts `root` on a virtual scheduler (root path `/app` unless `options.name` says otherwise). */
export function startRoot(root: ActorClass, options: SystemOptions = {}): Promise<ActorSystem> {
  return ActorSystem.start(root, { name: 'app', scheduler: new VirtualScheduler(), ...options });
}

/** Runs `declare` (a class declaration wrapped in a function) and returns the ConfigurationError it threw. */
export function thrownAtDecoration(declare: () => unknown): ConfigurationError {
  // Same as `expect(declare).to.throw(ConfigurationError)`, but hands back the error to inspect.
  let caught: unknown;
  try {
    declare();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'a ConfigurationError thrown at decoration time').to.be.instanceOf(ConfigurationError);
  expect((caught as ConfigurationError).code).to.equal('CONFIGURATION_ERROR');
  return caught as ConfigurationError;
}

/** Awaits `attempt` and returns the ConfigurationError it rejected with. */
export async function rejectedAtStart(attempt: Promise<unknown>): Promise<ConfigurationError> {
  let caught: unknown;
  try {
    const result = await attempt;
    if (result instanceof ActorSystem) await result.shutdown();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'ActorSystem.start to reject with a ConfigurationError').to.be.instanceOf(ConfigurationError);
  expect((caught as ConfigurationError).code).to.equal('CONFIGURATION_ERROR');
  return caught as ConfigurationError;
}

/**
 * Runs `declareAndStart` (declarations, then usually an `ActorSystem.start`) and returns the
 * ConfigurationError it threw or rejected with. DESIGN.md lets a problem that one decorator
 * call can see throw either at decoration time or at start; this accepts both. A system that
 * starts anyway is shut down, and the spec fails.
 */
export async function configurationFailure(
  declareAndStart: () => unknown | Promise<unknown>,
): Promise<ConfigurationError> {
  let caught: unknown;
  try {
    const result = await declareAndStart();
    if (result instanceof ActorSystem) await result.shutdown();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'a ConfigurationError at decoration time or at start').to.be.instanceOf(ConfigurationError);
  expect((caught as ConfigurationError).code).to.equal('CONFIGURATION_ERROR');
  return caught as ConfigurationError;
}

/** A logger that records every call, by level. */
export function recordingLogger() {
  const calls = { debug: [] as string[], info: [] as string[], warn: [] as string[], error: [] as string[] };
  const render = (message: string, meta: unknown[]) =>
    [message, ...meta.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m)))].join(' ');
  return {
    calls,
    debug: (message: string, ...meta: unknown[]) => void calls.debug.push(render(message, meta)),
    info: (message: string, ...meta: unknown[]) => void calls.info.push(render(message, meta)),
    warn: (message: string, ...meta: unknown[]) => void calls.warn.push(render(message, meta)),
    error: (message: string, ...meta: unknown[]) => void calls.error.push(render(message, meta)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
