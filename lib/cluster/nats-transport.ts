import { ConfigurationError, describeValue, safeGet } from '../errors';
import type { ClusterTransport, NatsTransportOptions } from './types';

/**
 * The NATS cluster transport. The cluster arrives in a later release: for now this throws
 * a `ConfigurationError` that says so, rather than handing out a transport that does nothing.
 */
export function natsTransport(options: NatsTransportOptions): ClusterTransport {
  throw new ConfigurationError(
    `natsTransport(${describeValue(safeGet(options, 'servers'))}): the cluster transport is not available in this release of rampart yet. ` +
      `Run a single node (leave out the 'cluster' option of ActorSystem.start).`,
  );
}
