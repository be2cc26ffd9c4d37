/**
 * The README's examples are what `npm run test:toolchains` runs through every toolchain; these
 * checks keep their tags true, so that a lane never skips an example it could run, nor runs
 * one it cannot.
 */
import { expect } from 'chai';
import { readmeExamples } from '../support/readme-examples';

describe('README examples (the toolchain matrix reads them)', () => {
  const examples = readmeExamples();

  it('finds every TypeScript block with an import, with its section and line', () => {
    expect(examples.length).to.be.greaterThan(25);
    for (const example of examples) {
      expect(example.code, example.name).to.match(/^import /m);
      expect(example.name).to.match(/^readme-\d\d-[a-z0-9-]+$/);
    }
    expect(examples[0]!.section).to.equal('Standard decorators');
  });

  it('names the message type of every handler, except in the examples tagged "legacy decorators"', () => {
    for (const example of examples.filter((e) => !e.tags.has('legacy decorators'))) {
      expect(example.code, `${example.name} (README line ${example.line})`).to.not.match(/@On\(\)/);
    }
    const legacy = examples.filter((e) => e.tags.has('legacy decorators'));
    expect(legacy.map((e) => e.section)).to.deep.equal(['Actors and handlers (`@On`, `@Otherwise`)', 'Constructor injection']);
  });

  it('tags "esm" every example with top-level await or import.meta, which CommonJS cannot run', () => {
    for (const example of examples) {
      const esmOnly = /^(?:const .*= )?await /m.test(example.code) || example.code.includes('import.meta');
      expect(example.tags.has('esm'), `${example.name} (README line ${example.line})`).to.equal(esmOnly);
    }
  });

  it('tags "threads" the examples that start worker threads', () => {
    for (const example of examples) {
      expect(example.tags.has('threads'), example.name).to.equal(/thread: true/.test(example.code));
    }
  });

  it('refuses an unknown tag, naming the known ones', () => {
    const readme = '## A\n\n<!-- example: node only -->\n```ts\nimport x from "y";\n```\n';
    expect(() => readmeExamples(readme)).to.throw("unknown example tag \"node only\" (known: legacy decorators, compile only, esm, threads)");
  });

  it('reads several tags, and leaves a block without an import out', () => {
    const readme = '## Threads\n\n<!-- example: esm, threads -->\n```ts\nimport x from "y";\n```\n\n```ts\nx.go();\n```\n';
    const [only, ...rest] = readmeExamples(readme);
    expect(rest).to.deep.equal([]);
    expect([...only!.tags]).to.deep.equal(['esm', 'threads']);
    expect(only).to.include({ name: 'readme-01-threads', line: 5, section: 'Threads' });
  });
});
