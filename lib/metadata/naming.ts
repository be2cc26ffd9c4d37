/** `Foo` for a class, `Foo#bar` for a member: how every error message names a place. */
export function memberName(target: object, member?: string | symbol): string {
  const owner = typeof target === 'function' ? target : target.constructor;
  const className = (owner as Function).name || '<anonymous class>';
  return member === undefined ? className : `${className}#${String(member)}`;
}

/** The default path segment of a class: its name with a lower-case first letter. */
export function defaultSegment(actorClass: Function): string {
  const name = actorClass.name || 'actor';
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A path segment must be non-empty and must not contain `/`. */
export function segmentProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return `must be a non-empty string, got ${describe(name)}`;
  if (name.includes('/')) return `must not contain '/', got '${name}'`;
  return undefined;
}

/** A short, safe rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return value.name ? `class ${value.name}` : 'a function';
  if (typeof value === 'symbol' || typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** The closest allowed word, to suggest a fix for a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
