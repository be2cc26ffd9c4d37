import { inBackground } from '../core/background';
import { ActorStoppedError, ConfigurationError } from '../errors';
import { childSettings, segmentProblem } from '../metadata';
import type { ActorClass, SpawnOptions } from '../types';
import type { Cell } from './cell';
import { startSpawned } from './starting';

/**
 * Adds a dynamic child under `parent` (`ctx.spawn`, `system.spawn`): supervised one-for-one,
 * started on the next microtask, and accepting messages at once. Without a name it gets
 * its class's default name, numbered when that is taken. A terminated system spawns nothing.
 */
export function spawnChild(parent: Cell, actor: ActorClass, options: SpawnOptions | undefined): Cell {
  if (parent.status === 'dead' || parent.closing || parent.runtime.terminated) {
    throw new ActorStoppedError(`${parent.path} is stopped and cannot spawn children.`);
  }
  const runtime = parent.runtime;
  const definition = runtime.definitions.buildSpawned(actor, options, parent.path);
  const path = options?.name === undefined ? freePath(parent, definition.defaultName) : explicitPath(parent, options.name);
  const child = runtime.createCell(parent, path, definition, childSettings(options));
  (parent.dynamicChildren ??= new Set()).add(child);
  queueMicrotask(() => inBackground(startSpawned(child), runtime.logger, `starting ${path}`));
  return child;
}

/** The path of a child named `name`, which must be a valid segment that is not taken. */
function explicitPath(parent: Cell, name: string): string {
  const problem = segmentProblem(name);
  if (problem) throw new ConfigurationError(`spawn() at ${parent.path}: the name ${problem}.`);
  const path = `${parent.path}/${name}`;
  if (taken(parent, path)) {
    throw new ConfigurationError(
      `spawn() at ${parent.path}: a child named '${name}' already exists. Pick another name, or leave the name out to get a unique one.`,
    );
  }
  return path;
}

/** A path is taken by a live process, or by a static child or group of the parent (even one stopped for now). */
function taken(parent: Cell, path: string): boolean {
  if (parent.runtime.registry.processAt(path) !== undefined) return true;
  const slots = parent.slots;
  for (let i = 0; i < slots.length; i++) if (slots[i].path === path) return true;
  return false;
}

/**
 * `<parent>/<base>` for the first unnamed child of that class, then `<base>-2`, `<base>-3`, …
 * The parent remembers the last number per base name, so a spawn probes one path, not all.
 */
function freePath(parent: Cell, base: string): string {
  const numbers = (parent.spawnNumbers ??= new Map());
  let n = numbers.get(base) ?? 0;
  let path = n === 0 ? `${parent.path}/${base}` : `${parent.path}/${base}-${n + 1}`;
  while (taken(parent, path)) path = `${parent.path}/${base}-${++n + 1}`;
  numbers.set(base, n + 1);
  return path;
}
