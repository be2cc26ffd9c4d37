import { ConfigurationError, describeValue, safeGet } from '../errors';
import { unknownOption } from '../metadata/naming';

/** Options of `serveInspector`. */
export interface InspectorOptions {
  /** The port to listen on, 0 to 65535. Default: a free port. */
  port?: number;
  /** The host to bind to. Default `'127.0.0.1'`. Any host but a loopback one requires `token`. */
  host?: string;
  /** When set, the page and `/events` answer only requests with `?token=<token>` (401 otherwise). */
  token?: string;
}

/** Validated options, with defaults. @internal */
export interface InspectorSettings {
  readonly port: number;
  readonly host: string;
  readonly token: string | undefined;
}

/** The hosts that only this machine can reach. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

const KNOWN = ['port', 'host', 'token'];

/**
 * Reads and checks `options`: `ConfigurationError` for options that are not an object, an
 * unknown key, a bad host or token, or a host beyond loopback without a token; `RangeError`
 * for a port that is not an integer in [0, 65535]. Each message names the option and the fix.
 * @internal
 */
export function inspectorSettings(options: unknown): InspectorSettings {
  if (options === undefined) return { port: 0, host: '127.0.0.1', token: undefined };
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`serveInspector: options must be an object ({ port?, host?, token? }), got ${describeValue(options)}.`);
  }
  for (const key of ownKeys(options)) {
    if (!KNOWN.includes(key)) {
      throw new ConfigurationError(`serveInspector: ${unknownOption(key, KNOWN)}.`);
    }
  }
  const port = safeGet(options, 'port') ?? 0;
  const host = safeGet(options, 'host') ?? '127.0.0.1';
  const token = safeGet(options, 'token');
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `serveInspector: options.port must be an integer from 0 to 65535 (0, the default, picks a free port), got ${describeValue(port)}.`,
    );
  }
  if (typeof host !== 'string' || host.trim().length === 0) {
    throw new ConfigurationError(
      `serveInspector: options.host must be a non-empty string (a host name or an IP address, default '127.0.0.1'), got ${describeValue(host)}.`,
    );
  }
  if (token !== undefined && (typeof token !== 'string' || token.length === 0)) {
    throw new ConfigurationError(
      `serveInspector: options.token must be a non-empty string (a long random secret), got ${describeValue(token)}; leave it out to serve on loopback without one.`,
    );
  }
  if (token === undefined && !LOOPBACK_HOSTS.includes(host)) {
    throw new ConfigurationError(
      `serveInspector: host '${host}' is not a loopback address, and the inspector shows your whole system to anyone who can reach it. ` +
        `Pass a token (serveInspector(system, { host: '${host}', token: '<a long random secret>' })) or bind to loopback ('127.0.0.1', '::1' or 'localhost').`,
    );
  }
  return { port, host, token };
}

/** The own string keys of `options`; none when a proxy trap throws. */
function ownKeys(options: object): string[] {
  try {
    return Object.keys(options);
  } catch {
    return [];
  }
}
