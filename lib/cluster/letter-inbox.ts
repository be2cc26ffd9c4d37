import { formatAddress } from '../core/address';
import { Envelope } from '../core/envelope';
import type { AnyRef } from '../core/ref';
import type { ProcessRegistry } from '../core/registry';
import { MailboxFullError, SerializationError } from '../errors';
import type { ActorRef, DeadLetterReason } from '../types';
import { FrameRejection, decode } from './codec';
import type { RefCodec } from './codec';
import * as L from './letters';
import type { Peer } from './peer';
import { RemoteReply } from './replies';
import type { Answers } from './replies';

/** What the inbox needs of its cluster node. */
export interface InboxPorts extends Answers {
  readonly node: string;
  readonly registry: ProcessRegistry;
  readonly refs: RefCodec;
  publishDeadLetter(message: unknown, reason: DeadLetterReason, path: string): void;
  refAt(node: string, path: string): AnyRef;
  refFromAddress(address: string): AnyRef;
  /** Queues one of the runtime's own letters to `peer`. */
  system(peer: Peer, letter: readonly unknown[]): void;
  notifyWatcher(watcher: ActorRef, target: ActorRef, reason: 'stopped' | 'node-down'): void;
  /** Drops a frame or a letter with a `frame-rejected` event and a dead letter `rejected`. */
  rejected(reason: string, node: string | undefined, path: string): void;
  /** A remote stop of a local actor began, or was answered (a leaving node waits for the answers). */
  stopStarted(): void;
  stopAnswered(): void;
}

/**
 * The letters that arrive in order on a link, delivered here: tells and asks to local
 * processes (with their senders and reply slots), replies to this node's asks, stops,
 * kills, watches, `Terminated` notices and the give-ups of asks being handled here. A malformed letter is rejected, never delivered.
 */
export class LetterInbox {
  constructor(private readonly ports: InboxPorts) {}

  deliver(peer: Peer, letter: unknown): void {
    if (!Array.isArray(letter) || typeof letter[0] !== 'number') return this.ports.rejected('malformed letter', peer.node, L.NODE_PATH);
    const [kind, a, b, c, d, e] = letter as unknown[];
    try {
      switch (kind) {
        case L.TELL:
        case L.ASK:
          if (letter.length < (kind === L.ASK ? 5 : 4)) throw new FrameRejection('malformed message letter');
          return this.deliverMessage(peer, kind, a, b, c, d, e);
        case L.REPLY:
        case L.FAILURE:
          return this.deliverReply(peer, kind, a, b);
        case L.STOP:
          return this.deliverStop(peer, a, b);
        case L.KILL:
          return void (typeof a === 'string' && this.ports.registry.processAt(a)?.kill());
        case L.WATCH:
        case L.UNWATCH:
          return this.deliverWatch(peer, kind, a, b);
        case L.TERMINATED:
          return this.deliverTerminated(peer, a, b, c);
        case L.GIVE_UP:
          return this.deliverGiveUp(peer, a, b);
        default:
          return this.ports.rejected(`unknown letter kind ${String(kind).slice(0, 20)}`, peer.node, L.NODE_PATH);
      }
    } catch (error) {
      if (!(error instanceof FrameRejection)) throw error;
      this.ports.rejected(error.reason, peer.node, typeof a === 'string' ? a : L.NODE_PATH);
    }
  }

  private deliverMessage(peer: Peer, kind: number, to: unknown, from: unknown, body: unknown, id: unknown, leftMs: unknown): void {
    if (typeof to !== 'string' || !to.startsWith('/') || (from !== 0 && typeof from !== 'string') || (kind === L.ASK && typeof id !== 'number')) {
      throw new FrameRejection('malformed message letter');
    }
    let message: unknown;
    try {
      message = decode(body, this.ports.refs);
    } catch (error) {
      if (error instanceof FrameRejection && kind === L.ASK) this.ports.answer(peer, id as number, false, new SerializationError(`rejected by node '${this.ports.node}': ${error.reason}`));
      throw error;
    }
    const sender = from === 0 ? undefined : this.ports.refFromAddress(from as string);
    const reply = kind === L.ASK ? new RemoteReply(this.ports, peer, id as number, this.deadline(leftMs)) : undefined;
    const letter = sender === undefined && reply === undefined ? message : new Envelope(message, sender as ActorRef | undefined, reply, undefined);
    const target = this.ports.registry.processAt(to);
    if (target === undefined) return this.ports.registry.deadLetter(letter, 'stopped', to);
    try {
      target.post(letter);
    } catch (error) {
      // a full 'reject' mailbox dead-lettered it already; a throwing group dispatch did not
      if (!(error instanceof MailboxFullError)) this.ports.registry.deadLetter(letter, 'failed', to, () => error);
      else if (reply !== undefined && !reply.settled) reply.reject(error);
    }
  }

