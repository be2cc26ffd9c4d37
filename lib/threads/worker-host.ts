import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Context } from '../actor/context';
import { callAs, enter, leave, runAsync, startAsync } from '../actor/current';
import { incarnationEnded, LetterSignals } from '../actor/letter-signals';
import { assertPipeArguments, PipedLetter, whenSettled, type PipeMap } from '../actor/pipe';
import type { GiveUpListener } from '../core/process';
import { decode, encode, FrameRejection } from '../cluster/codec';
import type { Ref } from '../core/ref';
import { Terminated } from '../core/terminated';
import { isThenable } from '../core/thenable';
import { ConfigurationError, SerializationError } from '../errors';
import { DefinitionBuilder, exportedClass, notExportedProblem, requireActorModule, type ActorDefinition } from '../metadata';
import type { ActorRef, Logger } from '../types';
import { PortLink } from './port-link';
import {
  ABORT, ANSWER, DONE, DROP, DROPPED, EXITS, FAILED, HOOK, HOOKED, LETTER, NEW, NOTICE, PIPE, PIPED, READY, REFUSED, REPLY_REFUSED,
  START_FAILED, UNHANDLED, type Item, type WorkerSetup,
} from './protocol';
import { errorIn, errorOut } from './wire';
import { WorkerContext, type WorkerContextHost } from './worker-context';
import { WorkerRoutes, runningIncarnation } from './worker-routes';

const AsyncFunction = (async () => undefined).constructor;

type Import = (specifier: string) => Promise<Record<string, unknown>>;
/**
 * A real `import()`: written in a function body so that the CommonJS build keeps it
 * (TypeScript turns an `import()` in a CommonJS module into a `require`). Made on first use,
 * so a worker under `--disallow-code-generation-from-strings` fails only an ES module's actor.
 */
let importEsm: Import | undefined;

/**
 * An actor's ES module, imported; a `.ts` file that only a require hook can load (ts-node's,
 * whose ESM loader this process does not run) is required instead.
 */
async function importModule(module: string): Promise<Record<string, unknown>> {
  try {
    importEsm ??= new Function('specifier', 'return import(specifier)') as Import;
    return await importEsm(module.startsWith('file:') ? module : pathToFileURL(module).href);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(module.startsWith('file:') ? fileURLToPath(module) : module) as Record<string, unknown>;
  }
}

/**
 * Handling that has run this long since answers last went posts the answers queued so far
 * at once, not at the end of the batch of letters: a quarter of the work the main thread
 * commits to a worker (`COMMIT_MS`), so the next letters arrive while this worker works
 * through the rest. Each post costs ~60–200 µs here (it wakes the main thread), so one per
 * answer of a ~2 ms handler was 5–8 % of the worker's time.
 */
const ANSWER_BATCH_MS = 4;

/**
 * How long a worker polls its port after it posted, before it sleeps (PortLink's `spinMs`,
 * whose header has the measurements), on a machine with more than one core: the main
 * thread's next letter then finds the worker awake, and a sequential ask to a thread actor
 * went from ~0.8x to ~1.4–1.6x a raw MessagePort round trip (whose worker sleeps). The cost
 * is up to this much CPU after a post, little of it for a worker that is seldom written to
 * (PortLink backs off after spins that miss). Erlang's schedulers busy-wait before they
 * sleep, for the same reason. The main thread never polls: its event loop is the
 * application's.
 */
const SPIN_MS = 0.1;

const consoleLogger: Logger = {
  debug: () => undefined,
  info: (message, ...meta) => console.info(message, ...meta),
  warn: (message, ...meta) => console.warn(message, ...meta),
  error: (message, ...meta) => console.error(message, ...meta),
};

/**
 * The worker's side: it builds the instances the main thread asks for, hands them their
 * letters one at a time, in order, and answers each letter in order. Everything an actor
 * does besides computing (tells, asks, timers, watches, exits) goes back to the main thread,
 * where its cell, its mailbox and its supervisor are.
 */
