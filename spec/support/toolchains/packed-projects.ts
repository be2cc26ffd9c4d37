/**
 * The packed tarball as two kinds of user get it: a scratch ESM project (`"type": "module"`,
 * `module`/`moduleResolution` `nodenext`) and a scratch CommonJS one (`moduleResolution`
 * `node10`, the subpaths' types through `typesVersions`). Each imports `rampart`,
 * `rampart/testing` and `rampart/inspector`, type-checks with `skipLibCheck: false` (so the
 * shipped `.d.ts` are checked too) and runs a tiny tree with node: one ask, a test kit, the
 * inspector, shutdown. Also: what the tarball must and must not hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lane } from './lanes';
import { root, step, tsc, writeFiles } from './scratch';

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

export interface PackedFile {
  path: string;
  size: number;
}

/** What the tarball must and must not hold. */
export function checkContents(files: readonly PackedFile[]): string[] {
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

function projectLane(project: Project): Lane {
  return {
    name: `packed tarball: ${project.name}`,
    async run(scratch) {
      const dir = join(scratch.dir, project.name);
      writeFiles(dir, {
        'package.json': JSON.stringify(project.packageJson, null, 2),
        'tsconfig.json': JSON.stringify({ compilerOptions: project.compilerOptions, include: ['*.ts'] }, null, 2),
        ...project.files,
      });
      await step(`${project.name}: tsc`, process.execPath, [tsc, '-p', dir], dir);
      const stdout = await step(`${project.name}: node out/main.js`, process.execPath, [join(dir, 'out', 'main.js')], dir);
      if (stdout.trim() !== 'OK') throw new Error(`${project.name}: printed ${JSON.stringify(stdout)} instead of OK`);
      return 'type-checked against the shipped .d.ts, and ran';
    },
  };
}

export const PACKED_PROJECTS: readonly Lane[] = projects.map(projectLane);
