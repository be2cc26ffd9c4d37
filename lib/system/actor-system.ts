import type { Observable, SchedulerLike } from 'rxjs';
import { Cell } from '../actor/cell';
import { Context } from '../actor/context';
import { currentSender } from '../actor/current';
import { cellLifecycle } from '../actor/lifecycle';
import type { Runtime } from '../actor/ports';
import { spawnChild } from '../actor/spawn';
import { boot } from '../actor/starting';
import { ClusterNode } from '../cluster/node';
import { clusterSettings } from '../cluster/options';
import { AskDeadlines } from '../core/ask-deadlines';
import { LOCAL_NODE, parseAddress } from '../core/address';
import { toEach } from '../core/fan-out';
import { ProcessRegistry } from '../core/registry';
import { Group, NamedDistributor } from '../dispatch';
import { ActorStoppedError, ConfigurationError, EscalationError, StartError } from '../errors';
import { Inspection } from '../inspector/inspection';
import { DefinitionBuilder, childSettings, defaultSegment } from '../metadata';
import type { ChildDefinition } from '../metadata';
import { createSupervisionEngine } from '../supervision/engine';
import { ThreadCell } from '../threads/thread-cell';
import { ThreadPool } from '../threads/thread-pool';
import type { RefOf } from '../typed-refs';
import type {
  ActorClass,
  ActorRef,
  DeadLetter,
  Distributor,
  GroupRef,
  InspectOptions,
  InspectionEvent,
  Logger,
  SpawnOptions,
  SystemEvent,
  TreeNode,
} from '../types';
import { activityOf } from './activity';
import { defaultScheduler } from './default-scheduler';
import { EventStreams } from './events';
import { Guardian, type GuardedSystem } from './guardian';
import { chooseLogger } from './logger';
import type { SystemOptions } from './options';
import { systemOptionProblems } from './options';
import { ProbeProcess, attachProbe } from './probe-process';
import { TEST_HOOKS, exposeInternals, type TestHooks } from './test-hooks';
import { snapshot, workers } from './tree';

