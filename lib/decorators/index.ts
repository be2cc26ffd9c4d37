export { Actor } from './actor';
export { Child } from './child';
export { Message } from './message';
export { On } from './on';
export { Otherwise } from './otherwise';
export { Supervisor } from './supervisor';
export type { ActorClassDecorator, HandlerDecorator, StandardMethodDecorator } from './standard';
