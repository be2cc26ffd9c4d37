export { ActorSystem } from './actor-system';
export type { SystemOptions } from './options';
export type { ClusterOptions, ClusterTransport, NatsTransportOptions } from '../cluster/types';