export class WorkerHost {
  readonly routes: WorkerRoutes;
  private readonly link: PortLink;
  private readonly incarnations = new Map<number, WorkerIncarnation>();
  /** Incarnations whose ES module is being imported; a drop takes its id out. */
  private readonly importing = new Set<number>();
  private readonly definitions = new DefinitionBuilder(new Map(), Context, consoleLogger);

  constructor(port: MessagePort, setup: WorkerSetup) {
    this.routes = new WorkerRoutes(setup.node, {
      send: (item) => this.send(item),
      currentId: () => {
        const running = runningIncarnation();
        return running === undefined ? 0 : running.retired ? -1 : running.id;
      },
    });
    this.link = new PortLink(port, {
      window: setup.window,
      receive: (item) => this.receive(item as Item),
      closePort: false,
      poll: () => receiveMessageOnPort(port),
      spinMs: availableParallelism() > 1 ? SPIN_MS : 0,
    });
    // process.exit() in a handler: the answers of the letters handled before it still go.
    process.once('exit', () => this.link.flushNow());
  }

  send(item: Item): void {
    this.link.send(item);
  }

  /**
   * A letter was handled. After ANSWER_BATCH_MS of handling since answers last went (one
   * clock read per letter), the answers queued so far go now, so the main thread sends the
   * next letters while this worker works through the ones it has, rather than idling for a
   * round trip.
   */
  handled(): void {
    if (performance.now() - this.link.postedAt >= ANSWER_BATCH_MS) this.link.flush();
  }

  private receive(item: Item): void {
    switch (item[0]) {
      case LETTER: {
        const incarnation = this.incarnations.get(item[1] as number);
        if (incarnation !== undefined) incarnation.take(item);
        return;
      }
      case NEW:
        return this.create(item);
      case HOOK: {
        const incarnation = this.incarnations.get(item[1] as number);
        if (incarnation !== undefined) incarnation.take(item);
        else this.send([HOOKED, item[1], null]);
        return;
      }
      case DROP:
        return this.drop(item[1] as number, item[2] === 1);
      case ABORT:
        return this.incarnations.get(item[1] as number)?.abortAsk(item[2] as number, item[3]);
      case ANSWER:
        return this.answer(item);
    }
  }

  private answer(item: Item): void {
    const [, id, ok, value] = item as [number, number, number, unknown];
    if (ok !== 1) return this.routes.answer(id, false, value);
    let decoded: unknown;
    try {
      decoded = decode(value, this.routes);
    } catch (error) {
      const reason = error instanceof FrameRejection ? error.reason : String(error);
      return this.routes.answer(id, false, new SerializationError(`the reply could not be read on this worker thread: ${reason}`), false);
    }
    this.routes.answer(id, true, decoded);
  }

  /**
   * A new incarnation: its class comes from its module, required, or imported where only
   * `import()` can load it (an ES module: a `file:` URL, or a path Node cannot require); a
   * drop that comes while the import is under way cancels the creation.
   */
  private create(item: Item): void {
    const [, id, module] = item as [number, number, string];
    let exports: Record<string, unknown> | undefined;
    try {
      exports = requireActorModule(module);
    } catch (failure) {
      return this.send([START_FAILED, id, errorOut(failure)]);
    }
    if (exports !== undefined) return this.createFrom(exports, item);
    this.importing.add(id);
    importModule(module).then(
      (namespace) => {
        if (this.importing.delete(id)) this.createFrom(namespace, item);
      },
      (failure: unknown) => {
        if (this.importing.delete(id)) this.send([START_FAILED, id, errorOut(failure)]);
      },
    );
  }

