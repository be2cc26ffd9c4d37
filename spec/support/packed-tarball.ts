/**
 * `npm run test:toolchains`, the packed-tarball half: builds, packs, and installs the tarball
 * into two scratch projects outside the repository, as a user would:
 * - ESM: `"type": "module"`, `module`/`moduleResolution` `nodenext`;
 * - CommonJS: `moduleResolution` `node10` (types of the subpaths through `typesVersions`).
 * Each imports `rampart`, `rampart/testing` and `rampart/inspector`, type-checks with the
 * repository's tsc (`skipLibCheck: false`, so the shipped `.d.ts` are checked too), and runs a
 * tiny tree with node: one ask, a test kit, the inspector, shutdown. It also checks what the
 * tarball holds. Exits non-zero, saying what failed, on any failure.
 *
 * TypeScript run by ts-node, like the build script, so that `npm run typecheck` checks it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from './build-package';

const run = promisify(execFile);
const root = resolve(__dirname, '..', '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

/** The program both projects run; `answer` must be 2. */
const program = `
import { Actor, ActorSystem, Child, On, Supervisor } from 'rampart';
import type { ActorRef } from 'rampart';
import { startTestSystem } from 'rampart/testing';
import { serveInspector } from 'rampart/inspector';

class Ping {
  constructor(readonly n: number) {}
}

@Actor()
class Echo {
  @On(Ping)
  ping(message: Ping): number {
    return message.n + 1;
  }
}

@Supervisor()
class App {
  @Child(Echo) echo!: ActorRef<Ping>;
}

export async function main(): Promise<void> {
  const system = await ActorSystem.start(App, { name: 'app', logger: null });
  const inspector = await serveInspector(system);
  const answer = await system.lookupActor<Ping>('/app/echo')!.ask<number>(new Ping(1));
  await inspector.close();
  await system.shutdown();
  const kit = await startTestSystem(App, { logger: null });
  const probe = kit.probe<number>();
  await kit.shutdown();
  if (answer !== 2 || !inspector.url.startsWith('http://') || probe.ref === undefined) throw new Error('wrong answer: ' + String(answer));
}
`;

interface Project {
  name: string;
  packageJson: object;
  compilerOptions: object;
  files: Record<string, string>;
}

const common = {
  target: 'ES2022',
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  skipLibCheck: false,
  types: ['node'],
  outDir: 'out',
};

const projects: Project[] = [
  {
    name: 'esm-nodenext',
    packageJson: { name: 'scratch-esm', private: true, type: 'module' },
    compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' },
    files: {
      'program.ts': program,
      // One copy of the library whichever way it is loaded: the ESM entries wrap the CommonJS build.
      'main.ts': `import { createRequire } from 'node:module';
import { ActorSystem } from 'rampart';
import { startTestSystem } from 'rampart/testing';
import { main } from './program.js';

const required = createRequire(import.meta.url);
if (required('rampart').ActorSystem !== ActorSystem) throw new Error('import and require of rampart give two copies');
if (required('rampart/testing').startTestSystem !== startTestSystem) throw new Error('import and require of rampart/testing give two copies');
await main();
console.log('OK');
`,
    },
  },
  {
    name: 'cjs-node10',
    packageJson: { name: 'scratch-cjs', private: true },
    compilerOptions: { ...common, module: 'commonjs', moduleResolution: 'node10' },
    files: {
      'program.ts': program,
      'main.ts': `import { main } from './program';

main().then(() => console.log('OK'), (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`,
    },
  },
];

/** Runs a command; on failure, the error says which command and what it printed. */
async function step(what: string, file: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${message}\n${stdout}${stderr}`);
  }
}

interface PackedFile {
  path: string;
  size: number;
}

/** What the tarball must and must not hold. */
function checkContents(files: readonly PackedFile[]): string[] {
  const paths = files.map((file) => file.path);
  const problems: string[] = [];
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/threads/worker-main.js']) {
    if (!paths.includes(needed)) problems.push(`the tarball lacks ${needed}`);
  }
  const stray = paths.filter((path) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(path) && !/^dist\/.+\.(js|mjs|d\.ts|d\.mts|js\.map)$/.test(path));
  if (stray.length > 0) problems.push(`the tarball holds files a user does not need: ${stray.join(', ')}`);
  for (const path of paths) {
    const text = readFileSync(join(root, path), 'utf8');
    if (/\.d\.m?ts$/.test(path) && /\bterminated\(\)|\bterminating\b|TEST_HOOKS|internalsOf|SystemInternals/.test(text)) problems.push(`${path} declares an internal name`);
    if (path.endsWith('.js.map')) {
      const map = JSON.parse(text) as { sources: string[]; sourcesContent?: (string | null)[] };
      if (map.sourcesContent?.length !== map.sources.length || map.sourcesContent.some((source) => typeof source !== 'string')) problems.push(`${path} does not inline its sources`);
    }
  }
  return problems;
}

async function tryProject(project: Project, scratch: string, tarball: string): Promise<void> {
  const dir = join(scratch, project.name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project.packageJson, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: project.compilerOptions, include: ['*.ts'] }, null, 2));
  for (const [name, text] of Object.entries(project.files)) writeFileSync(join(dir, name), text);
  const types = `@types/node@${manifest.devDependencies['@types/node']}`;
  await step(`${project.name}: npm install`, npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, types], dir);
  await step(`${project.name}: tsc`, process.execPath, [tsc, '-p', dir], dir);
  const stdout = await step(`${project.name}: node out/main.js`, process.execPath, [join(dir, 'out', 'main.js')], dir);
  if (stdout.trim() !== 'OK') throw new Error(`${project.name}: printed ${JSON.stringify(stdout)} instead of OK`);
  console.log(`${project.name}: installed, type-checked and ran: OK`);
}

async function check(): Promise<string[]> {
  build();
  const scratch = mkdtempSync(join(tmpdir(), 'rampart-packed-'));
  try {
    const packed = await step('npm pack', npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root);
    const [info] = JSON.parse(packed) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
    console.log(`npm pack: ${info.files.length} files, ${info.size} B packed, ${info.unpackedSize} B unpacked`);
    const problems = checkContents(info.files);
    const tarball = join(scratch, info.filename);
    const results = await Promise.allSettled(projects.map((project) => tryProject(project, scratch, tarball)));
    for (const result of results) if (result.status === 'rejected') problems.push(String((result.reason as Error).message));
    return problems;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

check().then(
  (problems) => {
    for (const problem of problems) console.error(`FAILED: ${problem}`);
    console.log(problems.length === 0 ? 'packed tarball: OK' : `packed tarball: ${problems.length} failure(s)`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
