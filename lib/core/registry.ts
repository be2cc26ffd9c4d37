import { ActorStoppedError, AskTimeoutError, SerializationError, describeValue, typeName } from '../errors';
import type { ActorRef, AskOptions, DeadLetterReason } from '../types';
import type { AskDeadlines } from './ask-deadlines';
import type { DeliveryTap } from './delivery-tap';
import { Envelope, messageOf, replyOf } from './envelope';
import { PendingAsk } from './pending-ask';
import type { Process, ReplyTo, Sender } from './process';
import type { AnyRef, GroupAddressRef, Routes } from './ref';
import { Terminated } from './terminated';

/** What the registry needs from the system that builds it. */
export interface RegistryPorts {
  readonly node: string;
  readonly askTimeoutMs: number;
  readonly askDeadlines: AskDeadlines;
  /** The actor whose code is running now, if any. */
  currentSender(): Sender | undefined;
  /** Publishes a dead letter (and its `dead-letter` event). */
  publishDeadLetter(message: unknown, reason: DeadLetterReason, path: string): void;
}

/**
 * The other nodes, as the registry sees them (the cluster implements it): refs to their
 * actors, and their members of each distributor.
 */
export interface RemoteNodes {
  /** A ref to `path` on the other node `node` (made at once: a ref is an address). */
  refAt(node: string, path: string): AnyRef;
  /** The members of `distributor` on the nodes that are up, as remote refs. */
  recipients(distributor: string): readonly AnyRef[];
  /** Throws the `SerializationError` that a tell of `message` to another node would throw. */
  assertCrosses(message: unknown): void;
}

/** What a retired sender's tell becomes: nothing. */
const IGNORED: unknown = Symbol('ignored');

/** The marker of a `Terminated` that death watch sent (a user may tell a `Terminated` too). */
export const WATCH_NOTICE: object = Object.freeze({ notice: 'terminated' });

/**
 * The one delivery path of a node. Every tell, ask, reply, broadcast, group dispatch and
 * system message (stop, kill, watch) goes through here: the sender is found once, a
 * retired sender is ignored once, and the ref's process (a cell, a group; later a remote
 * link) takes the letter. Processes are keyed by path, and
 * distributor memberships by address.
 */
export class ProcessRegistry implements Routes {
  readonly node: string;
  private readonly local = new Map<string, Process>();
  private readonly distributors = new Map<string, Map<string, AnyRef>>();
  /** The other nodes of the cluster, if this node is in one. */
  remote: RemoteNodes | undefined = undefined;
  /**
   * `system.inspect()`'s tap while it has at least one subscriber, else `undefined`: every
   * delivery checks this one field and pays nothing more when nobody inspects.
   */
  inspection: DeliveryTap | undefined = undefined;

  constructor(private readonly ports: RegistryPorts) {
    this.node = ports.node;
  }

  // ───────────── processes ─────────────

  register(path: string, process: Process): void {
    this.local.set(path, process);
  }

  unregister(path: string, process: Process): void {
    if (this.local.get(path) === process) this.local.delete(path);
  }

  /** Every process registered on this node (what the test kit's `idle()` counts over). */
  processes(): IterableIterator<Process> {
    return this.local.values();
  }

  /** The process registered at `path` on this node, if any. */
  processAt(path: string): Process | undefined {
    return this.local.get(path);
  }

  /**
   * The process `ref` reaches. A ref made here keeps the process it was made for: after that
   * process stopped for good the ref is a dead-letter sink (DESIGN, Supervision), even when a
   * new actor takes the same path later, so a stale ref can never reach, or stop, it. (A ref
   * to another node will resolve through that node's link; a static child that comes back
   * with its supervisor is the same process again.)
   */
  resolve<R extends AnyRef>(ref: R): R['process'] {
    return ref.process;
  }

  // ───────────── the one send ─────────────

  /** Hands `letter` to the process that `to` resolves to. */
  send(to: AnyRef, letter: unknown): void {
    to.process.post(letter);
  }

  /**
   * Sends a letter the runtime itself sends (a timer message, a `Terminated`): nobody is
   * there to catch a full mailbox's `MailboxFullError`, and the letter is already a dead
   * letter `overflow` then.
   */
  sendOwn(to: AnyRef, letter: unknown): void {
    try {
      this.send(to, letter);
    } catch {
      // dead-lettered by the mailbox that refused it
    }
  }

  tell(to: AnyRef, message: unknown): void {
    const letter = this.letterFrom(message);
    if (letter !== IGNORED) this.send(to, letter);
  }

  /**
   * The letter of a tell made now: the bare message from outside any actor, an envelope
   * with the sender from inside one, or `IGNORED` when that sender is retired (killed,
   * replaced or stopped): what such an incarnation sends goes nowhere.
   */
  private letterFrom(message: unknown): unknown {
    const from = this.ports.currentSender();
    if (from === undefined) return message;
    return from.retired ? IGNORED : new Envelope(message, from.self, undefined, undefined);
  }