  /** The local deadline of an ask whose asker had `leftMs` left (an optional trailing field; older nodes send none). */
  private deadline(leftMs: unknown): number {
    return typeof leftMs === 'number' && leftMs >= 0 && leftMs < Infinity ? this.ports.scheduler.now() + leftMs : Infinity;
  }

  private deliverReply(peer: Peer, kind: number, id: unknown, body: unknown): void {
    const entry = typeof id === 'number' ? peer.asks.get(id) : undefined;
    if (entry === undefined) {
      if (kind === L.REPLY) this.ports.publishDeadLetter(decode(body, this.ports.refs), 'timeout', L.NODE_PATH);
      return;
    }
    peer.asks.delete(id as number);
    if (kind !== L.REPLY) {
      if (!entry.ask.settled) entry.ask.reject(L.errorFromWire(body));
      return;
    }
    let value: unknown;
    try {
      value = decode(body, this.ports.refs);
    } catch (error) {
      if (error instanceof FrameRejection && !entry.ask.settled) {
        entry.ask.reject(new SerializationError(`The reply from ${formatAddress(peer.node, entry.path)} was rejected here: ${error.reason}.`));
      }
      throw error;
    }
    this.ports.registry.reply(entry.ask, value, entry.path);
  }

  /** The asker of ask `id` gave up: its handler's `ctx.signal` aborts with the reason. Ignored once answered, or for an id never seen. */
  private deliverGiveUp(peer: Peer, id: unknown, reason: unknown): void {
    if (typeof id !== 'number' || typeof reason !== 'object' || reason === null || Array.isArray(reason)) {
      return this.ports.rejected('malformed give-up letter', peer.node, L.NODE_PATH);
    }
    peer.answering.get(id)?.giveUp(L.errorFromWire(reason));
  }

  private deliverStop(peer: Peer, to: unknown, id: unknown): void {
    if (typeof to !== 'string' || typeof id !== 'number') throw new FrameRejection('malformed stop letter');
    const target = this.ports.registry.processAt(to);
    this.ports.stopStarted();
    const answered = (ok: boolean, value: unknown): void => {
      this.ports.answer(peer, id, ok, value);
      this.ports.stopAnswered();
    };
    (target === undefined ? Promise.resolve() : target.stop()).then(
      () => answered(true, undefined),
      (error: unknown) => answered(false, error),
    );
  }

  private deliverWatch(peer: Peer, kind: number, to: unknown, watcherPath: unknown): void {
    if (typeof to !== 'string' || typeof watcherPath !== 'string') throw new FrameRejection('malformed watch letter');
    const key = `${watcherPath}\n${to}`;
    const watcher = this.ports.refAt(peer.node, watcherPath) as ActorRef;
    const target = this.ports.registry.processAt(to);
    if (kind === L.UNWATCH) {
      target?.removeWatcher(watcher);
      peer.watchedBy.delete(key);
    } else if (target !== undefined && target.addWatcher(watcher)) {
      peer.watchedBy.set(key, { watcher, target });
    } else {
      this.ports.system(peer, [L.TERMINATED, watcherPath, formatAddress(this.ports.node, to), 'stopped']);
    }
  }

  private deliverTerminated(peer: Peer, watcherPath: unknown, targetAddress: unknown, reason: unknown): void {
    if (typeof watcherPath !== 'string' || typeof targetAddress !== 'string') throw new FrameRejection('malformed terminated letter');
    const target = this.ports.refFromAddress(targetAddress);
    const watcher = this.ports.registry.processAt(watcherPath);
    peer.watches.delete(`${formatAddress(this.ports.node, watcherPath)}\n${targetAddress}`);
    if (watcher !== undefined) this.ports.notifyWatcher(watcher.ref as ActorRef, target as ActorRef, reason === 'node-down' ? 'node-down' : 'stopped');
  }
}
