export { natsTransport } from './transports/nats';
export { MemoryNetwork, memoryTransport } from './transports/memory';
export type { ClusterOptions, ClusterTransport, NatsTransportOptions } from './types';
