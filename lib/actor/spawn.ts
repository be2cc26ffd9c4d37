import { ActorStoppedError, ConfigurationError } from '../errors';
import { childSettings, segmentProblem } from '../metadata';
import type { ActorClass, SpawnOptions } from '../types';
import { inBackground } from './background';
import { Cell } from './cell';
import { startSpawned } from './starting';

/**
 * Adds a dynamic child under `parent` (`ctx.spawn`, `system.spawn`): supervised one-for-one,
 * started on the next microtask, and accepting messages at once. Without a name it gets
 * its class's default name, numbered when that is taken.
 */
export function spawnChild(parent: Cell, actor: ActorClass, options: SpawnOptions | undefined): Cell {
  if (parent.status === 'dead' || parent.closing) {
    throw new ActorStoppedError(`${parent.path} is stopped and cannot spawn children.`);
  }
  const runtime = parent.runtime;
  const definition = runtime.definitions.buildSpawned(actor, options, parent.path);
  const path = options?.name === undefined ? freePath(parent, definition.defaultName) : explicitPath(parent, options.name);
  const child = new Cell(runtime, parent, parent, path, definition, childSettings(options));
  (parent.dynamicChildren ??= new Set()).add(child);
  queueMicrotask(() => inBackground(startSpawned(child), runtime.logger, `starting ${path}`));
  return child;
}

/** The path of a child named `name`, which must be a valid segment that is not taken. */
function explicitPath(parent: Cell, name: string): string {
  const problem = segmentProblem(name);
  if (problem) throw new ConfigurationError(`spawn() at ${parent.path}: the name ${problem}.`);
  const path = `${parent.path}/${name}`;
  if (parent.runtime.cellAt(path) !== undefined) {
    throw new ConfigurationError(
      `spawn() at ${parent.path}: a child named '${name}' already exists. Pick another name, or leave the name out to get a unique one.`,
    );
  }
  return path;
}

/** `<parent>/<base>` if no child of `parent` has that name yet, else `<base>-2`, `<base>-3`, … */
function freePath(parent: Cell, base: string): string {
  const taken = (path: string) => parent.runtime.cellAt(path) !== undefined;
  let path = `${parent.path}/${base}`;
  while (taken(path)) path = `${parent.path}/${base}-${++parent.spawnCount + 1}`;
  return path;
}
