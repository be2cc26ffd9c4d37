/**
 * The real browser of the inspector's page spec: Debian's chromium, driven by
 * puppeteer-core (which never downloads a browser). Without it, the spec prints one loud
 * line and skips, unless `RAMPART_REQUIRE_CHROMIUM=1` (CI), where it fails saying why.
 */
import { accessSync, constants } from 'node:fs';

/** Where Debian puts chromium; `RAMPART_CHROMIUM` may name another binary. */
const CANDIDATES = [process.env.RAMPART_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM_MISSING_MESSAGE =
  'chromium is not installed: skipping the inspector page spec in a real browser. Install it with: apt-get install -y chromium';

/** The chromium binary, or `undefined` when none is installed. */
export function chromiumPath(): string | undefined {
  for (const candidate of CANDIDATES) {
    if (candidate === undefined || candidate === '') continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

/** `describe` for specs that need chromium: skipped without it, failing without it on CI. */
export function describeWithChromium(title: string, fn: (this: Mocha.Suite, executablePath: string) => void): Mocha.Suite | void {
  const executablePath = chromiumPath();
  if (executablePath !== undefined) return describe(title, function () { fn.call(this, executablePath); });
  if (process.env.RAMPART_REQUIRE_CHROMIUM === '1') {
    return describe(title, () => {
      it('needs chromium (RAMPART_REQUIRE_CHROMIUM=1)', () => {
        throw new Error(CHROMIUM_MISSING_MESSAGE.replace('skipping', 'cannot run'));
      });
    });
  }
  console.warn(`\n*** ${CHROMIUM_MISSING_MESSAGE} ***\n`);
  return describe.skip(title, function () { fn.call(this, ''); });
}
