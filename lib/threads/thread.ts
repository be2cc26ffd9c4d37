import { MessageChannel, type Worker } from 'node:worker_threads';
import { logSafely } from '../core/log';
import { describeError, WorkerDiedError } from '../errors';
import type { Logger } from '../types';
import { besideThisModule, startWorker } from './loader';
import { PortLink } from './port-link';
import { LETTER, STOP_REF, type Item, type WorkerSetup } from './protocol';

/** What a thread needs of each incarnation it hosts. */
export interface Hosted {
  receive(item: Item): void;
  /** A letter item could not be posted (the structured clone refused it). */
  unsendable(item: Item, error: unknown): void;
  /** Not placed on the worker yet (it waits for `ready`): it stays when a stuck worker is replaced. */
  readonly waiting: boolean;
  /** Given up on, or gone. */
  readonly over: boolean;
  /** The worker is gone: it died, or it was stopped with the system (`stopping`). */
  workerDied(error: WorkerDiedError, stopping?: boolean): void;
}

/** What a thread hands to its pool: the items that belong to no incarnation. */
export interface ThreadOwner {
  readonly setup: WorkerSetup;
  readonly logger: Logger;
  /** The thread has no actor left and stopped its worker (a new tenant starts another). */
  idle(thread: Thread): void;
  /** The thread started a worker (again): it is one to stop at shutdown. */
  working(thread: Thread): void;
  /** A tell, ask or stop from worker code that runs outside any actor. */
  outside(item: Item, thread: Thread): void;
}

/**
 * How long a new incarnation waits for a worker that is still inside a handler of an
 * incarnation given up on (a kill, a stop out of time) before that worker is replaced.
 */
const STUCK_MS = 250;

/** How long `close()` waits for a worker to exit after `terminate()`. */
const EXIT_WAIT_MS = 5000;

/**
 * One worker thread as a place for actors: the worker, the batched credit link to it, and
 * the incarnations it hosts, by number. The worker starts with the first incarnation placed
 * on it. When it dies (an uncaught error, `process.exit`, a resource limit), every
 * incarnation on it is told, and the next incarnation placed here starts a fresh worker.
 */
export class Thread {
  private worker: Worker | undefined;
  private link: PortLink | undefined;
  private readonly hosted = new Map<number, Hosted>();
  /** The actors placed here that have not stopped for good. */
  private readonly tenants = new Set<object>();
  /** A worker stopped because nothing used it any more: its exit is no failure. */
  private retired: Worker | undefined;
  /** Incarnations given up on while the worker was inside one of their handlers. */
  private readonly suspects = new Set<Hosted>();
  private readyWaiters: (() => void)[] = [];
  private stuckTimer: ReturnType<typeof setTimeout> | undefined;
  private lastId = 0;
  private closing = false;
  /** The `threadId` of the current worker (the last one, after it exited). */
  threadId: number | undefined;

  constructor(private readonly owner: ThreadOwner) {}

  /**
   * Starts the worker now, ahead of the first incarnation, so that the workers of a tree
   * load their code side by side while the tree starts one child after another.
   */
  prestart(): void {
    this.start();
  }

  /** Places a new incarnation here (starting a worker if there is none): its number. */
  open(hosted: Hosted): number {
    this.start();
    const id = ++this.lastId;
    this.hosted.set(id, hosted);
    return id;
  }

  forget(id: number): void {
    this.hosted.delete(id);
    this.stopIfUnused();
  }

  /** `hosted` was given up on while the worker ran one of its handlers: the worker may be stuck in it. */
  suspect(hosted: Hosted): void {
    this.suspects.add(hosted);
  }

  /** `hosted` was dropped by the worker (or the worker is gone): the worker is free of it. */
  cleared(hosted: Hosted): void {
    if (this.suspects.delete(hosted) && this.suspects.size === 0) this.wake();
  }

  /**
   * `undefined` when the worker is free for a new incarnation; else a promise that resolves
   * when it is: the suspects were dropped, or after `STUCK_MS` the worker was replaced.
   */
  ready(): Promise<void> | undefined {
    if (this.suspects.size === 0) return undefined;
    this.stuckTimer ??= setTimeout(() => this.replaceStuck(), STUCK_MS);
    return new Promise<void>((resolve) => this.readyWaiters.push(resolve));
  }