declare module '../actor/context' {
  interface ContextTypes {
    system: ActorSystem;
  }
}

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
  /** Lifecycle events: started, stopped, failed, restarted, escalated, dead-letter, resized. */
  readonly events$: Observable<SystemEvent>;
  /** Every message that was not handled, with the reason. */
  readonly deadLetters$: Observable<DeadLetter>;
  /** Resolves after `shutdown` or `kill`; rejects with `EscalationError` when the root gives up. */
  readonly whenTerminated: Promise<void>;
  /** This node's name (`local` without a cluster). */
  readonly node: string;

  private readonly registry: ProcessRegistry;
  private readonly rootCell: Cell;
  private readonly distributors = new Map<string, NamedDistributor>();
  private readonly lifecycle: SystemLifecycle;
  private readonly cluster: ClusterNode | undefined;
  private readonly inspection: Inspection;

  private constructor(rootClass: ActorClass, options: SystemOptions) {
    const scheduler: SchedulerLike = options.scheduler ?? defaultScheduler;
    const logger: Logger = chooseLogger(options.logger);
    const hooks = (options as { [TEST_HOOKS]?: TestHooks })[TEST_HOOKS];
    const definitions = new DefinitionBuilder(new Map(options.providers ?? []), Context, logger, hooks?.overrides);
    const definition = definitions.build(rootClass);
    const streams = new EventStreams(scheduler, logger);
    if (hooks?.record !== undefined) {
      // The test kit records from before the static tree starts, its `started` events included.
      streams.events.subscribe((event) => hooks.record!.event(event));
      streams.deadLetters.subscribe((deadLetter) => hooks.record!.deadLetter(deadLetter));
    }
    const askDeadlines = new AskDeadlines(scheduler);
    this.node = options.cluster?.node ?? LOCAL_NODE;
    this.events$ = streams.events$;
    this.deadLetters$ = streams.deadLetters$;
    const registry = (this.registry = new ProcessRegistry({
      node: this.node,
      askTimeoutMs: options.askTimeoutMs ?? 5000,
      askDeadlines,
      currentSender,
      publishDeadLetter: (message, reason, path) => streams.deadLetter(message, reason, path),
    }));
    this.cluster = options.cluster && new ClusterNode(clusterSettings(options.cluster), {
      registry,
      scheduler,
      logger,
      emit: (type, details) => streams.emit(type, '/', details),
      publishDeadLetter: (message, reason, path) => streams.deadLetter(message, reason, path),
    });
    registry.remote = this.cluster;
    this.inspection = new Inspection({
      node: this.node,
      scheduler,
      logger,
      events: streams.events.asObservable(),
      attach: (tap) => (registry.inspection = tap),
    });
    let threads: ThreadPool | undefined;
    const runtime: Runtime<Cell> = {
      scheduler,
      logger,
      definitions,
      registry,
      system: this,
      terminated: false,
      lifecycle: cellLifecycle,
      emit: (type, path, details) => streams.emit(type, path, details),
      supervise: (owner) => createSupervisionEngine(owner),
      createCell: (parent, path, definition, settings) => {
        if (!settings.thread) return new Cell(runtime, parent, path, definition, settings);
        const pool = (threads ??= new ThreadPool(registry, logger));
        return new ThreadCell(runtime, parent, path, definition, settings, pool.place(path, settings), pool);
      },
      createGroup: (supervisor, child) => createGroup(runtime, supervisor, child),
    };
    this.lifecycle = new SystemLifecycle(askDeadlines, runtime, this.cluster, () => threads?.close());
    this.whenTerminated = this.lifecycle.whenTerminated;
    const name = options.name ?? defaultSegment(rootClass);
    const rootSettings = { ...childSettings(), shutdownTimeoutMs: Infinity };
    this.rootCell = new Cell(runtime, new Guardian(this.lifecycle.guarded(() => this.shutdown())), `/${name}`, definition, rootSettings);
    this.root = this.rootCell.ref;
    exposeInternals(this, {
      activity: () => activityOf(registry, askDeadlines),
      taken: (path) => registry.processAt(path)?.terminated === false,
      attachProbe: (path, receive) => attachProbe(registry, path, receive),
    });
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
    await system.cluster?.join();
    try {
      await boot(system.rootCell);
    } catch (error) {
      system.cluster?.kill();
      throw error;
    }
    if (system.rootCell.status !== 'running') {
      const path = system.rootCell.path;
      throw new StartError(`${path} was stopped while the system was starting (a hook called kill() or stop() on it); nothing more was started.`, { path });
    }
    return system;
  }

  /**
   * The ref at `path` (e.g. `/app/workers`) or at an address of this node
   * (`rampart://local/app/workers`), or `undefined`.
   */
  lookup<M = unknown>(path: string): ActorRef<M> | GroupRef<M> | undefined {
    return this.lookupActor<M>(path) ?? this.lookupGroup<M>(path);
  }

  /**
   * Like `lookup`, but only an actor; `undefined` for a group. An address of another node
   * of the cluster gives a remote ref at once, whether or not that node is up.
   */
  lookupActor<M = unknown>(path: string): ActorRef<M> | undefined {
    const remote = this.remoteAddress(path);
    if (remote !== undefined) return this.cluster?.refAt(remote.node, remote.path) as ActorRef<M> | undefined;
    const local = this.localPath(path);
    const process = local === undefined ? undefined : this.registry.processAt(local);
    if (process instanceof ProbeProcess) return process.terminated ? undefined : (process.ref as ActorRef<M>);
    return process instanceof Cell && !process.dead ? (process.ref as ActorRef<M>) : undefined;
  }

  /** Like `lookup`, but only a group; `undefined` for an actor. */
  lookupGroup<M = unknown>(path: string): GroupRef<M> | undefined {
    const local = this.localPath(path);
    const process = local === undefined ? undefined : this.registry.processAt(local);
    return process instanceof Group && !process.terminated ? (process.ref as GroupRef<M>) : undefined;
  }

  /** The live nodes of the cluster, this one included, sorted (`['local']` without a cluster). */
  nodes(): string[] {
    return this.cluster?.nodes() ?? [this.node];
  }

  /**
   * Every delivery of a told or asked message (a `MessageInspection`: from, to, message
   * type, ask, outcome `handled` / `failed` / `dead-letter`, the handler's duration), every
   * lifecycle event and every node event (all of `events$`, as they are), as they happen.
   * `options.sample` in [0, 1] (default 1) thins the message events, deterministically and
   * for each subscriber on its own: 0.1 keeps one delivery in ten. A bad sample throws
   * `RangeError`, an unknown option `ConfigurationError`.
   *
   * Nothing is paid while nobody subscribes: a delivery checks one field. A handler on a
   * worker thread is timed from when its letter was handed to the worker until the answer
   * came back; the deliveries of a timer's message and of death watch's `Terminated` have
   * no `from`. A message sent to another node is reported by that node's `inspect()`, and
   * here only if it becomes a dead letter here (e.g. `unreachable`). A subscriber that
   * throws is logged and skipped for that event.
   *
   * @example
   * const subscription = system.inspect({ sample: 0.1 }).subscribe((event) => {
   *   if (event.type === 'message') console.log(event.to, event.messageType, event.outcome, event.durationMs);
   *   else console.log(event.type, event.path);
   * });
   * subscription.unsubscribe(); // the tap is gone with the last subscriber
   */
  inspect(options?: InspectOptions): Observable<InspectionEvent> {
    return this.inspection.observe(options);
  }

  /**
   * Adds a dynamic child under the root (one-for-one). Its ref is typed by the class
   * (`RefOf<A>`); with an explicit message type (`system.spawn<Job>(Worker)`) it is an
   * untyped `ActorRef<Job>`.
   *
   * @example
   * const greeter = system.spawn(Greeter); // RefOf<Greeter>
   * const reply: string = await greeter.ask('world');
   */
  spawn<A extends object>(actor: new (...args: any[]) => A, options?: SpawnOptions): RefOf<A>;
  spawn<M = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<M>;
  spawn<M = unknown>(actor: ActorClass, options?: SpawnOptions): ActorRef<M> {
    if (this.lifecycle.terminating) throw new ActorStoppedError('The actor system is terminated; spawn() needs a running system.');
    return spawnChild(this.rootCell, actor, options).ref as ActorRef<M>;
  }

  /** The named distributor (it may have no recipients yet). */
  distributor<M = unknown>(name: string): Distributor<M> {
    let distributor = this.distributors.get(name);
    if (distributor === undefined) {
      distributor = new NamedDistributor(name, this.registry);
      this.distributors.set(name, distributor);
    }
    return distributor as Distributor<M>;
  }

  /** Tells `message` to every actor in the tree that is not a supervisor. */
  broadcast(message: unknown): void {
    toEach(workers(this.rootCell), (cell) => this.registry.tell(cell.ref, message));
  }

  /** A snapshot of the tree. */
  tree(): TreeNode {
    return snapshot(this.rootCell);
  }

  /** Stops at once, without `afterStop`; everything queued becomes a dead letter. */
  kill(): void {
    this.lifecycle.goingDown();
    this.cluster?.kill();
    this.rootCell.kill();
  }

  /**
   * Stops the tree in reverse start order, one child at a time: each child handles its
   * queued messages, then runs `afterStop`, bounded by its `shutdownTimeoutMs`.
   */
  shutdown(): Promise<void> {
    return this.lifecycle.shutdown(this.rootCell);
  }

  /** The node and path of an address of another node, if `pathOrAddress` is one. */
  private remoteAddress(pathOrAddress: string): { node: string; path: string } | undefined {
    const address = typeof pathOrAddress === 'string' ? parseAddress(pathOrAddress) : undefined;
    return address !== undefined && address.node !== this.node ? address : undefined;
  }

  /** The path of `pathOrAddress` on this node, or `undefined` for another node or a malformed address. */
  private localPath(pathOrAddress: string): string | undefined {
    if (typeof pathOrAddress !== 'string') return undefined;
    if (pathOrAddress.startsWith('/')) return pathOrAddress;
    const address = parseAddress(pathOrAddress);
    return address?.node === this.node ? address.path : undefined;
  }
}

