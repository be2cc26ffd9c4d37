import { ClusterError, ConfigurationError, describeError, describeValue, safeGet } from '../../errors';
import type { ClusterTransport, NatsTransportOptions, TransportConnection, TransportSetup } from '../types';
import { PACKAGE, describeServers, scrub, validate } from './nats-options';

export { redactUrl } from './nats-options';
import type { Settings } from './nats-options';

// `@nats-io/transport-node` is an optional peer dependency: it is loaded by `connect()` only,
// never when this module loads, and nothing here imports it, not even its types: its
// declarations re-export `@nats-io/nats-core/internal`, a subpath export that TypeScript's
// `moduleResolution: "node"` cannot resolve (here or in a user's project), and a user without
// the package must still be able to type-check against rampart's declarations. So the part
// of the client this transport uses is described structurally below; the specs on a real
// server check that it matches.

const INSTALL = `npm install ${PACKAGE}`;

/** The NATS connection options that cannot be changed here (DESIGN "Cluster"). */
const MAX_PING_OUT = 2;
/** How long the probe for a live node with this node's name waits for an answer. */
const NAME_PROBE_TIMEOUT_MS = 1000;
/** No-responders within this long after a (re)connect do not mean a peer is gone. */
const GONE_GRACE_MS = 1000;
/** `settle()`: the real-time wait after the flush, for peers' answers to arrive. */
const SETTLE_WAIT_MS = 40;
/** Bounds of the flush in `settle()` and of each step of `close()`. */
const FLUSH_BOUND_MS = 1000;
const CLOSE_BOUND_MS = 1000;
/**
 * The client's handshake timeout (its `timeout` option): how long one attempt to reach a
 * server may take, at the first connection (at most what is left of `connectTimeoutMs`)
 * and at every reconnect. Without it the client waits 20 s on a server that accepts TCP but
 * does not answer (a frozen process), before it tries again.
 */
const HANDSHAKE_TIMEOUT_MS = 2000;
/** The shortest wait between two attempts of the first connection. */
const MIN_RETRY_WAIT_MS = 50;


/** A node's or a token's name in a subject: what the runtime allows for node names. */
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
/** A cluster name: one or more such tokens separated by dots. */
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * @internal How `connect()` loads the NATS client. A spec replaces `load` to simulate a
 * missing package or to hand in a fake client; nothing else should touch it.
 */
export const natsClientLoader: { load(): unknown } = {
  load(): unknown {
    return require(PACKAGE);
  },
};

/** The client options this transport sets (a subset of the client's `ConnectionOptions`). */
interface NodeConnectionOptions {
  servers: string[];
  name: string;
  reconnect: boolean;
  reconnectTimeWait: number;
  maxReconnectAttempts: number;
  pingInterval: number;
  maxPingOut: number;
  timeout?: number;
  user?: string;
  pass?: string;
  token?: string;
  authenticator?: unknown;
  tls?: unknown;
}

/** A received message (the client's `Msg`). */
interface Msg {
  readonly subject: string;
  readonly reply?: string;
  readonly data: Uint8Array;
  /** On a status message, `code` is its status (503: no responders). */
  readonly headers?: { readonly code: number };
  respond(data?: Uint8Array): boolean;
}

/** The part of the client's `NatsConnection` this transport uses. */
interface NatsConnection {
  publish(subject: string, payload?: string | Uint8Array, options?: { reply?: string }): void;
  subscribe(subject: string, options: { callback: (error: Error | null, msg: Msg) => void }): unknown;
  request(subject: string, payload: Uint8Array, options: { timeout: number }): Promise<Msg>;
  flush(): Promise<void>;
  close(): Promise<void>;
  closed(): Promise<void | Error>;
  status(): AsyncIterable<{ readonly type: string }>;
}

interface NatsClient {
  connect(options: NodeConnectionOptions): Promise<NatsConnection>;
}