  ask(to: AnyRef, message: unknown, options: AskOptions | undefined): Promise<unknown> {
    const timeoutMs = options?.timeoutMs ?? this.ports.askTimeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
      throw new RangeError(`ask to ${to.path}: timeoutMs must be a number > 0, got ${describeValue(timeoutMs)}.`);
    }
    const from = this.ports.currentSender();
    if (from?.retired) {
      return Promise.reject(new ActorStoppedError(`${from.self.path} was stopped; its ask to ${to.path} was not sent.`));
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let pending!: PendingAsk;
    const reply = new Promise((resolve, reject) => {
      const timeoutError = () => new AskTimeoutError(`ask to ${to.path} timed out after ${timeoutMs} ms (message: ${typeName(message)}).`);
      pending = new PendingAsk(resolve, reject, timeoutError);
    });
    if (signal) pending.listen(signal);
    if (Number.isFinite(timeoutMs)) this.ports.askDeadlines.add(pending, timeoutMs);
    try {
      this.send(to, new Envelope(message, from?.self, pending, undefined));
    } catch (error) {
      if (!(error instanceof SerializationError)) pending.reject(error);
      else {
        // Nothing was sent: the caller gets the error at the call, as for a tell.
        pending.abandon();
        throw error;
      }
    }
    return reply;
  }

  broadcast(to: GroupAddressRef, message: unknown): void {
    const letter = this.letterFrom(message);
    if (letter !== IGNORED) this.resolve(to).broadcast(letter);
  }

  /** The reply of `replier` to an ask: settles it, or is a dead letter `timeout` when it came late. */
  reply(ask: ReplyTo, value: unknown, replier: string): void {
    if (!ask.settled) ask.resolve(value);
    else if (ask.timedOut) this.ports.publishDeadLetter(value, 'timeout', replier);
  }

  /**
   * Publishes `letter` as a dead letter for `reason` at `path`, and rejects its ask, if any,
   * with `error()` (an `ActorStoppedError` when none is given). `node` is the recipient's
   * node, for a letter to another node that could not go (default: this one).
   */
  deadLetter(letter: unknown, reason: DeadLetterReason, path: string, error?: () => unknown, node: string = this.node): void {
    this.inspection?.deadLettered(letter, node, path);
    this.settleDeadLetter(letter, reason, path, error);
  }

  /**
   * The dead letter `failed` of a letter whose handler ran and failed: its delivery was
   * reported to the inspector already (outcome `failed`), so it is not reported again. Its
   * ask, if any, rejects with the handler's error.
   */
  failedLetter(letter: unknown, path: string, error: unknown): void {
    this.settleDeadLetter(letter, 'failed', path, () => error);
  }

  private settleDeadLetter(letter: unknown, reason: DeadLetterReason, path: string, error: (() => unknown) | undefined): void {
    const message = messageOf(letter);
    this.ports.publishDeadLetter(message, reason, path);
    const ask = replyOf(letter);
    if (ask === undefined || ask.settled) return;
    ask.reject(error !== undefined ? error() : new ActorStoppedError(`${path} is stopped; the message (${typeName(message)}) was not handled.`));
  }

  // ───────────── death watch (system messages between refs) ─────────────

  watch(watcher: ActorRef, target: AnyRef): void {
    if (!this.resolve(target).addWatcher(watcher)) this.notifyTerminated(watcher, target);
  }

  unwatch(watcher: ActorRef, target: AnyRef): void {
    this.resolve(target).removeWatcher(watcher);
  }

  /** Tells `watcher` that `target` stopped for good (a system letter, without a sender). */
  notifyTerminated(watcher: ActorRef, target: AnyRef): void {
    this.sendOwn(watcher as AnyRef, new Envelope(new Terminated(target as ActorRef), undefined, undefined, WATCH_NOTICE));
  }

  // ───────────── distributors ─────────────

  join(distributor: string, ref: AnyRef): void {
    let members = this.distributors.get(distributor);
    if (members === undefined) this.distributors.set(distributor, (members = new Map()));
    members.set(ref.address, ref);
  }

  leave(distributor: string, ref: AnyRef): void {
    const members = this.distributors.get(distributor);
    if (members?.get(ref.address) === ref && members.delete(ref.address) && members.size === 0) this.distributors.delete(distributor);
  }

  /**
   * The recipients of a distributor, in the order they joined: every member that has not
   * stopped for good. A member waiting out a backoff is one: its share waits in its queue.
   */
  recipients(distributor: string): AnyRef[] {
    const members = this.distributors.get(distributor);
    const refs: AnyRef[] = [];
    if (members !== undefined) for (const ref of members.values()) if (!ref.process.terminated) refs.push(ref);
    const remote = this.remote?.recipients(distributor);
    if (remote !== undefined) for (const ref of remote) refs.push(ref);
    return refs;
  }

  /**
   * Throws `SerializationError` now if `message` cannot cross the wire and one of `refs` is
   * on another node: a fan-out refused at the call sends nothing, to anyone.
   */
  assertCrosses(refs: readonly AnyRef[], message: unknown): void {
    if (this.remote !== undefined && refs.some((ref) => ref.process.node !== this.node)) this.remote.assertCrosses(message);
  }

  /** The paths of this node's members of each distributor (what its heartbeats announce). */
  memberships(): [distributor: string, paths: string[]][] {
    const memberships: [string, string[]][] = [];
    for (const [name, members] of this.distributors) {
      const paths: string[] = [];
      for (const ref of members.values()) if (!ref.process.terminated) paths.push(ref.path);
      if (paths.length > 0) memberships.push([name, paths]);
    }
    return memberships;
  }
}
