/** The node name of a system without a cluster. */
export const LOCAL_NODE = 'local';

const SCHEME = 'rampart://';

/** `rampart://<node><path>`, e.g. `rampart://local/app/workers/0`. */
export function formatAddress(node: string, path: string): string {
  return SCHEME + node + path;
}

/** A parsed address: the node and the path (which starts with `/`). */
export interface Address {
  readonly node: string;
  readonly path: string;
}

/**
 * Reads `rampart://<node>/<path>`; a bare path (`/app/x`) is `undefined` here, since it
 * names no node. Anything that is not a well-formed address is `undefined` too.
 */
export function parseAddress(text: string): Address | undefined {
  if (typeof text !== 'string' || !text.startsWith(SCHEME)) return undefined;
  const rest = text.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  return { node: rest.slice(0, slash), path: rest.slice(slash) };
}
