export { natsTransport } from './nats-transport';
export { MemoryNetwork, memoryTransport } from './transports/memory';
export type { ClusterOptions, ClusterTransport, NatsTransportOptions } from './types';