/**
 * The NATS cluster transport, on `@nats-io/transport-node` (an optional peer dependency:
 * install it with `npm install @nats-io/transport-node`). Its options are checked here, at
 * once; the package is loaded when the system connects.
 *
 * ```ts
 * const system = await ActorSystem.start(App, {
 *   cluster: { transport: natsTransport({ servers: 'nats://127.0.0.1:4222' }), node: 'node-a' },
 * });
 * ```
 *
 * Credentials (`user`/`pass`, `token`, `authenticator`) and `tls` pass through to the NATS
 * client; they never appear in errors, logs or an inspection of the transport.
 *
 * @throws ConfigurationError when an option has the wrong type.
 */
export function natsTransport(options: NatsTransportOptions): ClusterTransport {
  const settings = validate(options);
  const transport: ClusterTransport = {
    kind: 'nats',
    connect: (setup: TransportSetup) => connectNode(settings, setup),
  };
  return Object.freeze(transport);
}

// ───────────── connecting ─────────────

function loadClient(): NatsClient {
  let loaded: unknown;
  try {
    loaded = natsClientLoader.load();
  } catch (error) {
    const code = safeGet(error, 'code');
    const message = String(safeGet(error, 'message') ?? '');
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${PACKAGE}'`)) {
      throw new ConfigurationError(
        `natsTransport: the package ${PACKAGE} is not installed. It is an optional peer dependency of rampart, needed for a cluster on NATS: install it with \`${INSTALL}\`.`,
        { cause: error },
      );
    }
    throw new ConfigurationError(
      `natsTransport: the package ${PACKAGE} could not be loaded (${describeError(error)}). Reinstall it with \`${INSTALL}\`.`,
      { cause: error },
    );
  }
  if (typeof safeGet(loaded, 'connect') !== 'function') {
    throw new ConfigurationError(
      `natsTransport: the package ${PACKAGE} was loaded but has no connect function. Install a supported version with \`${INSTALL}\`.`,
    );
  }
  return loaded as NatsClient;
}

