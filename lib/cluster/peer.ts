import type { GiveUpListener, Process, ReplyTo } from '../core/process';
import type { AnyRef } from '../core/ref';
import type { ActorRef } from '../types';
import { InboundLink, OutboundLink } from './link';

/** Where an ask's giving up goes: the cluster node, which sends it to the peer. */
export interface GiveUps {
  giveUp(peer: Peer, id: number, reason: unknown): void;
}

/**
 * An ask (or a remote stop) sent to a peer and not answered yet. It is also the ask's
 * give-up listener, so telling the peer that its asker gave up costs no allocation of its own.
 */
export class AskEntry implements GiveUpListener {
  constructor(
    readonly ask: ReplyTo,
    /** The path it was sent to, on the peer (a late reply is a dead letter there). */
    readonly path: string,
    readonly sentAt: number,
    private readonly peer: Peer,
    private readonly id: number,
    private readonly giveUps: GiveUps | undefined,
  ) {}

  /** The asker gave up (its timeout, or its own signal): the peer is told, so the handler's `ctx.signal` aborts there. */
  abort(reason: unknown): void {
    this.giveUps?.giveUp(this.peer, this.id, reason);
  }
}

/** An ask from the peer being handled here: its asker's giving up reaches it (see `RemoteReply`). */
export interface Answering {
  giveUp(reason: unknown): void;
}

/** A watch between an actor here and one on the peer. */
export interface WatchEntry {
  readonly watcher: ActorRef;
  readonly target: AnyRef | Process;
}

/**
 * One incarnation of another node that is up, as this node knows it: when it was last
 * heard, its distributor members, both halves of the link, and what is in flight with it.
 */
export class Peer {
  readonly out: OutboundLink;
  readonly in: InboundLink;
  /** Asks and stops in flight to it, by id. */
  readonly asks = new Map<number, AskEntry>();
  /** Its asks to actors here not answered yet, by id: where a give-up letter goes. */
  readonly answering = new Map<number, Answering>();
  /** Watches of actors here on its actors, by `watcher address \n target address`. */
  readonly watches = new Map<string, { watcher: ActorRef; target: AnyRef }>();
  /** Watches of its actors on actors here, by `watcher path \n target path`. */
  readonly watchedBy = new Map<string, { watcher: ActorRef; target: Process }>();
  /** Its distributor members, as refs. */
  members = new Map<string, readonly AnyRef[]>();
  /** The memberships as last announced (JSON), so an unchanged heartbeat costs nothing. */
  announced = '';

  constructor(
    readonly node: string,
    readonly incarnation: string,
    public lastHeard: number,
    outboxLimit: number,
  ) {
    this.out = new OutboundLink(incarnation, outboxLimit);
    this.in = new InboundLink(incarnation);
  }
}
