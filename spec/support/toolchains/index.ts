/**
 * `npm run test:toolchains`: the package as users get it, through every toolchain the README
 * names (DESIGN.md, Toolchains).
 *
 * Builds and packs rampart, checks what the tarball holds, installs it into a scratch
 * directory outside the repository, and runs the lanes: the README's examples under
 * `tsc --init`'s defaults in both decorator modes, ts-node, tsx, esbuild, swc in both
 * modes, Vitest and node's test runner; the standard-decorator sample built with tsc, run
 * under tsx and bundled by esbuild; and the two scratch projects (ESM `nodenext`, CommonJS
 * `node10`). The tools are the repository's dev dependencies; only rampart comes from the
 * tarball. Ends with "toolchains: N passed, N failed" (one per lane and one for the
 * tarball's contents), which `.ci/run` adds to its count, and exits non-zero on a failure.
 *
 * TypeScript run by ts-node, like the build script, so that `npm run typecheck` checks it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../build-package';
import { readmeExamples } from '../readme-examples';
import { LANES, RUNNERS, type Lane, type Scratch } from './lanes';
import { checkContents, PACKED_PROJECTS, type PackedFile } from './packed-projects';
import { npm, root, step, tscInitOutput, writeFiles } from './scratch';

/** Lanes run side by side, this many at a time (each runs its examples one after another). */
const PARALLEL = 2;

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

/** The standard-decorator sample as a user writes it: importing the package, not lib/. */
function sampleAsUserCode(): string {
  return readFileSync(join(root, 'samples', 'standard-decorators', 'app.ts'), 'utf8').replaceAll("'../../lib'", "'rampart'");
}

async function prepare(): Promise<{ scratch: Scratch; contents: string[] }> {
  build();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-toolchains-'));
  const packed = await step('npm pack', npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root);
  const [info] = JSON.parse(packed) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
  console.log(`npm pack: ${info!.files.length} files, ${info!.size} B packed, ${info!.unpackedSize} B unpacked`);
  writeFiles(dir, { 'package.json': JSON.stringify({ name: 'scratch', private: true }), ...RUNNERS });
  const types = `@types/node@${manifest.devDependencies['@types/node']}`;
  await step('npm install (the tarball)', npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, info!.filename), types], dir, 120_000);
  const tsconfigInit = await tscInitOutput(dir);
  return { scratch: { dir, examples: readmeExamples(), sample: sampleAsUserCode(), tsconfigInit }, contents: checkContents(info!.files) };
}

async function runLanes(lanes: readonly Lane[], scratch: Scratch): Promise<number> {
  let failed = 0;
  const queue = [...lanes];
  const worker = async () => {
    for (let lane = queue.shift(); lane !== undefined; lane = queue.shift()) {
      const started = Date.now();
      try {
        const what = await lane.run(scratch);
        console.log(`✔ ${lane.name}: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.error(`✘ ${lane.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return failed;
}

async function main(): Promise<void> {
  const { scratch, contents } = await prepare();
  try {
    for (const problem of contents) console.error(`✘ the tarball: ${problem}`);
    if (contents.length === 0) console.log('✔ the tarball holds what a user needs, and nothing else');
    const lanes = [...PACKED_PROJECTS, ...LANES];
    const failed = (await runLanes(lanes, scratch)) + (contents.length > 0 ? 1 : 0);
    console.log(`toolchains: ${lanes.length + 1 - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    if (process.env.RAMPART_KEEP_SCRATCH === undefined) rmSync(scratch.dir, { recursive: true, force: true });
    else console.log(`scratch kept at ${scratch.dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(`✘ ${error instanceof Error ? error.message : String(error)}`);
  console.log('toolchains: 0 passed, 1 failed');
  process.exitCode = 1;
});