function checkSetup(setup: TransportSetup): void {
  const problems: string[] = [];
  if (typeof setup.cluster !== 'string' || !PREFIX.test(setup.cluster)) {
    problems.push(
      `natsTransport: the cluster name ${describeValue(setup.cluster)} cannot prefix a NATS subject. Use letters, digits, '_' and '-' (dots between parts).`,
    );
  }
  if (typeof setup.node !== 'string' || !TOKEN.test(setup.node)) {
    problems.push(`natsTransport: the node name ${describeValue(setup.node)} is not 1-64 characters of [A-Za-z0-9_-].`);
  }
  if (typeof setup.connectTimeoutMs !== 'number' || !(setup.connectTimeoutMs > 0)) {
    problems.push(`natsTransport: connectTimeoutMs ${describeValue(setup.connectTimeoutMs)} must be a number of milliseconds above 0.`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
}

const now = () => performance.now();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}

/** Resolves with the promise's outcome, or with `undefined` after `ms` (the promise keeps running). */
function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function isAuthError(error: unknown): boolean {
  const name = safeGet(error, 'name');
  return name === 'AuthorizationError' || name === 'UserAuthenticationExpiredError';
}

function isNoResponders(error: unknown): boolean {
  try {
    const check = safeGet(error, 'isNoResponders');
    if (typeof check === 'function' && check.call(error) === true) return true;
  } catch {
    // fall through to the names
  }
  return safeGet(error, 'name') === 'NoRespondersError' || safeGet(safeGet(error, 'cause'), 'name') === 'NoRespondersError';
}

function isTimeout(error: unknown): boolean {
  return safeGet(error, 'name') === 'TimeoutError' || safeGet(safeGet(error, 'cause'), 'name') === 'TimeoutError';
}

/** Closes a connection without waiting long and without letting anything escape. */
async function closeQuietly(nc: NatsConnection): Promise<void> {
  try {
    await bounded(nc.close(), CLOSE_BOUND_MS);
  } catch {
    // closing a broken connection: nothing more to do
  }
}

/** The first connection, retried until `connectTimeoutMs` when the servers refuse it. */
async function firstConnection(client: NatsClient, settings: Settings, setup: TransportSetup): Promise<NatsConnection> {
  const options: NodeConnectionOptions = {
    servers: [...settings.servers],
    name: settings.name ?? `rampart-${setup.node}`,
    reconnect: true,
    reconnectTimeWait: settings.reconnectTimeWaitMs,
    maxReconnectAttempts: -1,
    pingInterval: settings.pingIntervalMs,
    maxPingOut: MAX_PING_OUT,
  };
  if (settings.user !== undefined) options.user = settings.user;
  if (settings.pass !== undefined) options.pass = settings.pass;
  if (settings.token !== undefined) options.token = settings.token;
  if (settings.authenticator !== undefined) options.authenticator = settings.authenticator;
  if (settings.tls !== undefined) options.tls = settings.tls;

  const servers = describeServers(settings.servers);
  const handshake = Math.max(HANDSHAKE_TIMEOUT_MS, settings.pingIntervalMs);
  const deadline = now() + setup.connectTimeoutMs;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - now();
    if (remaining <= 0) break;
    let attempt: Promise<NatsConnection>;
    try {
      attempt = client.connect({ ...options, timeout: Math.max(1, Math.ceil(Math.min(remaining, handshake))) });
    } catch (error) {
      attempt = Promise.reject(error);
    }
    let nc: NatsConnection | undefined;
    let failed = false;
    try {
      nc = await bounded(attempt, remaining);
    } catch (error) {
      failed = true;
      lastError = error;
      if (isAuthError(error)) {
        throw new ClusterError(
          `natsTransport: node '${setup.node}' of cluster '${setup.cluster}': the NATS server (${servers}) refused authorization ` +
            `(${scrub(describeError(error), settings)}). Check the credentials given to natsTransport (user and pass, token or authenticator).`,
        );
      }
    }
    if (nc !== undefined) {
      if (now() <= deadline) return nc;
      void closeQuietly(nc);
      break;
    }
    if (!failed) {
      // The attempt outlived the deadline: close its connection if it ever comes.
      attempt.then(closeQuietly, () => undefined);
      break;
    }
    const pause = Math.min(Math.max(settings.reconnectTimeWaitMs, MIN_RETRY_WAIT_MS), deadline - now());
    if (pause <= 0) break;
    await sleep(pause);
  }
  throw new ClusterError(
    `natsTransport: node '${setup.node}' of cluster '${setup.cluster}' could not connect to the NATS server (${servers}) within ` +
      `${setup.connectTimeoutMs} ms${lastError === undefined ? '' : ` (last error: ${scrub(describeError(lastError), settings)})`}. ` +
      'Check that nats-server is running and reachable at that address, or raise cluster.connectTimeoutMs.',
  );
}

