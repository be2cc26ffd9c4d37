import type { Process } from '../core/process';
import { Ref, isRef, type AnyRef, type GroupAddressRef, type Routes } from '../core/ref';
import { encode, wireAddress, type RefCodec } from '../cluster/codec';
import { currentSender } from '../actor/current';
import { ActorStoppedError, describeValue } from '../errors';
import type { AskOptions } from '../types';
import { ASK, STOP_REF, TELL, type Item } from './protocol';
import { errorIn } from './wire';

/** What a worker's refs need of its host: the link to the main thread, and the incarnation running now. */
export interface WorkerOutbox {
  send(item: Item): void;
  /** The id of the incarnation whose code runs now (0: none), or -1 when it is retired. */
  currentId(): number;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The refs of a worker thread. Every actor lives in the main thread's registry (its path and
 * its supervisor stay there), so a ref here is an address whose every tell, ask and stop
 * crosses to the main thread, which delivers it as it delivers everything: a ref works the
 * same from a worker as from the main thread or another node.
 */
export class WorkerRoutes implements Routes, RefCodec {
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;

  constructor(
    readonly node: string,
    private readonly outbox: WorkerOutbox,
  ) {}

  /** A ref for `path` on the main thread's node. */
  refTo(path: string): Ref {
    return new WorkerProcess(this, path).ref;
  }

  // ───────────── RefCodec ─────────────

  addressOf(value: object): string | undefined {
    return isRef(value) ? value.address : undefined;
  }

  refAt(address: string): unknown {
    const { node, path } = wireAddress(address);
    return new WorkerProcess(this, path, node).ref;
  }

  // ───────────── Routes ─────────────

  tell(to: AnyRef, message: unknown): void {
    this.told(to, message, 0);
  }

  broadcast(to: GroupAddressRef, message: unknown): void {
    this.told(to, message, 1);
  }

  private told(to: AnyRef, message: unknown, broadcast: 0 | 1): void {
    const from = this.outbox.currentId();
    if (from < 0) return; // a retired incarnation's sends go nowhere
    this.outbox.send([TELL, from, to.address, encode(message, 'message', this, true), broadcast]);
  }

  ask(to: AnyRef, message: unknown, options: AskOptions | undefined): Promise<unknown> {
    const timeoutMs = options?.timeoutMs;
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0))) {
      throw new RangeError(`ask to ${to.path}: timeoutMs must be a number > 0, got ${describeValue(timeoutMs)}.`);
    }
    const from = this.outbox.currentId();
    if (from < 0) return Promise.reject(new ActorStoppedError(`this incarnation was stopped; its ask to ${to.path} was not sent.`));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const wire = encode(message, 'message', this, true);
    const id = ++this.lastId;
    const reply = new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (signal !== undefined) {
      signal.addEventListener('abort', () => this.answer(id, false, signal.reason, false), { once: true });
    }
    this.outbox.send([ASK, from, id, to.address, wire, timeoutMs ?? null]);
    return reply;
  }

  resolve<R extends AnyRef>(ref: R): R['process'] {
    return ref.process;
  }

  /** `ref.stop()` / `ref.kill()` of a ref here: the main thread stops the actor. */
  stopRef(address: string, kill: boolean): Promise<void> {
    const id = ++this.lastId;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve: () => resolve(), reject }));
    this.outbox.send([STOP_REF, id, address, kill ? 1 : 0]);
    return done;
  }

  /** The answer to an ask or a stop made here. `fromWire`: the value is still encoded (an error as `errorOut` sent it). */
  answer(id: number, ok: boolean, value: unknown, fromWire = true): void {
    const waiting = this.waiting.get(id);
    if (waiting === undefined) return;
    this.waiting.delete(id);
    if (ok) waiting.resolve(value);
    else waiting.reject(fromWire ? errorIn(value) : value);
  }
}

/** What a ref in a worker stands for: an actor that lives in the main thread's registry. */
class WorkerProcess implements Process {
  readonly ref: Ref;
  readonly terminated = false;

  constructor(
    private readonly routes: WorkerRoutes,
    path: string,
    readonly node: string = routes.node,
  ) {
    this.ref = new Ref(path, routes, this);
  }

  post(): void {
    throw new Error('rampart: a worker posts through its routes, never to a process');
  }

  stop(): Promise<void> {
    return this.routes.stopRef(this.ref.address, false);
  }

  kill(): void {
    void this.routes.stopRef(this.ref.address, true).catch(() => undefined);
  }

  addWatcher(): boolean {
    return true; // watches are made by the context (WATCH), never through the process
  }

  removeWatcher(): void {}
}

/** The incarnation whose code runs now in this worker, as `currentSender` tracks it. */
export function runningIncarnation(): { readonly id: number; readonly retired: boolean } | undefined {
  return currentSender() as { readonly id: number; readonly retired: boolean } | undefined;
}
