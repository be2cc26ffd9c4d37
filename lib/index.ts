import 'reflect-metadata';

export { Context, Terminated } from './actor';
export { MemoryNetwork, memoryTransport, natsTransport } from './cluster';
export type { ActorLifecycle } from './actor/lifecycle-hooks';
export { Actor, Child, Message, On, Otherwise, Supervisor } from './decorators';
export type { ActorClassDecorator, HandlerDecorator, StandardMethodDecorator } from './decorators';
export {
  ActorStoppedError,
  AskTimeoutError,
  ClusterError,
  ConfigurationError,
  EscalationError,
  MailboxFullError,
  NoRecipientError,
  RampartError,
  SerializationError,
  StartError,
  UnhandledMessageError,
  UnreachableError,
  WorkerDiedError,
} from './errors';
export { Backoff } from './supervision';
export type { BackoffResetOptions, ExponentialBackoffOptions, LinearBackoffOptions } from './supervision';
export { ActorSystem } from './system';
export type { ChildDecorator, GroupRefOf, MessageOf, RefOf, ReplyOf, TypedActorRef, TypedGroupRef } from './typed-refs';
export type { ClusterOptions, ClusterTransport, NatsTransportOptions, SystemOptions } from './system';
export type {
  ActorClass,
  ActorOptions,
  ActorRef,
  AskOptions,
  Cancellable,
  ChildOptions,
  DeadLetter,
  DeadLetterReason,
  DispatchStrategy,
  Distributor,
  GroupRef,
  InspectionEvent,
  InspectOptions,
  Logger,
  MailboxOptions,
  MessageInspection,
  MessageType,
  OverflowPolicy,
  Provider,
  ResizeOptions,
  RestartPolicy,
  SpawnOptions,
  SupervisionStrategy,
  SupervisorOptions,
  SystemEvent,
  SystemEventOf,
  SystemEventType,
  TreeNode,
} from './types';
