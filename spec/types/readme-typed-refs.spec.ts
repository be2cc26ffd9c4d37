import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

describe('README: Typed refs', () => {
  it('shows the type-checked fixture spec/types/readme-typed-refs.types.ts, verbatim', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('\n### Typed refs\n');
    expect(start, 'the README has a subsection "Typed refs"').to.be.greaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const fixture = readFileSync(path.join(__dirname, 'readme-typed-refs.types.ts'), 'utf8').replaceAll("'../../lib'", "'rampart'").trimEnd();
    expect(blocks).to.deep.equal([fixture]);
  });
});
