/**
 * The lanes of the toolchain matrix: each takes the README's examples (or the standard-
 * decorator sample) through one toolchain, in a folder of its own under the scratch
 * directory, whose `node_modules` holds the packed rampart as a user installs it.
 *
 * An example passes when its process exits with 0 after the runner has called each of its
 * exported functions that takes no argument (the README's tests, `main`): a top-level
 * `main()` that rejects fails it too, as an unhandled rejection.
 */
import { dirname, join } from 'node:path';
import type { ReadmeExample } from '../readme-examples';
import { step, tool, tsc, writeFiles, writeTscInit } from './scratch';

export interface Scratch {
  /** The scratch directory: `node_modules` with the packed rampart, and the runners. */
  readonly dir: string;
  readonly examples: readonly ReadmeExample[];
  /** samples/standard-decorators/app.ts, importing `rampart`. */
  readonly sample: string;
  /** The `tsconfig.json` that `tsc --init` writes, which the lanes start from. */
  readonly tsconfigInit: string;
}

export interface Lane {
  /** The toolchain and its mode, as the README's table names them. */
  readonly name: string;
  /** Runs the lane; resolves to what it checked, rejects saying what failed. */
  run(scratch: Scratch): Promise<string>;
}

/** Calls each exported function of `example` that takes no argument (not a class), in order. */
const CALL_EXPORTS = `for (const [name, value] of Object.entries(example)) {
  if (typeof value === 'function' && value.length === 0 && !/^[A-Z]/.test(name)) await value();
}`;
/** A runner: the example named on the command line, its exports called, then OK. */
const RUNNER_BODY = `${CALL_EXPORTS}
console.log('OK');`;