  private wake(): void {
    if (this.stuckTimer !== undefined) clearTimeout(this.stuckTimer);
    this.stuckTimer = undefined;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /**
   * The worker is still inside a handler of an actor given up on: it is terminated and a
   * fresh one started, so a restart is not held back by it. Every other actor on it fails
   * (a worker that dies is a failure of every actor on it); incarnations waiting to be
   * placed go to the new worker.
   */
  private replaceStuck(): void {
    this.stuckTimer = undefined;
    const worker = this.worker;
    this.suspects.clear();
    if (worker !== undefined) {
      const threadId = this.threadId ?? -1;
      this.retire(worker);
      const error = new WorkerDiedError(
        `the worker thread ${threadId} was replaced: it was still running a handler of an actor that was stopped; every other actor on it failed with it`,
        { threadId },
      );
      for (const [id, hosted] of [...this.hosted]) {
        if (hosted.waiting) continue;
        this.hosted.delete(id);
        hosted.workerDied(error);
      }
      this.start();
    }
    this.wake();
  }

  /** Stops `worker` without a failure: its exit is expected. */
  private retire(worker: Worker): void {
    this.retired = worker;
    this.worker = undefined;
    this.link?.close();
    this.link = undefined;
    void worker.terminate().catch(() => undefined);
  }

  /** An actor placed here is registered (built, or back with its supervisor). */
  arrive(tenant: object): void {
    this.tenants.add(tenant);
  }

  /** An actor placed here stopped for good: a worker nobody uses is stopped. */
  leave(tenant: object): void {
    this.tenants.delete(tenant);
    this.stopIfUnused();
  }

  private stopIfUnused(): void {
    const worker = this.worker;
    if (worker === undefined || this.tenants.size > 0 || this.closing) return;
    // Only incarnations given up on may be left (a kill, a handler out of reach): they go too.
    for (const hosted of this.hosted.values()) if (!hosted.over) return;
    this.retire(worker);
    this.dropAll(true);
    this.owner.idle(this);
  }

  /** Sends an item to the worker; false when there is no worker any more (it died). */
  send(item: Item): boolean {
    const link = this.link;
    if (link === undefined || link.isClosed) return false;
    link.send(item);
    return true;
  }

  /** Terminates the worker (after its actors stopped) and waits for it to exit. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake();
    const worker = this.worker ?? this.retired;
    if (worker === undefined) return this.dropAll(true);
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      setTimeout(resolve, EXIT_WAIT_MS).unref();
    });
    await worker.terminate().catch(() => undefined);
    await exited;
  }

  private start(): void {
    if (this.worker !== undefined || this.closing) return;
    // A port of its own rather than the worker's: its messages skip the Worker's re-emit.
    const { port1, port2 } = new MessageChannel();
    const worker = startWorker(besideThisModule('worker-main'), { workerData: { ...this.owner.setup, port: port2 }, transferList: [port2] });
    this.worker = worker;
    this.owner.working(this);
    this.threadId = worker.threadId;
    let failure: unknown;
    worker.on('error', (error) => (failure = error));
    const threadId = worker.threadId;
    worker.on('exit', (code) => this.exited(worker, threadId, code, failure));
    this.link = new PortLink(port1, {
      window: this.owner.setup.window,
      receive: (item) => this.receive(item as Item),
      onError: (error, item) => this.refused(error, item),
    });
  }

  private receive(item: Item): void {
    if (item[0] === STOP_REF) return this.owner.outside(item, this);
    const hosted = this.hosted.get(item[1] as number);
    if (hosted !== undefined) hosted.receive(item);
    else if (item[1] === 0) this.owner.outside(item, this);
  }

  private refused(error: unknown, item: unknown): void {
    if (Array.isArray(item) && item[0] === LETTER) this.hosted.get(item[1] as number)?.unsendable(item, error);
    else logSafely(this.owner.logger, 'error', 'rampart: an item could not cross to or from a worker thread', error);
  }

  /** Tells every incarnation here that the worker is gone. */
  private dropAll(stopping: boolean, error = new WorkerDiedError(`the worker thread ${this.threadId ?? -1} was stopped`, { threadId: this.threadId })): void {
    const hosted = [...this.hosted.values()];
    this.hosted.clear();
    for (const each of hosted) each.workerDied(error, stopping);
  }

  private exited(worker: Worker, threadId: number, code: number, failure: unknown): void {
    if (worker === this.retired) this.retired = undefined;
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.link?.close();
    this.link = undefined;
    if (this.closing) return this.dropAll(true);
    const hosted = [...this.hosted.values()];
    this.hosted.clear();
    const error = new WorkerDiedError(
      `the worker thread ${threadId} died (${failure !== undefined ? describeError(failure) : `exit code ${code}`}); every actor on it failed with it`,
      { cause: failure, threadId },
    );
    for (const each of hosted) each.workerDied(error);
  }
}
