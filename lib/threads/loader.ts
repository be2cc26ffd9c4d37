import { Worker, type WorkerOptions } from 'node:worker_threads';
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
  // The parent type-checked the program already: a worker only needs to load it (a
  // type-checking ts-node in each worker took about 6 s to start, against 2 s).
  for (let i = 0; i < argv.length; i++) argv[i] = argv[i].replace(/^(--require=)?ts-node\/register$/, '$1ts-node/register/transpile-only');
  const underTsNode = (parent as { readonly [TS_NODE]?: unknown })[TS_NODE] !== undefined;
  const hooked = argv.some((arg, i) => /ts-node\/register/.test(arg) && (argv[i - 1] === '-r' || argv[i - 1] === '--require' || arg.startsWith('--require=')));
  if (underTsNode && !hooked) argv.push('--require', 'ts-node/register/transpile-only');
  return argv;
}

/** The file of a module that sits beside this one, with this module's own extension (`.ts` under ts-node, `.js` from dist/). */
export function besideThisModule(name: string): string {
  return join(__dirname, `${name}${extname(__filename)}`);
}

/**
 * Starts a worker with this thread's loader. Some flags of the parent are per process (V8
 * flags such as `--expose-gc`) and a worker refuses them (`ERR_WORKER_INVALID_EXEC_ARGV`,
 * which names them): those are left out, since the process has them already.
 */
export function startWorker(file: string, options: WorkerOptions): Worker {
  const execArgv = workerExecArgv();
  try {
    return new Worker(file, { ...options, execArgv });
  } catch (error) {
    const invalid = invalidFlags(error);
    if (invalid === undefined) throw error;
    return new Worker(file, { ...options, execArgv: execArgv.filter((arg) => !invalid.has(arg.split('=')[0])) });
  }
}

/** The flags an `ERR_WORKER_INVALID_EXEC_ARGV` names ("…invalid execArgv flags: --a, --b"). */
function invalidFlags(error: unknown): Set<string> | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined;
  const listed = String((error as Error).message).split(':').slice(1).join(':');
  return new Set(listed.split(/[\s,]+/).filter((flag) => flag.startsWith('-')).map((flag) => flag.split('=')[0]));
}