  private createFrom(exports: Record<string, unknown>, item: Item): void {
    const [, id, module, exportName, path, parentPath, restarts, hook, error, claims, now] = item as [
      number, number, string, string, string, string | null, number, 'beforeStart' | 'afterRestart', unknown, SharedArrayBuffer, number,
    ];
    let definition: ActorDefinition;
    try {
      const actorClass = exportedClass(exports, exportName);
      if (actorClass === undefined) throw new ConfigurationError(notExportedProblem(`@Actor({ module })`, exportName, module));
      definition = this.definitions.build(actorClass, `${exportName} from ${module}`);
    } catch (failure) {
      this.send([START_FAILED, id, errorOut(failure)]);
      return;
    }
    const incarnation = new WorkerIncarnation(this, id, path, parentPath, restarts, definition, new Int32Array(claims));
    incarnation.now = now;
    this.incarnations.set(id, incarnation);
    const started = (outcome: unknown, failed: boolean) => {
      if (incarnation.dropped) return;
      if (!failed) return this.send([READY, id]);
      this.incarnations.delete(id);
      incarnation.stopped = true;
      this.send([START_FAILED, id, errorOut(outcome)]);
    };
    let result: unknown;
    try {
      incarnation.construct();
      result = incarnation.callHook(hook, hook === 'afterRestart' ? [errorIn(error)] : []);
    } catch (failure) {
      return started(failure, true);
    }
    if (!isThenable(result)) return started(undefined, false);
    new Promise((resolve) => resolve(result)).then(
      () => started(undefined, false),
      (failure: unknown) => started(failure, true),
    );
  }

  private drop(id: number, killed: boolean): void {
    this.importing.delete(id);
    this.incarnations.get(id)?.drop(killed);
    this.incarnations.delete(id);
    this.send([DROPPED, id]);
  }
}

/** One instance of an actor on this worker, from its construction to its drop. */
class WorkerIncarnation implements WorkerContextHost {
  readonly self: Ref;
  readonly parentRef: Ref | undefined;
  readonly context: WorkerContext;
  instance: object | undefined;
  sender: ActorRef | undefined;
  handling = false;
  exitRequested = false;
  /** Failed, exited or dropped: it handles no more letters. */
  stopped = false;
  dropped = false;
  /** Dropped by a kill (or a stop out of time): its `ctx.signal`s abort. */
  private killed = false;
  /** An async handler is in flight; letters wait in `queue`. */
  busy = false;
  private queue: Item[] = [];
  /** The main thread's `scheduler.now()` when the current letter (or hook) was sent. */
  now = 0;
  /** The current ask's deadline (main-thread scheduler time), if it has a finite one. */
  deadline: number | undefined = undefined;
  /** The number of the ask being handled (0 for any other letter), and of the last ask taken. */
  private askSeq = 0;
  private lastAskSeq = 0;
  /** Made when a handler reads `ctx.signal` (see `LetterSignals`). */
  private signals: LetterSignals | undefined;
  /** Why the asker of each ask not yet seen by a signal gave up (the reason as it crossed). */
  private aborts: Map<number, unknown> | undefined;
  private giveUpListener: GiveUpListener | undefined;
  private giveUpSeq = 0;
  /** `ctx.pipeToSelf` outcomes waiting for their letter to come back (see `PipedResult`). */
  private pipes: Map<number, PipedLetter> | undefined;
  private lastPipe = 0;

  constructor(
    private readonly host: WorkerHost,
    readonly id: number,
    readonly path: string,
    parentPath: string | null,
    readonly restarts: number,
    private readonly definition: ActorDefinition,
    /** Shared with the main thread: how many letters this worker took, and whether it may take more (see `claim`). */
    private readonly claims: Int32Array,
  ) {
    this.self = host.routes.refTo(path);
    this.parentRef = parentPath === null ? undefined : host.routes.refTo(parentPath);
    this.context = new WorkerContext(this);
  }

  get routes(): WorkerRoutes {
    return this.host.routes;
  }

  get retired(): boolean {
    return this.dropped;
  }

  send(item: Item): void {
    this.host.send(item);
  }

  get signal(): AbortSignal {
    const signals = (this.signals ??= new LetterSignals());
    if (this.killed) signals.end(() => incarnationEnded(this.path));
    const seq = this.handling ? this.askSeq : 0;
    return seq === 0 ? signals.of(undefined, undefined) : signals.of(seq, this);
  }

  /** The current ask's signal listens here: the main thread sends `ABORT` when its asker gives up. */
  onGiveUp(listener: GiveUpListener): void {
    const seq = this.askSeq;
    const reason = this.aborts?.get(seq);
    if (reason === undefined) {
      this.giveUpListener = listener;
      this.giveUpSeq = seq;
      return;
    }
    this.aborts!.delete(seq);
    listener.abort(errorIn(reason));
  }

