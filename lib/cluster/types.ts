/** Options of the NATS transport. Cluster step. */
export interface NatsTransportOptions {
  servers: string | readonly string[];
}

/** A cluster transport, opaque to users. Cluster step. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ClusterTransport {}

/** Cluster membership of a system. Cluster step. */
export interface ClusterOptions {
  transport: ClusterTransport;
  /** This node's name, as in `rampart://node/app/workers`. */
  node: string;
}
