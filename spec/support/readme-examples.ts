/**
 * The README's TypeScript examples, as the toolchain matrix and the specs read them.
 *
 * Every ```ts block that has an `import` is an example: a module a user can copy into a file
 * of their own and compile as it is. A block without one is a fragment of the example before
 * it and is not run on its own. An HTML comment right above a block says where it cannot go:
 * - `<!-- example: legacy decorators -->` needs decorator metadata (it shows inference), so
 *   the lanes in standard-decorator mode or without metadata skip it;
 * - `<!-- example: compile only -->` needs a running NATS server, so it is compiled, not run;
 * - `<!-- example: esm -->` uses `import.meta` or top-level await, so the CommonJS lanes skip it;
 * - `<!-- example: threads -->` starts worker threads, which load the example's module with
 *   the process's own loader, so a lane whose modules only its test runner can load (Vitest)
 *   skips it.
 * Tags combine: `<!-- example: esm, threads -->`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export type ExampleTag = 'legacy decorators' | 'compile only' | 'esm' | 'threads';
const TAGS: readonly ExampleTag[] = ['legacy decorators', 'compile only', 'esm', 'threads'];

export interface ReadmeExample {
  /** `readme-07-constructor-injection`: the example's number and the section it stands in. */
  readonly name: string;
  /** The README line the block's code starts on. */
  readonly line: number;
  readonly section: string;
  readonly code: string;
  readonly tags: ReadonlySet<ExampleTag>;
}

function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[`@()]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The README's examples, in order. Throws on an unknown `<!-- example: ... -->` tag. */
export function readmeExamples(readme = readFileSync(join(root, 'README.md'), 'utf8')): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  let section = '';
  for (const match of readme.matchAll(/^(#{2,3}) (.+)$|(?:<!-- example: ([^>]*?) -->\n)?```ts\n([\s\S]*?)\n```/gm)) {
    if (match[2] !== undefined) {
      section = match[2];
      continue;
    }
    const code = match[4]!;
    if (!/^import /m.test(code)) continue;
    const tags = new Set<ExampleTag>();
    for (const tag of (match[3] ?? '').split(',').map((t) => t.trim()).filter(Boolean)) {
      if (!TAGS.includes(tag as ExampleTag)) throw new Error(`README: unknown example tag "${tag}" (known: ${TAGS.join(', ')})`);
      tags.add(tag as ExampleTag);
    }
    const line = readme.slice(0, match.index).split('\n').length + (match[3] === undefined ? 1 : 2);
    const number = String(examples.length + 1).padStart(2, '0');
    examples.push({ name: `readme-${number}-${slug(section)}`, line, section, code: `${code}\n`, tags });
  }
  return examples;
}