  /** `ABORT`: the asker of ask `seq` gave up. Its signal aborts now, or starts aborted when read. */
  abortAsk(seq: number, reason: unknown): void {
    const listener = this.giveUpListener;
    if (listener !== undefined && seq === this.giveUpSeq) {
      this.giveUpListener = undefined;
      listener.abort(errorIn(reason));
    } else if (seq > this.lastAskSeq || (seq === this.askSeq && this.handling)) {
      (this.aborts ??= new Map()).set(seq, reason);
    }
  }

  /** `ctx.pipeToSelf`: the outcome stays here; the main thread queues its letter, owned by this incarnation. */
  pipe(promise: unknown, map: PipeMap | undefined): void {
    assertPipeArguments(this.path, promise, map);
    const settled = (outcome: unknown, rejected: boolean) => {
      if (this.dropped) return; // the incarnation is over: dropped, as a timer's message
      const id = ++this.lastPipe;
      (this.pipes ??= new Map()).set(id, new PipedLetter(outcome, rejected, map, this));
      this.send([PIPE, this.id, id]);
    };
    whenSettled(
      promise,
      (value) => settled(value, false),
      (error: unknown) => settled(error, true),
    );
  }

  construct(): void {
    const { actorClass, injections } = this.definition;
    const args = injections.map(() => this.context);
    const previous = enter(this);
    try {
      this.instance = new actorClass(...args);
    } finally {
      leave(previous);
    }
  }

  /** Calls a lifecycle hook, if the instance has it, as this actor; returns what it returns. */
  callHook(name: string, args: unknown[]): unknown {
    const instance = this.instance as Record<string, unknown> | undefined;
    const fn = instance?.[name];
    if (typeof fn !== 'function') return undefined;
    const call = () => fn.call(instance, this.context, ...args) as unknown;
    if (fn instanceof AsyncFunction) return runAsync(this, call);
    const previous = enter(this);
    try {
      return call();
    } finally {
      leave(previous);
    }
  }

  /** A letter or a stop hook, in the order they came; a hook runs even after a failure (`beforeRestart`). */
  take(item: Item): void {
    if (this.busy) this.queue.push(item);
    else this.run(item);
  }

  private run(item: Item): void {
    if (item[0] === HOOK) this.hook(item);
    else if (!this.stopped && this.claim()) this.handle(item);
  }

  /**
   * Takes the next letter, unless the main thread gave up on this incarnation (a kill, a stop
   * out of time): it then settled the letters this worker had not taken, and counts on this
   * worker never to handle them. One compare-and-swap on the shared word decides each side.
   */
  private claim(): boolean {
    const claims = this.claims;
    for (;;) {
      const taken = Atomics.load(claims, 0);
      if (taken < 0) return false;
      if (Atomics.compareExchange(claims, 0, taken, taken + 1) === taken) return true;
    }
  }

  private hook(item: Item): void {
    const [, id, name, error, message, now] = item as [number, number, 'afterStop' | 'beforeRestart', unknown, unknown, number];
    this.now = now;
    const done = (failure?: unknown) => this.send([HOOKED, id, failure === undefined ? null : errorOut(failure)]);
    let result: unknown;
    try {
      const args = name === 'beforeRestart' ? [errorIn(error), message === undefined ? undefined : decode(message, this.routes)] : [];
      result = this.callHook(name, args);
    } catch (failure) {
      return done(failure);
    }
    if (!isThenable(result)) return done();
    this.busy = true;
    new Promise((resolve) => resolve(result)).then(
      () => this.settled(() => done()),
      (failure: unknown) => this.settled(() => done(failure ?? new Error(`${name} rejected`))),
    );
  }

  /** Over; `killed` (a kill, a stop out of time) aborts its `ctx.signal`s, as on the main thread. */
  drop(killed: boolean): void {
    this.stopped = true;
    this.dropped = true;
    this.killed = killed;
    this.queue = [];
    this.pipes = undefined;
    if (killed) this.signals?.end(() => incarnationEnded(this.path));
  }

