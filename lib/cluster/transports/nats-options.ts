/** The options of `natsTransport`: checked at once, defaults filled in, and every credential kept out of messages. */
import { ConfigurationError, describeValue, safeGet } from '../../errors';

export const PACKAGE = '@nats-io/transport-node';

/** Defaults that fit fast failure detection (DESIGN "Cluster"). */
const DEFAULT_RECONNECT_TIME_WAIT_MS = 250;
const DEFAULT_PING_INTERVAL_MS = 2000;

const KNOWN_OPTIONS: readonly string[] = [
  'servers',
  'name',
  'user',
  'pass',
  'token',
  'authenticator',
  'tls',
  'reconnectTimeWaitMs',
  'pingIntervalMs',
];
const SECRET_OPTIONS: readonly string[] = ['pass', 'token', 'authenticator', 'tls'];

/** The validated options, kept in the transport's closure only (never on an object). */
export interface Settings {
  readonly servers: readonly string[];
  readonly name?: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  readonly authenticator?: unknown;
  readonly tls?: unknown;
  readonly reconnectTimeWaitMs: number;
  readonly pingIntervalMs: number;
}

// ───────────── options ─────────────

export function validate(options: unknown): Settings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(
      `natsTransport(${describeValue(options)}): pass an options object, e.g. natsTransport({ servers: 'nats://127.0.0.1:4222' }).`,
    );
  }
  const problems: string[] = [];
  const get = (key: string) => safeGet(options, key);
  /** How a bad value is shown: a secret by its type only, anything else by a short rendering. */
  const shown = (key: string, value: unknown) =>
    SECRET_OPTIONS.includes(key) ? (value === null ? 'null' : `a value of type ${typeof value}`) : describeValue(value);

  let keys: string[] = [];
  try {
    keys = Object.keys(options);
  } catch {
    problems.push('natsTransport: its options object cannot be read (a revoked Proxy?). Pass a plain object.');
  }
  for (const key of keys) {
    if (!KNOWN_OPTIONS.includes(key)) {
      problems.push(
        `natsTransport: unknown option '${key}'. Remove it; the options are ${KNOWN_OPTIONS.map((k) => `'${k}'`).join(', ')}.`,
      );
    }
  }

  let servers: string[] = [];
  const rawServers = get('servers');
  const serversFix =
    "Pass the NATS server URL as a string, e.g. servers: 'nats://127.0.0.1:4222', or a non-empty array of such strings.";
  if (typeof rawServers === 'string') {
    if (rawServers.trim() === '') problems.push(`natsTransport: option 'servers' is an empty string. ${serversFix}`);
    else servers = [rawServers];
  } else if (Array.isArray(rawServers)) {
    if (rawServers.length === 0) problems.push(`natsTransport: option 'servers' is an empty array. ${serversFix}`);
    rawServers.forEach((server: unknown, index) => {
      if (typeof server !== 'string' || server.trim() === '') {
        problems.push(
          `natsTransport: option 'servers[${index}]' is ${typeof server === 'string' ? 'an empty string' : describeValue(server)}. ${serversFix}`,
        );
      } else {
        servers.push(server);
      }
    });
  } else {
    problems.push(
      `natsTransport: option 'servers' is ${rawServers === undefined ? 'missing' : describeValue(rawServers)}. ${serversFix}`,
    );
  }

  const optionalString = (key: 'name' | 'user' | 'pass' | 'token'): string | undefined => {
    const value = get(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      problems.push(
        `natsTransport: option '${key}' must be a non-empty string; got ${typeof value === 'string' ? 'an empty string' : shown(key, value)}. ` +
          `Pass a string or leave '${key}' out.`,
      );
      return undefined;
    }
    return value;
  };
  const name = optionalString('name');
  const user = optionalString('user');
  const pass = optionalString('pass');
  const token = optionalString('token');
  if (pass !== undefined && user === undefined) {
    problems.push("natsTransport: option 'pass' is given without 'user'. Pass the user name too, or leave 'pass' out.");
  }
  if (token !== undefined && user !== undefined) {
    problems.push("natsTransport: options 'token' and 'user' exclude each other. Authenticate with either a token or a user and password.");
  }

  const authenticator = get('authenticator');
  if (
    authenticator !== undefined &&
    typeof authenticator !== 'function' &&
    !(Array.isArray(authenticator) && authenticator.length > 0 && authenticator.every((a) => typeof a === 'function'))
  ) {
    problems.push(
      `natsTransport: option 'authenticator' must be a NATS authenticator function (or an array of them); got ${shown('authenticator', authenticator)}. ` +
        `Create one with nkeyAuthenticator(), credsAuthenticator() or jwtAuthenticator() of ${PACKAGE}.`,
    );
  }

  const tls = get('tls');
  if (tls !== undefined && tls !== null && (typeof tls !== 'object' || Array.isArray(tls))) {
    problems.push(
      `natsTransport: option 'tls' must be an object of NATS TLS options (e.g. { caFile, certFile, keyFile }) or null; got ${shown('tls', tls)}. ` +
        'Pass an object, or leave it out.',
    );
  }

  const number = (key: 'reconnectTimeWaitMs' | 'pingIntervalMs', fallback: number, zeroAllowed: boolean): number => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
      problems.push(
        `natsTransport: option '${key}' must be a finite number of milliseconds ${zeroAllowed ? 'of 0 or more' : 'above 0'}; got ${describeValue(value)}. ` +
          `Pass e.g. ${key}: ${fallback}, or leave it out for the default ${fallback}.`,
      );
      return fallback;
    }
    return value;
  };
  const reconnectTimeWaitMs = number('reconnectTimeWaitMs', DEFAULT_RECONNECT_TIME_WAIT_MS, true);
  const pingIntervalMs = number('pingIntervalMs', DEFAULT_PING_INTERVAL_MS, false);

  if (problems.length > 0) throw new ConfigurationError(problems);
  return { servers, name, user, pass, token, authenticator, tls, reconnectTimeWaitMs, pingIntervalMs };
}

// ───────────── redaction: nothing secret in a message ─────────────

/** `nats://user:pass@host:4222` → `nats://***@host:4222`. */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^@/\s]*@/, (_all, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/** The servers for a message, credentials in URLs redacted. */
export function describeServers(servers: readonly string[]): string {
  return servers.map(redactUrl).join(', ');
}

/** Removes every credential from a text about to go into an error or a log line. */
export function scrub(text: string, settings: Settings): string {
  let result = text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/\s]*@/g, '$1***@');
  const secrets: unknown[] = [settings.pass, settings.token, safeGet(settings.tls, 'key')];
  for (const server of settings.servers) {
    // Credentials in a server URL, with or without a scheme (`user:pass@host:4222`).
    const credentials = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^@/\s]+)@/.exec(server)?.[1];
    if (credentials !== undefined) secrets.push(credentials, ...credentials.split(':'));
  }
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= 3) result = result.split(secret).join('***');
  }
  return result;
}
