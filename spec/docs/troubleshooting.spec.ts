import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationErrorSites } from './error-openings';

const root = join(__dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'troubleshooting.md'), 'utf8').replace(/\s+/g, ' ');
const sites = configurationErrorSites(join(root, 'lib'));

describe('docs/troubleshooting.md', () => {
  it('finds the ConfigurationError messages of lib/ (the scan still works)', () => {
    expect(sites.length).to.be.greaterThan(80);
    expect(sites.map((site) => site.opening)).to.include('cannot infer the message type: no design:paramtypes metadata was emitted.');
  });

  it('quotes every ConfigurationError message that lib/ can throw', () => {
    const missing = sites
      .filter((site) => !page.includes(site.opening))
      .map((site) => `${site.file.slice(root.length + 1)}:${site.line}: ${site.opening}`);
    expect(missing, 'messages without a section in docs/troubleshooting.md').to.deep.equal([]);
  });
});