  /** Takes the letter's clock, and for an ask its number and deadline (see `LETTER`). */
  private stamp(item: Item, kind: number): void {
    this.now = item[5] as number;
    if (kind === 1) {
      const seq = item[6] as number;
      this.askSeq = this.lastAskSeq = seq;
      this.deadline = (item[7] as number | null) ?? undefined;
      if (this.aborts !== undefined) for (const older of this.aborts.keys()) if (older < seq) this.aborts.delete(older);
    } else if (this.askSeq !== 0) {
      this.askSeq = 0;
      this.deadline = undefined;
    }
  }

  /** The message of a `PIPED` letter: what its `map` makes of the outcome, run as this actor. */
  private adapted(id: number): unknown {
    const piped = this.pipes?.get(id);
    this.pipes?.delete(id);
    if (piped === undefined) throw new Error(`ctx.pipeToSelf() at ${this.path}: the outcome #${id} was not kept on this worker.`);
    const previous = enter(this);
    try {
      return piped.adapt();
    } finally {
      leave(previous);
    }
  }

  private handle(item: Item): void {
    const [, , wire, senderAddress, kind] = item as [number, number, unknown, string | null, number];
    this.stamp(item, kind);
    let message: unknown;
    if (kind === PIPED) {
      this.sender = undefined;
      try {
        message = this.adapted(wire as number);
      } catch (error) {
        return this.fail(error);
      }
    } else {
      try {
        message = kind === NOTICE ? notice(wire, this.routes) : decode(wire, this.routes);
        this.sender = senderAddress === null ? undefined : (this.routes.refAt(senderAddress) as ActorRef);
      } catch (error) {
        this.send([REFUSED, this.id, error instanceof FrameRejection ? error.reason : String(error)]);
        return;
      }
    }
    const handlers = this.definition.handlers;
    let handler;
    try {
      handler = handlers.lookup(message);
    } catch {
      handler = handlers.otherwise;
    }
    if (handler === undefined) {
      this.send([UNHANDLED, this.id]);
      return;
    }
    const ask = kind === 1;
    this.handling = true;
    let result: unknown;
    try {
      result = handler.isAsync ? startAsync(this, handler.fn, message) : callAs(this, handler.fn, message);
    } catch (error) {
      return this.fail(error);
    }
    if (!isThenable(result)) {
      this.done(result, ask);
      this.host.handled();
      return;
    }
    this.awaitHandler(result, ask);
  }

  /** The handler returned a thenable: later letters wait until it settles (a method of its own, so `handle` captures nothing). */
  private awaitHandler(result: unknown, ask: boolean): void {
    this.busy = true;
    new Promise((resolve) => resolve(result)).then(
      (value) => this.settled(() => this.done(value, ask)),
      (error: unknown) => this.settled(() => this.fail(error)),
    );
  }

  private settled(answer: () => void): void {
    this.busy = false;
    if (this.dropped) return;
    answer();
    while (!this.busy && this.queue.length > 0) this.run(this.queue.shift()!);
  }

  private done(value: unknown, ask: boolean): void {
    this.handling = false;
    this.sender = undefined;
    let reply: unknown;
    let flags = 0;
    if (ask) {
      try {
        reply = encode(value, 'reply', this.routes, true);
      } catch (error) {
        reply = errorOut(error);
        flags |= REPLY_REFUSED;
      }
    }
    if (this.exitRequested) {
      flags |= EXITS;
      this.stopped = true;
      this.queue = this.queue.filter((queued) => queued[0] === HOOK);
    }
    this.send([DONE, this.id, reply, flags]);
  }

  private fail(error: unknown): void {
    this.handling = false;
    this.sender = undefined;
    this.stopped = true;
    this.queue = this.queue.filter((item) => item[0] === HOOK);
    this.send([FAILED, this.id, errorOut(error)]);
  }
}

/** The `Terminated` a watch notice carries, rebuilt from `[address, reason]`. */
function notice(wire: unknown, routes: WorkerRoutes): Terminated {
  const [address, reason] = wire as [string, 'stopped' | 'node-down'];
  return new Terminated(routes.refAt(address) as ActorRef, reason === 'node-down' ? 'node-down' : 'stopped');
}
