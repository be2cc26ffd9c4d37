import type { Process, ReplyTo } from '../core/process';
import type { AnyRef } from '../core/ref';
import type { ActorRef } from '../types';
import { InboundLink, OutboundLink } from './link';

/** An ask (or a remote stop) sent to a peer and not answered yet. */
export interface AskEntry {
  readonly ask: ReplyTo;
  /** The path it was sent to, on the peer (a late reply is a dead letter there). */
  readonly path: string;
  readonly sentAt: number;
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