/** How a system ends: shutdown, kill, or the root giving up; and `whenTerminated`. */
class SystemLifecycle {
  readonly whenTerminated: Promise<void>;
  private isTerminated = false;
  private shutdownDone: Promise<void> | undefined;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };

  constructor(
    private readonly askDeadlines: AskDeadlines,
    /** Its `terminated` flag is the one record of "going down": the cells read it on every start. */
    private readonly runtime: { terminated: boolean },
    private readonly cluster: { leave(): Promise<void> } | undefined,
    /** Stops the worker threads, once every actor on them has stopped. */
    private readonly closeThreads: () => Promise<void> | undefined,
  ) {
    this.whenTerminated = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.whenTerminated.catch(() => undefined);
  }

  /** Shutting down, killed or terminated: the system starts nothing any more. */
  get terminating(): boolean {
    return this.runtime.terminated;
  }

  goingDown(): void {
    this.runtime.terminated = true;
  }

  shutdown(root: Cell): Promise<void> {
    if (this.isTerminated) return Promise.resolve();
    this.goingDown();
    return (this.shutdownDone ??= root.stop().then(() => this.whenTerminated.catch(() => undefined)));
  }

  /** The guardian's view of the system. */
  guarded(shutdown: () => Promise<void>): GuardedSystem {
    const lifecycle = this;
    return {
      get terminating(): boolean {
        return lifecycle.terminating;
      },
      terminated: (error?: EscalationError) => lifecycle.terminated(error),
      shutdown,
    };
  }

  /** The root stopped for good: the node leaves its cluster (after what it sent was acknowledged), then the system is terminated. */
  private terminated(error?: EscalationError): void {
    if (this.isTerminated) return;
    this.isTerminated = true;
    this.goingDown();
    const settle = (): void => {
      this.askDeadlines.dispose();
      if (error) this.settle.reject(error);
      else this.settle.resolve();
    };
    const leave = () => (this.cluster === undefined ? settle() : void this.cluster.leave().then(settle, settle));
    const threads = this.closeThreads();
    if (threads === undefined) leave();
    else void threads.then(leave, leave);
  }
}

/** The group of a `@Child` with `redundancy`: members are cells of the supervisor. */
function createGroup(runtime: Runtime<Cell>, supervisor: Cell, child: ChildDefinition): Group<Cell> {
  return new Group<Cell>(
    {
      registry: runtime.registry,
      scheduler: runtime.scheduler,
      logger: runtime.logger,
      get accepting() {
        return !runtime.terminated && !supervisor.closing && supervisor.status !== 'dead';
      },
      emit: runtime.emit,
      newMember: (path) => runtime.createCell(supervisor, path, child.definition, child.settings),
    },
    child.settings,
    `${supervisor.path}/${child.name}`,
  );
}
