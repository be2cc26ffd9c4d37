export { ActorSystem } from './actor-system';
export type { ClusterOptions, ClusterTransport, NatsTransportOptions, SystemOptions } from './options';
