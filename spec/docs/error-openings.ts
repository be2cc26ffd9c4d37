import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a ConfigurationError's message, or one of the problems it lists, is written in lib/:
 * the constructor call, a push onto a problem list, a function returning a problem list,
 * and an option check returning its complaint (`ok ? undefined : 'must be …'`).
 */
const SITE = /new ConfigurationError\(|problems\.push\(|return \[|\? undefined : /g;
/** The shortest literal run that names a message on its own. */
const MIN_OPENING = 10;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The literal parts of the string literal starting at `start` (split at `${…}`), or undefined if none starts there. */
function literalParts(source: string, start: number): string[] | undefined {
  const quote = source[start];
  if (quote !== '`' && quote !== "'" && quote !== '"') return undefined;
  const parts: string[] = [];
  let current = '';
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      current += source[++i];
    } else if (char === quote) {
      parts.push(current);
      return parts;
    } else if (quote === '`' && char === '$' && source[i + 1] === '{') {
      parts.push(current);
      current = '';
      let depth = 1;
      for (i += 2; depth > 0; i++) {
        if (source[i] === '{') depth++;
        if (source[i] === '}') depth--;
      }
      i--;
    } else {
      current += char;
    }
  }
  return undefined;
}

/** A site's opening: the longest run of its message text without a placeholder (or a backtick), if long enough to name it. */
function opening(parts: readonly string[]): string | undefined {
  const runs = parts.flatMap((part) => part.split('`')).map((run) => run.trim().replace(/\s+/g, ' '));
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  return longest.length >= MIN_OPENING ? longest : undefined;
}

export interface ErrorSite {
  readonly file: string;
  readonly line: number;
  readonly opening: string;
  /** The first literal of the message, with `…` for each placeholder. */
  readonly message: string;
}

/** Every ConfigurationError message site in `libDir` whose message begins with a literal. */
export function configurationErrorSites(libDir: string): ErrorSite[] {
  const sites: ErrorSite[] = [];
  for (const file of sourceFiles(libDir).sort()) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(SITE)) {
      let start = match.index + match[0].length;
      while (/\s/.test(source[start])) start++;
      const parts = literalParts(source, start);
      const text = parts && opening(parts);
      const line = source.slice(0, match.index).split('\n').length;
      if (text !== undefined) sites.push({ file, line, opening: text, message: parts!.join('…').replace(/\s+/g, ' ') });
    }
  }
  return sites;
}
