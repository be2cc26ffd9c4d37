import { ConfigurationError } from '../errors';
import { Backoff } from '../supervision/backoff';
import type { ActorClass, ChildOptions, Logger, MailboxOptions, ResizeOptions, SpawnOptions } from '../types';
import type { ActorDefinition, ChildDefinition, ChildSettings, SupervisionSettings } from './definition';
import { HandlerTable } from './handler-table';
import { resolveInjections } from './injection';
import { defaultSegment, describe, memberName } from './naming';
import { assertSpawnOptions } from './options';
import type { ActorClassMetadata, ChildRecord, HandlerRecord } from './records';
import { metadataChain } from './store';
import { threadPlacementProblems } from './thread-placement';

const handlerTables = new WeakMap<Function, HandlerTable>();
const warnedWithoutHandlers = new WeakSet<Function>();

const DEFAULT_SUPERVISION: SupervisionSettings = { strategy: 'one-for-one', maxRestarts: 3, withinMs: 5000 };

/** The class's metadata merged with its decorated base classes' (the derived class wins). */
function effectiveMetadata(actorClass: Function): ActorClassMetadata {
  const merged: ActorClassMetadata = { handlers: [], children: [] };
  for (const own of metadataChain(actorClass)) {
    merged.kind = own.kind ?? merged.kind;
    merged.actorOptions = own.actorOptions ?? merged.actorOptions;
    merged.supervisorOptions = own.supervisorOptions ?? merged.supervisorOptions;
    merged.otherwise = own.otherwise ?? merged.otherwise;
    merged.handlers = [...merged.handlers, ...own.handlers];
    const overridden = new Set(own.children.map((c) => c.property));
    merged.children = [...merged.children.filter((c) => !overridden.has(c.property)), ...own.children];
  }
  return merged;
}

function handlerTableOf(actorClass: Function, handlers: HandlerRecord[], otherwise: string | symbol | undefined): HandlerTable {
  let table = handlerTables.get(actorClass);
  if (!table) {
    table = new HandlerTable(actorClass.prototype as object, handlers, otherwise);
    handlerTables.set(actorClass, table);
  }
  return table;
}

const IMMEDIATE = Backoff.immediate();
const DEFAULT_CHILD_SETTINGS: ChildSettings = Object.freeze(resolveChildSettings({}));

/** Applies the defaults to `@Child` or spawn options (shared when there are none). */
export function childSettings(options?: ChildOptions): ChildSettings {
  return options === undefined || Object.keys(options).length === 0 ? DEFAULT_CHILD_SETTINGS : resolveChildSettings(options);
}

function resolveChildSettings(options: ChildOptions): ChildSettings {
  return {
    restart: options.restart ?? 'permanent',
    tries: options.tries ?? Infinity,
    backoff: options.backoff ?? IMMEDIATE,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    mailbox: snapshotMailbox(options.mailbox),
    redundancy: options.redundancy,
    dispatch: options.dispatch ?? 'round-robin',
    resize: snapshotResize(options.resize),
    distributor: options.distributor,
    thread: options.thread === true,
    threads: options.threads,
  };
}

/**
 * Reads decorator metadata back into validated, immutable `ActorDefinition`s. One builder
 * serves one system: definitions depend on its providers. Every problem found while building
 * a graph is gathered into one `ConfigurationError`.
 */
export class DefinitionBuilder {
  private readonly definitions = new Map<Function, ActorDefinition>();
  private readonly providers: ReadonlyMap<unknown, unknown>;

  constructor(
    providers: ReadonlyMap<unknown, unknown>,
    private readonly contextToken: Function,
    private readonly logger: Logger,
    /** @internal `RealClass -> FakeClass` (the test kit's overrides): the fake is built in the real one's place. */
    private readonly overrides?: ReadonlyMap<Function, Function>,
  ) {
    this.providers = providers;
  }

  /** The definition of `actorClass` and everything below it; throws `ConfigurationError`. */
  build(actorClass: unknown, what = 'The root'): ActorDefinition {
    if (typeof actorClass !== 'function') {
      throw new ConfigurationError(`${what} must be an actor or @Supervisor class, got ${describe(actorClass)}.`);
    }
    const cached = this.definitions.get(actorClass);
    if (cached !== undefined) return cached;
    const problems: string[] = [];
    const definition = this.define(actorClass as ActorClass, [], problems);
    if (problems.length > 0) throw new ConfigurationError(problems);
    return definition;
  }

  /** The definition of a class spawned at `where` with `options`; throws `ConfigurationError`. */
  buildSpawned(actorClass: unknown, options: SpawnOptions | undefined, where: string): ActorDefinition {
    assertSpawnOptions(where, options);
    const definition = this.build(actorClass, `spawn() at ${where}`);
    if (options?.thread === true) {
      const problems = threadProblems(definition, `spawn(${definition.className}, { thread: true }) at ${where}`);
      if (problems.length > 0) throw new ConfigurationError(problems);
    }
    return definition;
  }

