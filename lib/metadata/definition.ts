import type { Backoff } from '../supervision/backoff';
import type {
  ActorClass,
  DispatchStrategy,
  MailboxOptions,
  ResizeOptions,
  RestartPolicy,
  SupervisionStrategy,
} from '../types';
import type { HandlerTable } from './handler-table';

/** How one constructor parameter is filled. */
export type Injection = { readonly kind: 'context' } | { readonly kind: 'provider'; readonly value: unknown };

/** Supervision settings of a supervisor, with defaults applied. */
export interface SupervisionSettings {
  readonly strategy: SupervisionStrategy;
  readonly maxRestarts: number;
  readonly withinMs: number;
}

/** `@Child` / spawn options with defaults applied. */
export interface ChildSettings {
  readonly restart: RestartPolicy;
  readonly tries: number;
  readonly backoff: Backoff;
  readonly shutdownTimeoutMs: number;
  readonly mailbox: MailboxOptions | undefined;
  readonly redundancy: number | undefined;
  readonly dispatch: DispatchStrategy;
  readonly resize: ResizeOptions | undefined;
  readonly distributor: string | undefined;
  /** Runs on a worker thread (`thread: true`). */
  readonly thread: boolean;
  /** With `thread` and `redundancy`: how many worker threads share the members (`undefined`: the default). */
  readonly threads: number | undefined;
}

/** The validated, immutable description of one actor or supervisor class. */
export interface ActorDefinition {
  readonly actorClass: ActorClass;
  readonly className: string;
  readonly kind: 'actor' | 'supervisor';
  readonly handlers: HandlerTable;
  /** Path segment when the class is spawned without a name (`@Actor({ name })` or the class name). */
  readonly defaultName: string;
  /** `@Actor({ mailbox })`; a child's own `mailbox` option wins over it. */
  readonly mailbox: MailboxOptions | undefined;
  readonly supervision: SupervisionSettings;
  readonly children: readonly ChildDefinition[];
  readonly injections: readonly Injection[];
}

/** One static child of a supervisor. */
export interface ChildDefinition {
  readonly property: string | symbol;
  readonly name: string;
  readonly definition: ActorDefinition;
  readonly settings: ChildSettings;
}
