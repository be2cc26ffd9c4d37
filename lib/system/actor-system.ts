import type { Observable, SchedulerLike } from 'rxjs';
import { AskDeadlines } from '../actor/ask-deadlines';
import { Cell } from '../actor/cell';
import { Context } from '../actor/context';
import type { GroupSlot } from '../actor/group-slot';
import { currentSender } from '../actor/local-ref';
import type { Runtime } from '../actor/runtime';
import { spawnChild } from '../actor/spawn';
import { boot } from '../actor/starting';
import { kill, stopForGood } from '../actor/stopping';
import { Group, NamedDistributor } from '../dispatch';
import { ActorStoppedError, ConfigurationError, EscalationError } from '../errors';
import { DefinitionBuilder, childSettings, defaultSegment } from '../metadata';
import type { ChildDefinition } from '../metadata';
import type {
  ActorClass,
  ActorRef,
  DeadLetter,
  DeadLetterReason,
  Distributor,
  GroupRef,
  Logger,
  SpawnOptions,
  SystemEvent,
  SystemEventType,
  TreeNode,
} from '../types';
import { defaultScheduler } from './default-scheduler';
import { EventStreams } from './events';
import { Guardian } from './guardian';
import { chooseLogger } from './logger';
import type { SystemOptions } from './options';
import { systemOptionProblems } from './options';
import { Registry } from './registry';
import { snapshot, workers } from './tree';

/**
 * A running supervision tree.
 *
 * @example
 * const system = await ActorSystem.start(App, { askTimeoutMs: 1000 });
 * system.events$.subscribe((e) => console.log(e.type, e.path));
 * const reply = await system.lookup('/app/greeter')?.ask('world');
 * await system.shutdown();
 */
export class ActorSystem {
  /** The root supervisor's ref, at `/` + its name. */
  readonly root: ActorRef;
  /** Lifecycle events: started, stopped, failed, restarted, escalated, dead-letter. */
  readonly events$: Observable<SystemEvent>;
  /** Every message that was not handled, with the reason. */
  readonly deadLetters$: Observable<DeadLetter>;
  /** Resolves after `shutdown` or `kill`; rejects with `EscalationError` when the root gives up. */
  readonly whenTerminated: Promise<void>;

  private readonly streams: EventStreams;
  private readonly askDeadlines: AskDeadlines;
  private readonly registry = new Registry();
  private readonly rootCell: Cell;
  private readonly distributors = new Map<string, NamedDistributor>();
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  private shuttingDown: Promise<void> | undefined;
  private isTerminated = false;

  private constructor(rootClass: ActorClass, options: SystemOptions) {
    const scheduler: SchedulerLike = options.scheduler ?? defaultScheduler;
    const logger: Logger = chooseLogger(options.logger);
    const definitions = new DefinitionBuilder(new Map(options.providers ?? []), Context, logger);
    const definition = definitions.build(rootClass);
    this.streams = new EventStreams(scheduler, logger);
    this.askDeadlines = new AskDeadlines(scheduler);
    this.events$ = this.streams.events.asObservable();
    this.deadLetters$ = this.streams.deadLetters.asObservable();
    this.whenTerminated = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.whenTerminated.catch(() => undefined);
    const streams = this.streams;
    const registry = this.registry;
    const runtime: Runtime = {
      scheduler,
      askTimeoutMs: options.askTimeoutMs ?? 5000,
      askDeadlines: this.askDeadlines,
      logger,
      definitions,
      system: this,
      deadLetter: (message: unknown, reason: DeadLetterReason, path: string) => streams.deadLetter(message, reason, path),
      emit: (type: SystemEventType, path: string, details?: object) => streams.emit(type, path, details),
      register: (cell: Cell) => registry.add(cell),
      unregister: (cell: Cell) => registry.remove(cell),
      cellAt: (path: string) => registry.cell(path),
      createGroup: (supervisor: Cell, child: ChildDefinition) =>
        new Group(runtime, child, `${supervisor.path}/${child.name}`, (path) =>
          new Cell(runtime, supervisor, supervisor, path, child.definition, child.settings),
        ),
      registerGroup: (group: GroupSlot) => registry.addGroup(group),
      unregisterGroup: (group: GroupSlot) => registry.removeGroup(group),
    };
    const name = options.name ?? defaultSegment(rootClass);
    const rootSettings = { ...childSettings(), shutdownTimeoutMs: Infinity };
    this.rootCell = new Cell(runtime, new Guardian(this), undefined, `/${name}`, definition, rootSettings);
    this.root = this.rootCell.ref;
  }

  /**
   * Builds and starts the static tree of `root`, one child after another. Resolves when
   * every child has started; rejects with `ConfigurationError`, or with `StartError` naming
   * the child that failed to start (its error is the `cause`).
   */
  static async start(root: ActorClass, options: SystemOptions = {}): Promise<ActorSystem> {
    const problems = systemOptionProblems(root, options);
    if (problems.length > 0) throw new ConfigurationError(problems);
    const system = new ActorSystem(root, options);
    await boot(system.rootCell);
    return system;
  }

  /** @internal True once the system is going down for good. */
  get terminating(): boolean {
    return this.isTerminated || this.shuttingDown !== undefined;
  }

  /** The live ref at `path` (e.g. `/app/workers`), or `undefined`. */
  lookup<M = unknown>(path: string): ActorRef<M> | GroupRef<M> | undefined {
    const cell = this.registry.cell(path);
    if (cell !== undefined && cell.status !== 'dead') return cell.ref as ActorRef<M>;
    return this.registry.group(path)?.ref as GroupRef<M> | undefined;
  }

  /** Adds a dynamic child under the root (one-for-one). */
  spawn<M = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<M> {
    if (this.terminating) throw new ActorStoppedError('The actor system is terminated; spawn() needs a running system.');
    return spawnChild(this.rootCell, actor, options).ref as ActorRef<M>;
  }

  /** The named distributor (it may have no recipients yet). */
  distributor<M = unknown>(name: string): Distributor<M> {
    let distributor = this.distributors.get(name);
    if (distributor === undefined) {
      distributor = new NamedDistributor(name, () => this.registry.recipients(name));
      this.distributors.set(name, distributor);
    }
    return distributor as Distributor<M>;
  }

  /** Tells `message` to every actor in the tree that is not a supervisor. */
  broadcast(message: unknown): void {
    const sender = currentSender();
    for (const cell of workers(this.rootCell)) cell.tell(message, sender);
  }

  /** A snapshot of the tree. */
  tree(): TreeNode {
    return snapshot(this.rootCell);
  }

  /** Stops at once, without `afterStop`; everything queued becomes a dead letter. */
  kill(): void {
    kill(this.rootCell);
  }

  /**
   * Stops the tree in reverse start order, one child at a time: each child handles its
   * queued messages, then runs `afterStop`, bounded by its `shutdownTimeoutMs`.
   */
  shutdown(): Promise<void> {
    if (this.isTerminated) return Promise.resolve();
    this.shuttingDown ??= stopForGood(this.rootCell).then(() => this.whenTerminated.catch(() => undefined));
    return this.shuttingDown;
  }

  /** @internal Called by the guardian when the root stopped for good. */
  terminated(error?: EscalationError): void {
    if (this.isTerminated) return;
    this.isTerminated = true;
    this.askDeadlines.dispose();
    if (error) this.settle.reject(error);
    else this.settle.resolve();
  }
}
