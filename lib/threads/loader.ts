import { extname, join } from 'node:path';

/** ts-node's own marker on `process` once it is registered (any of its entry points sets it). */
const TS_NODE = Symbol.for('ts-node.register.instance');

/**
 * The `execArgv` of a worker that must load the same code as this thread (DESIGN.md,
 * Threads): the parent's own flags, plus ts-node's require hook when the parent runs under
 * ts-node without it on its command line (`ts-node app.ts`, or mocha's `require` option),
 * so a worker can load `.ts` modules too. Compiled JavaScript from `dist/` needs nothing.
 */
export function workerExecArgv(parent: { readonly execArgv: readonly string[] } = process): string[] {
  const argv = [...parent.execArgv];
  // The ts-node CLI appends its own entry and flags (`…/ts-node/dist/bin.js --transpile-only`)
  // so that a forked process runs ts-node again; to a worker they are no Node options.
  const tsNodeBin = argv.findIndex((arg) => !arg.startsWith('-') && /ts-node[\\/]dist[\\/]bin/.test(arg));
  if (tsNodeBin >= 0) argv.splice(tsNodeBin);
  const underTsNode = (parent as { readonly [TS_NODE]?: unknown })[TS_NODE] !== undefined;
  const hooked = argv.some((arg, i) => /ts-node\/register/.test(arg) && (argv[i - 1] === '-r' || argv[i - 1] === '--require' || arg.startsWith('--require=')));
  if (underTsNode && !hooked) argv.push('--require', 'ts-node/register/transpile-only');
  return argv;
}

/** The file of a module that sits beside this one, with this module's own extension (`.ts` under ts-node, `.js` from dist/). */
export function besideThisModule(name: string): string {
  return join(__dirname, `${name}${extname(__filename)}`);
}
