import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../errors';
import { memberName } from './naming';
import { ownMetadata } from './store';

/** The codes of a `require` that only `import()` can stand in for: an ES module Node cannot require here. */
const IMPORT_ONLY = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE', 'ERR_REQUIRE_CYCLE_MODULE']);

/**
 * The exports of an actor's module by `require`, or `undefined` for an ES module, which only
 * `import()` loads: one named by a `file:` URL (`import.meta.url`), never required, since under
 * a loader such as tsx that would evaluate a second copy of it; and a path Node cannot require
 * here (no `require(esm)`, top-level await, or still being evaluated). Anything else that
 * fails to load throws.
 */
export function requireActorModule(module: string): Record<string, unknown> | undefined {
  if (module.startsWith('file:')) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(module) as Record<string, unknown>;
  } catch (error) {
    if (IMPORT_ONLY.has((error as { code?: unknown } | null)?.code as string)) return undefined;
    throw error;
  }
}

/**
 * The export of `exports` that is the class a main thread placed as `exportName`: that export,
 * or else the one class exported under another name whose own name is `exportName`.
 */
export function exportedClass(exports: Record<string, unknown>, exportName: string): Function | undefined {
  const named = exports[exportName];
  if (typeof named === 'function') return named;
  const renamed = Object.values(exports).filter((value): value is Function => typeof value === 'function' && value.name === exportName);
  return renamed.length === 1 ? renamed[0] : undefined;
}

function fileExists(url: string): boolean {
  try {
    return existsSync(fileURLToPath(url));
  } catch {
    return false; // not a valid file: URL
  }
}

/** The fix for a module that does not export the class a worker must load. */
export function notExportedProblem(where: string, name: string, module: string): string {
  return `${where} places ${name} on a worker thread, but its module '${module}' does not export it: add 'export' to class ${name} there.`;
}

/**
 * The problems with placing `actorClass` on a worker thread (DESIGN.md, Threads): a worker
 * loads the class from its module and finds it among the exports, so the class must name its
 * module (`@Actor({ module: __filename })`, `import.meta.url` in ESM) and that module must
 * export it. An ES module (see {@link requireActorModule}) is checked by the worker that
 * imports it: a missing export fails the actor's start with a `ConfigurationError`.
 */
export function threadPlacementProblems(actorClass: Function, where: string): string[] {
  const name = memberName(actorClass);
  const module = ownMetadata(actorClass)?.actorOptions?.module;
  if (module === undefined) {
    return [
      `${where} places ${name} on a worker thread, but a worker cannot load it: add @Actor({ module: __filename }) to ${name} ` +
        `(import.meta.url in ESM), and export ${name} from that module.`,
    ];
  }
  const cannotLoad = (why: string) => [`${where} places ${name} on a worker thread, but its module '${module}' (from @Actor({ module })) cannot be loaded: ${why}.`];
  if (module.startsWith('file:') && !fileExists(module)) return cannotLoad('there is no such file');
  let exports: Record<string, unknown> | undefined;
  try {
    exports = requireActorModule(module);
  } catch (error) {
    return cannotLoad(String(error));
  }
  if (exports !== undefined && !Object.values(exports).includes(actorClass)) return [notExportedProblem(where, name, module)];
  return [];
}

/**
 * Where a worker finds `actorClass`: its module (a path, or the `file:` URL an ES module gave)
 * and the name it is exported under (its class name where the module cannot be required yet).
 */
export function threadEntry(actorClass: Function): { module: string; exportName: string } {
  const module = ownMetadata(actorClass)?.actorOptions?.module;
  if (module === undefined) throw new Error(`${memberName(actorClass)} has no @Actor({ module })`);
  const exports = requireActorModule(module);
  if (exports === undefined) return { module, exportName: actorClass.name };
  const exportName = Object.keys(exports).find((key) => exports[key] === actorClass);
  if (exportName === undefined) throw new ConfigurationError(notExportedProblem('@Actor({ module })', memberName(actorClass), module));
  return { module, exportName };
}
