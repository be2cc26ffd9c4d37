export { natsTransport } from './transports/nats';