async function connectNode(settings: Settings, setup: TransportSetup): Promise<TransportConnection> {
  checkSetup(setup);
  const client = loadClient();
  const nc = await firstConnection(client, settings, setup);

  const { cluster, node } = setup;
  const inbox = (peer: string) => `${cluster}.node.${peer}`;
  const goneSubject = (peer: string) => `${cluster}.gone.${node}.${peer}`;
  const gonePrefix = `${cluster}.gone.${node}.`;
  const allSubject = `${cluster}.all`;

  let closed = false;
  let closing: Promise<void> | undefined;
  /** When this connection last (re)connected; no-responders within the grace after it are ignored. */
  let connectedAt = now();
  let connected = true;

  /** Calls into the runtime: whatever they throw stays here. */
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      (setup.logger ?? console).error(
        `rampart: the ${what} handler of node '${node}' threw on a NATS callback; continuing. ${scrub(describeError(error), settings)}`,
      );
    }
  };

  // Status first, so no event of the connection is missed.
  void (async () => {
    try {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect') {
          connected = false;
        } else if (status.type === 'reconnect') {
          connected = true;
          connectedAt = now();
          if (!closed) guard('reconnected', () => setup.reconnected());
        }
      }
    } catch {
      // the status stream ends with the connection
    }
  })();
  // A connection that closes on its own (e.g. credentials refused on a reconnect) is logged once.
  nc.closed().then(
    (error) => {
      if (!closed && error) {
        (setup.logger ?? console).error(
          `rampart: the NATS connection of node '${node}' of cluster '${cluster}' closed: ${scrub(describeError(error), settings)}`,
        );
      }
    },
    () => undefined,
  );

  const fail = async (message: string): Promise<never> => {
    closed = true;
    await closeQuietly(nc);
    throw new ClusterError(message);
  };

  // Is a live node holding this name? Its inbox answers an empty request.
  let probeError: unknown;
  let answered = false;
  try {
    await nc.request(inbox(node), new Uint8Array(0), { timeout: NAME_PROBE_TIMEOUT_MS });
    answered = true;
  } catch (error) {
    probeError = error;
  }
  if (answered || isTimeout(probeError)) {
    await fail(
      `natsTransport: the node name '${node}' is taken by a live node of cluster '${cluster}' ` +
        (answered
          ? `(it answered on ${inbox(node)}). `
          : `(a subscriber of ${inbox(node)} did not answer within ${NAME_PROBE_TIMEOUT_MS} ms). `) +
        'Give this node another name, or stop the other node first.',
    );
  } else if (!isNoResponders(probeError)) {
    await fail(
      `natsTransport: node '${node}' of cluster '${cluster}' could not check whether its name is free: ${scrub(describeError(probeError), settings)}.`,
    );
  }

  const deliver = (msg: Msg) => {
    if (!closed) guard('receive', () => setup.receive(msg.data));
  };
  try {
    nc.subscribe(inbox(node), {
      callback: (error, msg) => {
        if (error || closed) return;
        if (msg.reply && msg.data.length === 0) {
          // The name probe of a node that starts with this node's name.
          try {
            msg.respond();
          } catch {
            // closed meanwhile
          }
          return;
        }
        deliver(msg);
      },
    });
    nc.subscribe(allSubject, {
      callback: (error, msg) => {
        if (!error) deliver(msg);
      },
    });
    nc.subscribe(`${gonePrefix}*`, {
      callback: (error, msg) => {
        if (error || closed || !connected) return;
        if (msg.headers?.code !== 503) return;
        if (now() - connectedAt < GONE_GRACE_MS) return;
        const peer = msg.subject.slice(gonePrefix.length);
        if (TOKEN.test(peer)) guard('peerGone', () => setup.peerGone(peer));
      },
    });
    // The subscriptions are on the server before the runtime announces this node.
    await bounded(nc.flush(), Math.max(FLUSH_BOUND_MS, setup.connectTimeoutMs));
  } catch (error) {
    return await fail(
      `natsTransport: node '${node}' of cluster '${cluster}' could not subscribe its subjects: ${scrub(describeError(error), settings)}.`,
    );
  }

  const publish = (subject: string, frame: string, reply?: string) => {
    if (closed) return;
    try {
      nc.publish(subject, frame, reply === undefined ? undefined : { reply });
    } catch {
      // At most once: a frame that cannot be published now is lost without an error.
    }
  };

  const connection: TransportConnection = {
    send(peer: string, frame: string) {
      // A name that is no valid subject token (e.g. from a forged frame) reaches nobody.
      if (typeof peer !== 'string' || !TOKEN.test(peer)) return;
      publish(inbox(peer), frame, goneSubject(peer));
    },
    broadcast(frame: string) {
      publish(allSubject, frame);
    },
    async settle() {
      if (closed) return;
      try {
        await bounded(nc.flush(), FLUSH_BOUND_MS);
      } catch {
        // closed or disconnected meanwhile: nothing to wait for
      }
      await sleep(SETTLE_WAIT_MS);
    },
    close() {
      if (closing === undefined) {
        closed = true;
        closing = (async () => {
          try {
            await bounded(nc.flush(), CLOSE_BOUND_MS);
          } catch {
            // already closed or disconnected: close anyway
          }
          await closeQuietly(nc);
        })();
      }
      return closing;
    },
  };
  return Object.freeze(connection);
}
