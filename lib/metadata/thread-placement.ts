import { fileURLToPath } from 'node:url';
import { memberName } from './naming';
import { ownMetadata } from './store';

/**
 * The problems with placing `actorClass` on a worker thread (DESIGN.md, Threads): a worker
 * loads the class by requiring its module and finding it among the exports, so the class
 * must name its module (`@Actor({ module: __filename })`) and that module must export it.
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
  let exports: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    exports = require(module.startsWith('file:') ? fileURLToPath(module) : module);
  } catch (error) {
    return [`${where} places ${name} on a worker thread, but its module '${module}' (from @Actor({ module })) cannot be loaded: ${String(error)}.`];
  }
  const exported = typeof exports === 'object' && exports !== null && Object.values(exports).includes(actorClass);
  if (!exported) {
    return [`${where} places ${name} on a worker thread, but its module '${module}' does not export it: add 'export' to class ${name} there.`];
  }
  return [];
}

/** Where a worker finds `actorClass`: its module (a path or a `file:` URL) and the name it is exported under. */
export function threadEntry(actorClass: Function): { module: string; exportName: string } {
  const module = ownMetadata(actorClass)?.actorOptions?.module;
  if (module === undefined) throw new Error(`${memberName(actorClass)} has no @Actor({ module })`);
  const file = module.startsWith('file:') ? fileURLToPath(module) : module;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const exports = require(file) as Record<string, unknown>;
  const exportName = Object.keys(exports).find((key) => exports[key] === actorClass);
  if (exportName === undefined) throw new Error(`${file} does not export ${memberName(actorClass)}`);
  return { module: file, exportName };
}
