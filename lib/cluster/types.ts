import type { SchedulerLike } from 'rxjs';

/**
 * A cluster transport: how the frames of one node reach the others (see `natsTransport`,
 * `memoryTransport`). One transport serves one system. Its members beyond `kind` are the
 * runtime's: a user only passes it to `ActorSystem.start(…, { cluster: { transport } })`.
 */
export interface ClusterTransport {
  /** e.g. `'nats'` or `'memory'`. */
  readonly kind: string;
  /**
   * @internal Connects this node: subscribes its inbox and the cluster's broadcast subject.
   * Rejects with `ClusterError` when no first connection can be made within
   * `setup.connectTimeoutMs`, or when a live node already holds `setup.node`; with
   * `ConfigurationError` when the transport cannot be used at all (a missing package).
   */
  connect(setup: TransportSetup): Promise<TransportConnection>;
}

/** @internal What a node gives its transport when it connects. */
export interface TransportSetup {
  /** The cluster's name: the prefix of every subject. */
  readonly cluster: string;
  /** This node's name. */
  readonly node: string;
  readonly scheduler: SchedulerLike;
  readonly connectTimeoutMs: number;
  /** Where the transport reports what it cannot hand to anyone (the system's logger; `console` when left out). */
  readonly logger?: { error(message: string): void };
  /** A frame on this node's inbox (sent with `send`) or on the broadcast subject (sent with `broadcast`; a node's own broadcasts come back too). */
  receive(frame: Uint8Array | string): void;
  /** Frames sent to `node` find nobody there: its inbox is gone (NATS "no responders"). A fast down signal. */
  peerGone(node: string): void;
  /** The connection came back after an outage: frames sent meanwhile may be lost, so resend. */
  reconnected(): void;
}

/** @internal A node's connection to the cluster. */
export interface TransportConnection {
  /** To `node`'s inbox. At most once: lost while disconnected, without an error. */
  send(node: string, frame: string): void;
  /** To every node of the cluster, this one included. At most once. */
  broadcast(frame: string): void;
  /** Resolves once the answers to what was just sent have had a chance to arrive (used after the first announcement). */
  settle(): Promise<void>;
  /** Flushes what was sent and closes; the inbox is gone afterwards. */
  close(): Promise<void>;
}

/** Options of the NATS transport; the connection options pass through to `@nats-io/transport-node`. */
export interface NatsTransportOptions {
  /** e.g. `'nats://127.0.0.1:4222'`, or several. */
  servers: string | readonly string[];
  /** The NATS connection's name, shown by the server. Default: `rampart-<node>`. */
  name?: string;
  /** User name for the NATS server. */
  user?: string;
  /** Password for the NATS server. */
  pass?: string;
  /** Token for the NATS server. */
  token?: string;
  /** An nkeys or creds authenticator of the NATS client. */
  authenticator?: unknown;
  /** TLS options of the NATS client. */
  tls?: unknown;
  /** Wait between reconnect attempts. Default 250. */
  reconnectTimeWaitMs?: number;
  /** Client ping interval; 2 unanswered pings close the connection. Default 2000. */
  pingIntervalMs?: number;
}

/** Cluster membership of a system. */
export interface ClusterOptions {
  /** How frames reach the other nodes: `natsTransport(…)` or `memoryTransport(…)`. */
  transport: ClusterTransport;
  /** This node's name, as in `rampart://node/app/workers`: 1-64 of `[A-Za-z0-9_-]`. */
  node: string;
  /** Prefix of every subject, so clusters can share a server. Default `'rampart'`. */
  name?: string;
  /** Default 500. */
  heartbeatIntervalMs?: number;
  /** A node not heard from within this is down. Default 2500. */
  failureTimeoutMs?: number;
  /** Larger frames are refused at the sender and dropped at the receiver. Default 1 MiB. */
  maxFrameBytes?: number;
  /** Unacknowledged frames kept per link for resending. Default 10 000. */
  outboxLimit?: number;
  /** `start` rejects with `ClusterError` when the first connection takes longer. Default 10 000. */
  connectTimeoutMs?: number;
}