  private define(actorClass: ActorClass, path: Function[], problems: string[]): ActorDefinition {
    const cached = this.definitions.get(actorClass);
    if (cached) return cached;
    const fake = this.overrides?.get(actorClass);
    if (fake !== undefined && fake !== actorClass) return this.defineOverridden(actorClass, fake as ActorClass, path, problems);
    if (path.includes(actorClass)) {
      problems.push(
        `${memberName(actorClass)} contains itself through @Child: ${[...path, actorClass].map((c) => memberName(c)).join(' -> ')}. ` +
          `A static tree must be finite; spawn the recursive part with ctx.spawn() instead.`,
      );
      return this.placeholder(actorClass);
    }
    const metadata = effectiveMetadata(actorClass);
    const kind = metadata.kind === 'supervisor' ? 'supervisor' : 'actor';
    const handlers = handlerTableOf(actorClass, metadata.handlers, metadata.otherwise);
    if (kind === 'actor' && metadata.children.length > 0) {
      const properties = metadata.children.map((c) => `'${String(c.property)}'`).join(', ');
      problems.push(
        `${memberName(actorClass)} declares @Child on ${properties} but is not a supervisor. Add @Supervisor() to ${memberName(actorClass)}.`,
      );
    }
    const children = kind === 'supervisor' ? this.defineChildren(actorClass, metadata.children, [...path, actorClass], problems) : [];
    const definition: ActorDefinition = Object.freeze({
      actorClass,
      className: memberName(actorClass),
      kind,
      handlers,
      defaultName: metadata.actorOptions?.name ?? defaultSegment(actorClass),
      mailbox: snapshotMailbox(metadata.actorOptions?.mailbox),
      supervision: { ...DEFAULT_SUPERVISION, ...stripUndefined(metadata.supervisorOptions ?? {}) },
      children,
      injections: resolveInjections(actorClass, metadata.kind !== undefined, metadata.actorOptions?.inject, this.providers, this.contextToken, problems),
    });
    if (kind === 'actor' && handlers.size === 0 && !handlers.otherwise && !warnedWithoutHandlers.has(actorClass)) {
      warnedWithoutHandlers.add(actorClass);
      try {
        this.logger.warn(
          `rampart: ${definition.className} has no @On handler and no @Otherwise, so every message it receives becomes a dead letter 'unhandled'. ` +
            `Add @On(MessageType) handlers, or @Otherwise() for a default.`,
        );
      } catch {
        // The logger is the user's; a hint it cannot take must not stop the system from starting.
      }
    }
    this.definitions.set(actorClass, definition);
    return definition;
  }

  /** The definition of `fake`, under the name the tree gives `real` (its path stays what the tree declares). */
  private defineOverridden(real: ActorClass, fake: ActorClass, path: Function[], problems: string[]): ActorDefinition {
    const faked = this.define(fake, path, problems);
    const definition: ActorDefinition = Object.freeze({ ...faked, defaultName: effectiveMetadata(real).actorOptions?.name ?? defaultSegment(real) });
    this.definitions.set(real, definition);
    return definition;
  }

  private defineChildren(owner: Function, records: readonly ChildRecord[], path: Function[], problems: string[]): ChildDefinition[] {
    const byName = new Map<string, ChildRecord>();
    const children: ChildDefinition[] = [];
    for (const record of records) {
      const name = record.options.name ?? String(record.property);
      const clash = byName.get(name);
      if (clash) {
        problems.push(
          `${memberName(owner)} has two children named '${name}': properties '${String(clash.property)}' and '${String(record.property)}'. ` +
            `Children's names must be unique within a supervisor: give one another name with @Child(Class, { name: '…' }).`,
        );
        continue;
      }
      byName.set(name, record);
      const definition = this.define(record.actor, path, problems);
      if (record.options.thread === true) {
        problems.push(...threadProblems(definition, `@Child(${memberName(record.actor)}, { thread: true }) on ${memberName(owner)}.${String(record.property)}`));
      }
      children.push({ property: record.property, name, definition, settings: childSettings(record.options) });
    }
    return children;
  }

  private placeholder(actorClass: ActorClass): ActorDefinition {
    return {
      actorClass,
      className: memberName(actorClass),
      kind: 'actor',
      handlers: new HandlerTable(actorClass.prototype as object, [], undefined),
      defaultName: defaultSegment(actorClass),
      mailbox: undefined,
      supervision: DEFAULT_SUPERVISION,
      children: [],
      injections: [],
    };
  }
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The validated options, copied once: the runtime reads its own frozen copy on every post
 * or resize check, never a user's object whose getters could change or throw later.
 */
function snapshotMailbox(mailbox: MailboxOptions | undefined): MailboxOptions | undefined {
  return mailbox === undefined ? undefined : Object.freeze({ capacity: mailbox.capacity, overflow: mailbox.overflow });
}

function snapshotResize(resize: ResizeOptions | undefined): ResizeOptions | undefined {
  if (resize === undefined) return undefined;
  const { min, max, mailboxThreshold, upscaleRate, downscaleRate, intervalMs } = resize;
  return Object.freeze({ min, max, mailboxThreshold, upscaleRate, downscaleRate, intervalMs });
}

/** Why `definition` cannot run on a worker thread: a supervisor, injected providers, or a class a worker cannot load. */
function threadProblems(definition: ActorDefinition, where: string): string[] {
  const name = definition.className;
  if (definition.kind === 'supervisor') {
    return [`${where}: ${name} is a supervisor, and supervisors stay on the main thread. Put { thread: true } on its children instead.`];
  }
  if (definition.injections.some((injection) => injection.kind === 'provider')) {
    return [`${where}: the constructor of ${name} takes injected providers, which cannot cross to a worker thread. Inject only the Context there, and send the worker what it needs in messages.`];
  }
  return threadPlacementProblems(definition.actorClass, where);
}
