import type { ActorClass, ActorOptions, ChildOptions, MessageType, SupervisorOptions } from '../types';

/** What `@On` recorded: one handler for one message type. */
export interface HandlerRecord {
  readonly type: MessageType;
  readonly method: string | symbol;
}

/** What `@Child` recorded on one property of a supervisor class. */
export interface ChildRecord {
  readonly property: string | symbol;
  readonly actor: ActorClass;
  readonly options: Readonly<ChildOptions>;
}

/** The one metadata aggregate of a class, written only by the decorators. */
export interface ActorClassMetadata {
  kind?: 'actor' | 'supervisor';
  actorOptions?: Readonly<ActorOptions>;
  supervisorOptions?: Readonly<SupervisorOptions>;
  handlers: HandlerRecord[];
  otherwise?: string | symbol;
  children: ChildRecord[];
  messageName?: string;
}
