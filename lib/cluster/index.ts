export { natsTransport } from './nats-transport';