export const RUNNERS = {
  'run-example.mjs': `import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const example = await import(pathToFileURL(resolve(process.argv[2])).href);
${RUNNER_BODY}
`,
  'run-example.cjs': `const { resolve } = require('node:path');

const example = require(resolve(process.argv[2]));
(async () => {
${RUNNER_BODY}
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
};

interface Needs {
  /** Decorator metadata: examples tagged `legacy decorators` are left out without it. */
  readonly metadata: boolean;
  /** ES modules: examples tagged `esm` are left out of a CommonJS lane. */
  readonly esm: boolean;
  /** Worker threads that load the example's module with the process's own loader. */
  readonly threads?: boolean;
}

/** The examples a lane can take, and of them, the ones it runs (not the `compile only` ones). */
function pick(examples: readonly ReadmeExample[], lane: Needs): { compiled: ReadmeExample[]; ran: ReadmeExample[] } {
  const compiled = examples.filter(
    (example) =>
      (lane.metadata || !example.tags.has('legacy decorators')) &&
      (lane.esm || !example.tags.has('esm')) &&
      (lane.threads !== false || !example.tags.has('threads')),
  );
  return { compiled, ran: compiled.filter((example) => !example.tags.has('compile only')) };
}

function sources(examples: readonly ReadmeExample[], extension = '.ts'): Record<string, string> {
  return Object.fromEntries(examples.map((example) => [`${example.name}${extension}`, example.code]));
}

/** Runs each example in a process of its own; rejects listing every one that failed. */
async function runEach(examples: readonly ReadmeExample[], dir: string, command: (example: ReadmeExample) => [string, string[]]): Promise<void> {
  const failures: string[] = [];
  for (const example of examples) {
    const [file, args] = command(example);
    try {
      const stdout = await step(example.name, file, args, dir, 30_000);
      if (!stdout.includes('OK')) throw new Error(`${example.name} printed no OK:\n${stdout}`);
    } catch (error) {
      failures.push(`README line ${example.line} (${example.section}): ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${examples.length} examples failed:\n${failures.join('\n')}`);
}

const ESM_PACKAGE = { 'package.json': JSON.stringify({ name: 'lane', private: true, type: 'module' }) };
const CJS_PACKAGE = { 'package.json': JSON.stringify({ name: 'lane', private: true }) };

/** `tsc --init`'s defaults (module nodenext, verbatimModuleSyntax, ...) plus what the README's Install says. */
const LEGACY_INIT = { types: ['node'], experimentalDecorators: true, emitDecoratorMetadata: true, outDir: 'out' };
/**
 * `tsc --init`'s defaults in standard-decorator mode; `target` lowered from esnext to es2022,
 * as the README's Standard decorators says, since no Node release runs decorators natively.
 */
const STANDARD_INIT = { types: ['node'], target: 'es2022', outDir: 'out' };

const node = process.execPath;
const runner = (scratch: Scratch, kind: 'mjs' | 'cjs') => join(scratch.dir, `run-example.${kind}`);

/** Compiles the examples with `tsc --init`'s tsconfig and runs the output with node. */
function tscLane(name: string, init: Record<string, unknown>, metadata: boolean): Lane {
  return {
    name,
    async run(scratch) {
      const dir = join(scratch.dir, name.replace(/\W+/g, '-'));
      const { compiled, ran } = pick(scratch.examples, { metadata, esm: true });
      writeFiles(dir, { ...ESM_PACKAGE, ...sources(compiled) });
      writeTscInit(dir, scratch.tsconfigInit, init);
      await step(`${name}: tsc`, node, [tsc, '-p', dir], dir);
      await runEach(ran, dir, (example) => [node, [runner(scratch, 'mjs'), `out/${example.name}.js`]]);
      return `${compiled.length} README examples compiled, ${ran.length} ran`;
    },
  };
}

const tsNode: Lane = {
  name: 'ts-node (legacy decorators, CommonJS)',
  async run(scratch) {
    const dir = join(scratch.dir, 'ts-node');
    const { ran } = pick(scratch.examples, { metadata: true, esm: false });
    const compilerOptions = { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true, types: ['node'] };
    writeFiles(dir, { ...CJS_PACKAGE, 'tsconfig.json': JSON.stringify({ compilerOptions }), ...sources(ran) });
    await runEach(ran, dir, (example) => [node, ['-r', tool('ts-node/register'), runner(scratch, 'cjs'), `${example.name}.ts`]]);
    return `${ran.length} README examples ran (type-checked by ts-node)`;
  },
};

const tsx: Lane = {
  name: 'tsx (standard decorators)',
  async run(scratch) {
    const dir = join(scratch.dir, 'tsx');
    const { ran } = pick(scratch.examples, { metadata: false, esm: true });
    writeFiles(dir, { ...ESM_PACKAGE, ...sources(ran) });
    writeTscInit(dir, scratch.tsconfigInit, STANDARD_INIT);
    await runEach(ran, dir, (example) => [node, [tool('tsx/cli'), runner(scratch, 'mjs'), `${example.name}.ts`]]);
    return `${ran.length} README examples ran`;
  },
};

const esbuild: Lane = {
  name: 'esbuild (standard decorators, one bundle each)',
  async run(scratch) {
    const dir = join(scratch.dir, 'esbuild');
    const { ran } = pick(scratch.examples, { metadata: false, esm: false });
    writeFiles(dir, { ...ESM_PACKAGE, ...sources(ran) });
    writeTscInit(dir, scratch.tsconfigInit, STANDARD_INIT);
    const entries = ran.map((example) => `${example.name}.ts`);
    await step('esbuild --bundle', tool('esbuild/bin/esbuild'), [...entries, '--bundle', '--platform=node', '--target=node20', '--format=cjs', '--outdir=out', '--out-extension:.js=.cjs', '--log-level=warning'], dir);
    await runEach(ran, dir, (example) => [node, [runner(scratch, 'cjs'), `out/${example.name}.cjs`]]);
    return `${ran.length} README examples bundled (rampart, rxjs and reflect-metadata inside) and ran`;
  },
};

interface SwcCore {
  transformFile(file: string, options: object): Promise<{ code: string }>;
}

/** Compiles each example with @swc/core (the API its CLI and loaders use) and runs the output. */
function swcLane(name: string, transform: object, metadata: boolean): Lane {
  return {
    name,
    async run(scratch) {
      const dir = join(scratch.dir, name.replace(/\W+/g, '-'));
      const { ran } = pick(scratch.examples, { metadata, esm: true });
      writeFiles(dir, { ...ESM_PACKAGE, ...sources(ran) });
      const swc = require(tool('@swc/core')) as SwcCore;
      const out: Record<string, string> = {};
      for (const example of ran) {
        const options = { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022', transform }, module: { type: 'es6' }, sourceMaps: false };
        out[`out/${example.name}.js`] = (await swc.transformFile(join(dir, `${example.name}.ts`), options)).code;
      }
      writeFiles(dir, out);
      await runEach(ran, dir, (example) => [node, [runner(scratch, 'mjs'), `out/${example.name}.js`]]);
      return `${ran.length} README examples compiled and ran`;
    },
  };
}

/** A test file per example: importing it runs its top level, then each exported function is called. */
function testFile(example: ReadmeExample, from: string, header: string): string {
  return `${header}
test(${JSON.stringify(`README line ${example.line}: ${example.section}`)}, async () => {
  const example = await import(${JSON.stringify(from)});
  ${CALL_EXPORTS.replaceAll('\n', '\n  ')}
});
`;
}

/** How many tests a runner's output says passed, by the pattern of its summary line. */
function passedCount(stdout: string, pattern: RegExp): number {
  return Number(pattern.exec(stdout)?.[1] ?? 0);
}

const vitest: Lane = {
  name: 'Vitest (legacy decorators and metadata, from tsconfig)',
  async run(scratch) {
    const dir = join(scratch.dir, 'vitest');
    const { ran } = pick(scratch.examples, { metadata: true, esm: true, threads: false });
    const tests = Object.fromEntries(ran.map((example) => [`${example.name}.test.ts`, testFile(example, `./${example.name}.ts`, '')]));
    writeFiles(dir, { ...ESM_PACKAGE, ...sources(ran), ...tests });
    writeTscInit(dir, scratch.tsconfigInit, LEGACY_INIT);
    const stdout = await step('vitest run', node, [join(dirname(tool('vitest/package.json')), 'vitest.mjs'), 'run', '--root', dir, '--globals', '--reporter=verbose'], dir, 120_000);
    const passed = passedCount(stdout, /Tests\s+(\d+) passed/);
    if (passed !== ran.length) throw new Error(`vitest: ${passed} of ${ran.length} tests passed:\n${stdout}`);
    return `${ran.length} README examples ran as tests`;
  },
};

const nodeTest: Lane = {
  name: "node's test runner (on tsc's output, legacy decorators)",
  async run(scratch) {
    const dir = join(scratch.dir, 'node-test');
    const { compiled, ran } = pick(scratch.examples, { metadata: true, esm: true });
    const tests = Object.fromEntries(ran.map((example) => [`tests/${example.name}.test.mjs`, testFile(example, `../out/${example.name}.js`, "import { test } from 'node:test';")]));
    writeFiles(dir, { ...ESM_PACKAGE, ...sources(compiled), ...tests });
    writeTscInit(dir, scratch.tsconfigInit, LEGACY_INIT);
    await step('tsc', node, [tsc, '-p', dir], dir);
    const stdout = await step('node --test', node, ['--test', ...Object.keys(tests)], dir, 120_000);
    const passed = passedCount(stdout, /^# pass (\d+)$/m);
    if (passed !== ran.length) throw new Error(`node --test: ${passed} of ${ran.length} tests passed:\n${stdout}`);
    return `${ran.length} README examples ran as tests`;
  },
};

/** samples/standard-decorators: built with tsc, run under tsx, bundled by esbuild. */
const standardSample: Lane = {
  name: 'standard-decorator sample (tsc, tsx, esbuild)',
  async run(scratch) {
    const dir = join(scratch.dir, 'standard-sample');
    writeFiles(dir, { ...ESM_PACKAGE, 'app.ts': scratch.sample });
    writeTscInit(dir, scratch.tsconfigInit, STANDARD_INIT);
    await step('tsc', node, [tsc, '-p', dir], dir);
    await step('esbuild --bundle', tool('esbuild/bin/esbuild'), ['app.ts', '--bundle', '--platform=node', '--target=node20', '--outfile=bundle/app.cjs', '--log-level=warning'], dir);
    const runs: [string, string[]][] = [
      ['tsc output', ['out/app.js']],
      ['tsx', [tool('tsx/cli'), 'app.ts']],
      ['esbuild bundle', ['bundle/app.cjs']],
    ];
    for (const [what, args] of runs) {
      const stdout = await step(`the sample, ${what}`, node, args, dir, 30_000);
      if (!stdout.includes('ledger: order-2')) throw new Error(`the sample, ${what}, printed no ledger entry:\n${stdout}`);
    }
    return 'built with tsc and run, run under tsx, bundled by esbuild and run';
  },
};

export const LANES: readonly Lane[] = [
  tscLane('tsc --init (legacy decorators)', LEGACY_INIT, true),
  tscLane('tsc --init (standard decorators)', STANDARD_INIT, false),
  tsNode,
  tsx,
  esbuild,
  swcLane('swc (legacy decorators, decoratorMetadata)', { legacyDecorator: true, decoratorMetadata: true }, true),
  swcLane('swc (standard decorators, 2023-11)', { decoratorVersion: '2023-11' }, false),
  vitest,
  nodeTest,
  standardSample,
];

