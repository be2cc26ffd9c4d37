/**
 * Distributor memberships as heartbeats carry them: per distributor, the member paths, with
 * the members of a group (`/app/workers/0` … `/app/workers/n-1`) folded into runs
 * `[parent, first, count]`, so a heartbeat grows with the number of groups, not of members.
 */
export type Membership = readonly [distributor: string, members: readonly (string | readonly [string, number, number])[]];

const INDEXED = /^(.*)\/(0|[1-9][0-9]{0,8})$/;

export function foldMemberships(memberships: readonly (readonly [string, readonly string[]])[]): Membership[] {
  return memberships.map(([name, paths]) => {
    const folded: (string | [string, number, number])[] = [];
    for (const path of paths) {
      const match = INDEXED.exec(path);
      const last = folded[folded.length - 1];
      if (match === null) folded.push(path);
      else if (Array.isArray(last) && last[0] === match[1] && last[1] + last[2] === Number(match[2])) last[2]++;
      else folded.push([match[1], Number(match[2]), 1]);
    }
    return [name, folded] as const;
  });
}

/** The member paths of each distributor, unfolded; `undefined` for a malformed list. */
export function unfoldMemberships(value: unknown, maxMembers: number): [string, string[]][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: [string, string[]][] = [];
  let total = 0;
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
    const paths: string[] = [];
    for (const member of entry[1] as unknown[]) {
      if (typeof member === 'string') {
        if (!member.startsWith('/')) return undefined;
        paths.push(member);
        total++;
      } else if (Array.isArray(member) && member.length === 3 && typeof member[0] === 'string' && isIndex(member[1]) && isIndex(member[2])) {
        total += member[2];
        if (total > maxMembers) return undefined;
        for (let i = 0; i < member[2]; i++) paths.push(`${member[0]}/${member[1] + i}`);
      } else return undefined;
      if (total > maxMembers) return undefined;
    }
    out.push([entry[0], paths]);
  }
  return out;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
