import { randomBytes } from 'node:crypto';
import type { SchedulerLike, Subscription } from 'rxjs';
import { refAt } from '../core/absent';
import { formatAddress } from '../core/address';
import { Envelope, messageOf, replyOf } from '../core/envelope';
import type { ReplyTo } from '../core/process';
import { isRef } from '../core/ref';
import type { AnyRef } from '../core/ref';
import type { ProcessRegistry, RemoteNodes } from '../core/registry';
import { WATCH_NOTICE } from '../core/registry';
import { Terminated } from '../core/terminated';
import { ClusterError, ConfigurationError, MailboxFullError, SerializationError, UnreachableError, describeError } from '../errors';
import type { ActorRef, DeadLetterReason, Logger } from '../types';
import { encode, wireAddress } from './codec';
import type { RefCodec } from './codec';
import { PACKET_OVERHEAD, RejectedFrame, ackFrame, goodbyeFrame, heartbeatFrame, packetFrame, readFrame } from './frames';
import type { Ack, Heartbeat, Packet } from './frames';
import * as L from './letters';
import { NOT_A_MESSAGE } from './link';
import type { ClusterSettings } from './options';
import { foldMemberships, unfoldMemberships } from './memberships';
import { AskEntry, Peer } from './peer';
import type { GiveUps } from './peer';
import { RemoteProcess } from './remote-process';
import { LetterInbox } from './letter-inbox';
import { StopReply } from './replies';
import type { RemoteLinks } from './remote-process';
import type { TransportConnection } from './types';

/** What a cluster node needs from the system that builds it. */
export interface ClusterPorts {
  readonly registry: ProcessRegistry;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  emit(type: 'node-up' | 'node-down' | 'frame-rejected', details: { node?: string; reason?: string }): void;
  publishDeadLetter(message: unknown, reason: DeadLetterReason, path: string): void;
}

/** How long the entry of a timed-out ask waits for its late reply (to dead-letter it `timeout`). */
const LATE_REPLY_WINDOW_MS = 60_000;

/** The most distributor members a heartbeat may announce (a bound against a forged one). */
const MAX_MEMBERS = 100_000;

/** An ack goes alone, without waiting for a packet back, once this many letters wait for it. */
const ACK_EVERY = 256;

/**
 * This node's part in the cluster: membership (heartbeats, failure detection, goodbyes),
 * one numbered, acknowledged link per peer incarnation, the remote processes behind refs
 * to other nodes, and the letters that cross. DESIGN.md, "Cluster (normative)".
 */
export class ClusterNode implements RemoteNodes, RemoteLinks {
  readonly node: string;
  private incarnation = newIncarnation();
  private connection: TransportConnection | undefined;
  private state: 'idle' | 'up' | 'leaving' | 'gone' = 'idle';
  private readonly peers = new Map<string, Peer>();
  /** Incarnations declared down: never taken back. */
  private readonly buried = new Set<string>();
  /** Peer incarnations whose heartbeats listed this incarnation: one that stops listing it declared it down. */
  private readonly listedBy = new Set<string>();
  private readonly remotes = new Map<string, RemoteProcess>();
  private readonly dirty = new Set<Peer>();
  private flushQueued = false;
  private nextId = 1;
  private ticking: Subscription | undefined;
  /** The delayed ack of every link that owes one and has sent no packet back since. */
  private ackTimer: Subscription | undefined;
  private drained: (() => void) | undefined;
  /**
   * After a rejoin, the links of the previous incarnation, kept a little while: a peer that
   * still had it up acknowledges what it received on them, and only what it does not
   * acknowledge is dead-lettered `unreachable` (by `retireBy`).
   */
  private readonly retiring = new Map<Peer, { incarnation: string; retireBy: number }>();
  /** Remote stops of local actors still running: their answers are owed before this node leaves. */
  private stopsUnanswered = 0;
  /** How the codec reads and rebuilds refs. */
  private readonly refs: RefCodec = {
    addressOf: (value) => (isRef(value) ? value.address : undefined),
    refAt: (address) => this.refFromAddress(address),
  };

  private readonly inbox: LetterInbox;

  /** An asker here gave up on its ask to `peer`: a give-up letter follows the ask on the link (while that incarnation is up). */
  private readonly giveUps: GiveUps = {
    giveUp: (peer, id, reason) => {
      if (this.peers.get(peer.node) === peer) this.system(peer, this.errorLetter(L.GIVE_UP, id, reason));
    },
  };

  constructor(
    private readonly settings: ClusterSettings,
    private readonly ports: ClusterPorts,
  ) {
    this.node = settings.node;
    this.inbox = new LetterInbox({
      node: this.node,
      registry: ports.registry,
      refs: this.refs,
      scheduler: ports.scheduler,
      publishDeadLetter: (message, reason, path) => ports.publishDeadLetter(message, reason, path),
      refAt: (node, path) => this.refAt(node, path),
      refFromAddress: (address) => this.refFromAddress(address),
      system: (peer, letter) => this.system(peer, letter),
      notifyWatcher: (watcher, target, reason) => this.notifyWatcher(watcher, target, reason),
      rejected: (reason, node, path) => this.rejected(reason, node, path),
      answer: (peer, id, ok, value) => this.answer(peer, id, ok, value),
      stopStarted: () => void this.stopsUnanswered++,
      stopAnswered: () => {
        this.stopsUnanswered--;
        this.flush();
        this.drainedCheck();
      },
    });
  }

  // ───────────── joining and leaving ─────────────

  async join(): Promise<void> {
    const { settings } = this;
    try {
      this.connection = await settings.transport.connect({
        cluster: settings.name,
        node: settings.node,
        scheduler: this.ports.scheduler,
        connectTimeoutMs: settings.connectTimeoutMs,
        logger: this.ports.logger,
        receive: (frame) => this.receive(frame),
        peerGone: (node) => this.peerGone(node),
        reconnected: () => this.reconnected(),
      });
    } catch (error) {
      if (error instanceof ClusterError || error instanceof ConfigurationError) throw error;
      throw new ClusterError(`Node '${settings.node}' could not join cluster '${settings.name}': ${describeError(error)}`, { cause: error });
    }
    this.state = 'up';
    const node = this;
    this.ticking = this.ports.scheduler.schedule(function () {
      node.tick();
      if (node.state === 'up' || node.state === 'leaving') this.schedule(undefined, settings.heartbeatIntervalMs);
    }, settings.heartbeatIntervalMs);
    this.announce(true);
    await this.connection.settle();
  }

  /**
   * Leaves in good order: waits (bounded by `failureTimeoutMs`) until the peers have
   * acknowledged what was sent, says goodbye, and closes. Whatever is still unacknowledged
   * then is a dead letter `unreachable`.
   */
  async leave(): Promise<void> {
    if (this.state !== 'up') return;
    this.state = 'leaving';
    // Everything unacknowledged goes again, marked urgent, so the peers ack at once.
    for (const peer of this.peers.values()) {
      peer.out.rewind();
      this.dirty.add(peer);
    }
    this.flush();
    await this.allAcknowledged();
    // What this node received is acknowledged before it goes, so no sender dead-letters a letter that was handled here.
    for (const peer of this.peers.values()) {
      if (peer.in.owed === 0) continue;
      peer.in.ackNow = true;
      this.dirty.add(peer);
    }
    this.flush();
    this.send((c) => c.broadcast(goodbyeFrame(this.node, this.incarnation)));
    await this.close();
  }

  /** Goes at once, without a goodbye (`system.kill()`). */
  kill(): void {
    if (this.state === 'gone') return;
    void this.close();
  }

  private async close(): Promise<void> {
    this.state = 'gone';
    this.ticking?.unsubscribe();
    this.ackTimer?.unsubscribe();
    for (const peer of [...this.peers.values()]) this.lose(peer, 'left', false);
    for (const peer of [...this.retiring.keys()]) this.unacknowledged(peer);
    this.drained?.(); // a kill() during leave(): its wait ends now, and its timer with it
    try {
      await this.connection?.close();
    } catch {
      // closing a broken connection: nothing left to lose
    }
  }

  private allAcknowledged(): Promise<void> {
    if (!this.awaitingAcks()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this.ports.scheduler.schedule(() => done(), this.settings.failureTimeoutMs);
      const done = (): void => {
        timer.unsubscribe();
        this.drained = undefined;
        resolve();
      };
      this.drained = done;
    });
  }

  private awaitingAcks(): boolean {
    if (this.stopsUnanswered > 0) return true;
    for (const peer of this.peers.values()) if (peer.out.size > 0) return true;
    return false;
  }

  /** The live nodes, this one included, sorted. */
  nodes(): string[] {
    return [this.node, ...this.peers.keys()].sort();
  }

  // ───────────── refs (RemoteNodes, RefCodec) ─────────────

  refAt(node: string, path: string): AnyRef {
    const address = formatAddress(node, path);
    let remote = this.remotes.get(address);
    if (remote === undefined) this.remotes.set(address, (remote = new RemoteProcess(this, node, path, this.ports.registry)));
    return remote.ref;
  }

  recipients(distributor: string): readonly AnyRef[] {
    let refs: AnyRef[] | undefined;
    for (const peer of this.peers.values()) {
      const members = peer.members.get(distributor);
      if (members !== undefined) (refs ??= []).push(...members);
    }
    return refs ?? [];
  }

  assertCrosses(message: unknown): void {
    const text = JSON.stringify(encode(message, 'message', this.refs));
    if (!this.fits(text)) throw this.tooBig('a message to every member', text);
  }

  /** The ref an address from the wire names: local when it points home, remote otherwise. */
  refFromAddress(address: string): AnyRef {
    const { node, path } = wireAddress(address);
    return refAt(this.ports.registry, node, path);
  }

  // ───────────── sending (RemoteLinks) ─────────────

  post(to: RemoteProcess, letter: unknown): void {
    if (Envelope.is(letter) && letter.timerOf === WATCH_NOTICE) return this.sendNotice(to, letter.message as Terminated);
    const message = messageOf(letter);
    const ask = replyOf(letter);
    const what = ask === undefined ? 'tell' : 'ask';
    const sender = Envelope.is(letter) ? letter.sender : undefined;
    const from = sender === undefined ? 0 : sender.address;
    const id = ask === undefined ? 0 : this.nextId++;
    // Encoded first: a message that cannot cross is refused at the call whether or not its node is up.
    const body = this.encodeFor(message, to, what);
    const now = ask === undefined ? 0 : this.ports.scheduler.now();
    const text = JSON.stringify(ask === undefined ? [L.TELL, to.path, from, body] : askLetter(to.path, from, body, id, ask.deadline, now));
    if (!this.fits(text)) throw this.tooBig(`${what} to ${to.ref.address}`, text);
    const peer = this.peerOf(to.node);
    if (peer === undefined) return this.unreachable(letter, to);
    if (this.enqueue(peer, text, message, to.path, ask, letter) && ask !== undefined) {
      const entry = new AskEntry(ask, to.path, now, peer, id, this.giveUps);
      peer.asks.set(id, entry);
      // After the letter, so a give-up (at once, if the asker gave up already) follows it on the link.
      ask.onGiveUp?.(entry);
    }
  }

  stopRemote(target: RemoteProcess): Promise<void> {
    const peer = this.peerOf(target.node);
    if (peer === undefined) return Promise.reject(this.unreachableError(target.node, `stop ${target.ref.address}`));
    return new Promise<void>((resolve, reject) => {
      const id = this.nextId++;
      peer.asks.set(id, new AskEntry(new StopReply(resolve, reject), target.path, this.ports.scheduler.now(), peer, id, undefined));
      this.system(peer, [L.STOP, target.path, id]);
    });
  }

  killRemote(target: RemoteProcess): void {
    const peer = this.peerOf(target.node);
    if (peer !== undefined) this.system(peer, [L.KILL, target.path]);
  }

  watchRemote(target: RemoteProcess, watcher: ActorRef): boolean {
    const peer = this.peerOf(target.node);
    if (peer === undefined) {
      this.notifyWatcher(watcher, target.ref, 'node-down');
      return true;
    }
    peer.watches.set(`${watcher.address}\n${target.ref.address}`, { watcher, target: target.ref });
    this.system(peer, [L.WATCH, target.path, watcher.path]);
    return true;
  }

  unwatchRemote(target: RemoteProcess, watcher: ActorRef): void {
    const peer = this.peerOf(target.node);
    if (peer === undefined || !peer.watches.delete(`${watcher.address}\n${target.ref.address}`)) return;
    this.system(peer, [L.UNWATCH, target.path, watcher.path]);
  }

  /** A local actor that a remote actor watched stopped for good: its watcher hears of it. */
  private sendNotice(watcher: RemoteProcess, notice: Terminated): void {
    const peer = this.peerOf(watcher.node);
    if (peer === undefined) return;
    peer.watchedBy.delete(`${watcher.path}\n${notice.ref.path}`);
    this.system(peer, [L.TERMINATED, watcher.path, notice.ref.address, notice.reason]);
  }

  private encodeFor(value: unknown, to: RemoteProcess, what: string): unknown {
    try {
      return encode(value, 'message', this.refs);
    } catch (error) {
      if (!(error instanceof SerializationError)) throw error;
      throw new SerializationError(`${what} to ${to.ref.address}: ${error.message}`, { cause: error.cause });
    }
  }

  /** Puts a letter on the peer's link; false when the outbox is full (then it is a dead letter `overflow`). */
  private enqueue(peer: Peer, text: string, message: unknown, path: string, ask: ReplyTo | undefined, letter: unknown): boolean {
    if (peer.out.add(text, message, path, ask) === undefined) {
      this.ports.registry.deadLetter(
        letter,
        'overflow',
        path,
        () => new MailboxFullError(`The outbox to node '${peer.node}' is full (${this.settings.outboxLimit} letters unacknowledged); the message to ${path} was not sent.`),
        peer.node,
      );
      return false;
    }
    this.markDirty(peer);
    return true;
  }

  /** A letter of the runtime's own (a stop, a watch, a reply): it always finds room in the outbox. */
  private system(peer: Peer, letter: readonly unknown[] | string): void {
    peer.out.add(typeof letter === 'string' ? letter : JSON.stringify(letter), NOT_A_MESSAGE, '', undefined, true);
    this.markDirty(peer);
  }

  private tooBig(what: string, text: string): SerializationError {
    return new SerializationError(
      `${what}: it encodes to ${Buffer.byteLength(text, 'utf8')} bytes, more than the cluster's maxFrameBytes (${this.settings.maxFrameBytes}, ` +
        `less ${PACKET_OVERHEAD} for the frame). Send less per message, or raise cluster.maxFrameBytes.`,
    );
  }

  /** True when a letter fits in a packet of at most maxFrameBytes. */
  private fits(text: string): boolean {
    const limit = this.settings.maxFrameBytes - PACKET_OVERHEAD;
    return text.length * 3 <= limit || Buffer.byteLength(text, 'utf8') <= limit;
  }

  private unreachable(letter: unknown, to: RemoteProcess): void {
    this.ports.registry.deadLetter(letter, 'unreachable', to.path, () => this.unreachableError(to.node, `the message to ${to.ref.address}`), to.node);
  }

  private unreachableError(node: string, what: string): UnreachableError {
    return new UnreachableError(`Node '${node}' is down or was never up, so ${what} cannot reach it. Check system.nodes() and the node's process.`, { node });
  }

  private peerOf(node: string): Peer | undefined {
    return this.state === 'up' || this.state === 'leaving' ? this.peers.get(node) : undefined;
  }

  private markDirty(peer: Peer): void {
    this.dirty.add(peer);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends what each dirty link holds, in packets of at most maxFrameBytes, and the acks owed. */
  private flush(): void {
    this.flushQueued = false;
    const now = this.ports.scheduler.now();
    const budget = Math.floor((this.settings.maxFrameBytes - PACKET_OVERHEAD) / 3);
    for (const peer of this.dirty) {
      if (this.peers.get(peer.node) !== peer) continue;
      const letters = peer.out.unsent();
      const urgent = this.state === 'leaving';
      for (let start = 0; start < letters.length; ) {
        let end = start;
        let size = 0;
        do size += letters[end++].text.length + 1;
        while (end < letters.length && size + letters[end].text.length < budget);
        const texts = letters.slice(start, end).map((item) => item.text);
        const frame = packetFrame(this.node, this.incarnation, peer.incarnation, letters[start].seq, peer.in.delivered, texts, urgent);
        this.send((c) => c.send(peer.node, frame));
        peer.out.markSent(letters[end - 1].seq, now);
        peer.in.owed = 0;
        start = end;
      }
      const link = peer.in;
      if (link.ackNow && (link.owed > 0 || link.gap)) {
        const frame = ackFrame(this.node, this.incarnation, peer.incarnation, link.delivered, link.gap);
        this.send((c) => c.send(peer.node, frame));
        link.owed = 0;
      }
      link.ackNow = false;
      link.gap = false;
    }
    this.dirty.clear();
  }

  private send(act: (connection: TransportConnection) => void): void {
    if (this.connection === undefined || this.state === 'gone') return;
    try {
      act(this.connection);
    } catch {
      // the transport is at most once: a failed publish is a lost frame, which the link resends
    }
  }

  // ───────────── membership ─────────────

  private announce(hello: boolean, to?: string): void {
    const up = [...this.peers.values()].map((peer) => peer.incarnation);
    const memberships = foldMemberships(this.ports.registry.memberships());
    let frame = heartbeatFrame(this.node, this.incarnation, up, memberships, hello);
    // Never a heartbeat the peers would reject: memberships that do not fit are left out (last first).
    while (!this.fits(frame) && memberships.length > 0) {
      memberships.pop();
      frame = heartbeatFrame(this.node, this.incarnation, up, memberships, hello);
    }
    this.send((c) => (to === undefined ? c.broadcast(frame) : c.send(to, frame)));
  }

  private tick(): void {
    const now = this.ports.scheduler.now();
    for (const peer of [...this.peers.values()]) {
      if (now - peer.lastHeard > this.settings.failureTimeoutMs) this.lose(peer, 'unreachable');
    }
    for (const [peer, { retireBy }] of this.retiring) if (now >= retireBy) this.unacknowledged(peer);
    if (this.state === 'gone') return;
    this.announce(false);
    for (const peer of this.peers.values()) {
      if (peer.out.awaitingAck && now - peer.out.oldestSentAt >= this.settings.heartbeatIntervalMs) {
        peer.out.rewind();
        this.markDirty(peer);
      }
      for (const [id, entry] of peer.asks) {
        if (entry.ask.settled && (!entry.ask.timedOut || now - entry.sentAt > LATE_REPLY_WINDOW_MS)) peer.asks.delete(id);
      }
    }
  }

  /** A frame from `node`/`incarnation` arrived: the peer it is (admitted now if new), or undefined if that incarnation is down. */
  private hear(node: string, incarnation: string): Peer | undefined {
    if (node === this.node || this.buried.has(incarnation) || this.state === 'gone') return undefined;
    const now = this.ports.scheduler.now();
    const known = this.peers.get(node);
    if (known !== undefined && known.incarnation === incarnation) {
      known.lastHeard = now;
      return known;
    }
    if (known !== undefined) {
      // A new incarnation (it restarted, or rejoined): what the old one sent here is acknowledged first, so it dead-letters only what never arrived.
      if (known.in.owed > 0) this.send((c) => c.send(node, ackFrame(this.node, this.incarnation, known.incarnation, known.in.delivered, false)));
      this.lose(known, 'unreachable');
    }
    const peer = new Peer(node, incarnation, now, this.settings.outboxLimit);
    this.peers.set(node, peer);
    this.ports.emit('node-up', { node });
    this.announce(false, node); // so that it hears of this node at once, not a heartbeat later
    return peer;
  }

  private onHeartbeat(frame: Heartbeat): void {
    if (frame.n === this.node) return;
    if (frame.up.includes(this.incarnation)) this.listedBy.add(frame.i);
    else if (this.listedBy.has(frame.i)) return this.rejoin();
    const peer = this.hear(frame.n, frame.i);
    if (peer === undefined) return;
    const announced = JSON.stringify(frame.d);
    if (announced !== peer.announced) {
      const memberships = unfoldMemberships(frame.d, MAX_MEMBERS);
      if (memberships === undefined) return this.rejected('malformed memberships in a heartbeat', frame.n, L.NODE_PATH);
      peer.announced = announced;
      peer.members = new Map(memberships.map(([name, paths]) => [name, paths.map((path) => this.refAt(peer.node, path))]));
    }
    if (frame.q === 1) this.announce(false, frame.n);
  }

  /**
   * A peer declared this incarnation down (it stopped listing it). That peer will never
   * take it back, so this node rejoins as a new incarnation: its links start over, and
   * what was in flight on them is accounted for as for a node that went down.
   */
  private rejoin(): void {
    const retireBy = this.ports.scheduler.now() + 2 * this.settings.heartbeatIntervalMs;
    for (const peer of [...this.peers.values()]) {
      this.retiring.set(peer, { incarnation: this.incarnation, retireBy });
      this.lose(peer, 'unreachable', false);
    }
    this.incarnation = newIncarnation();
    this.listedBy.clear();
    this.announce(true);
  }

  private peerGone(node: string): void {
    const peer = this.peers.get(node);
    if (peer !== undefined) this.lose(peer, 'unreachable');
  }

  private reconnected(): void {
    for (const peer of this.peers.values()) {
      peer.out.rewind();
      this.markDirty(peer);
    }
    this.announce(true);
  }

  /**
   * The peer is down (or this node is leaving): every unacknowledged tell is a dead letter
   * `unreachable`, every ask in flight rejects with `UnreachableError`, watchers of its
   * actors get `Terminated` with reason `node-down`, and its members leave every distributor.
   */
  private lose(peer: Peer, reason: 'left' | 'unreachable', bury = true): void {
    if (this.peers.get(peer.node) !== peer) return;
    this.peers.delete(peer.node);
    this.dirty.delete(peer);
    if (bury) this.buried.add(peer.incarnation);
    if (this.state !== 'gone') this.ports.emit('node-down', { node: peer.node, reason });
    const error = (): UnreachableError => this.unreachableError(peer.node, 'an ask in flight');
    if (!this.retiring.has(peer)) this.unacknowledged(peer);
    for (const { ask } of peer.asks.values()) if (!ask.settled) ask.reject(error());
    peer.asks.clear();
    for (const { watcher, target } of peer.watches.values()) this.notifyWatcher(watcher, target as ActorRef, 'node-down');
    peer.watches.clear();
    for (const { watcher, target } of peer.watchedBy.values()) target.removeWatcher(watcher);
    peer.watchedBy.clear();
    peer.members = new Map();
    this.drainedCheck();
  }

  /** What a link to a peer that is gone still held: its tells are dead letters `unreachable`, its asks reject. */
  private unacknowledged(peer: Peer): void {
    this.retiring.delete(peer);
    for (const item of peer.out.close()) {
      if (item.message === NOT_A_MESSAGE) continue;
      // For system.inspect(): the sender of a letter on the link is not kept, only whether it was an ask.
      this.ports.registry.inspection?.deadLettered(new Envelope(item.message, undefined, item.ask, undefined), peer.node, item.path);
      this.ports.publishDeadLetter(item.message, 'unreachable', item.path);
      if (item.ask !== undefined && !item.ask.settled) item.ask.reject(this.unreachableError(peer.node, 'an ask in flight'));
    }
  }

  /** An ack (alone, or on a packet) for a link of this node's previous incarnation. */
  private retiredAck(node: string, peerIncarnation: string, incarnation: string, upTo: number): void {
    for (const [peer, retiring] of this.retiring) {
      if (peer.node !== node || peer.incarnation !== peerIncarnation || retiring.incarnation !== incarnation) continue;
      peer.out.acknowledge(upTo, this.ports.scheduler.now());
      if (peer.out.size === 0) this.retiring.delete(peer);
    }
  }

  private notifyWatcher(watcher: ActorRef, target: ActorRef, reason: 'stopped' | 'node-down'): void {
    this.ports.registry.sendOwn(watcher as AnyRef, new Envelope(new Terminated(target, reason), undefined, undefined, WATCH_NOTICE));
  }

  private drainedCheck(): void {
    if (this.drained !== undefined && !this.awaitingAcks()) this.drained();
  }

  // ───────────── receiving ─────────────

  private receive(raw: Uint8Array | string): void {
    if (this.state === 'idle' || this.state === 'gone') return;
    const frame = readFrame(raw, this.settings.maxFrameBytes);
    if (frame instanceof RejectedFrame) return this.rejected(frame.reason, frame.node, L.NODE_PATH);
    switch (frame.k) {
      case 'h':
        return this.onHeartbeat(frame);
      case 'b': {
        const peer = this.peers.get(frame.n);
        if (peer?.incarnation === frame.i) this.lose(peer, 'left');
        return;
      }
      case 'a':
        return this.onAck(frame);
      case 'p':
        return this.onPacket(frame);
    }
  }

  /** A frame (or one letter of it) is dropped before any handler sees it. */
  private rejected(reason: string, node: string | undefined, path: string): void {
    this.ports.emit('frame-rejected', { ...(node !== undefined ? { node } : {}), reason });
    this.ports.publishDeadLetter(undefined, 'rejected', path);
  }

  private onAck(frame: Ack): void {
    if (frame.t !== this.incarnation) return this.retiredAck(frame.n, frame.i, frame.t, frame.a);
    const peer = this.peers.get(frame.n);
    if (peer?.incarnation !== frame.i) return;
    peer.lastHeard = this.ports.scheduler.now();
    this.acknowledged(peer, frame.a, frame.g === 1);
  }

  private acknowledged(peer: Peer, upTo: number, gap: boolean): void {
    peer.out.acknowledge(upTo, this.ports.scheduler.now());
    if (gap && peer.out.lastGapAck !== upTo) {
      peer.out.lastGapAck = upTo;
      peer.out.rewind();
      this.markDirty(peer);
    }
    this.drainedCheck();
  }

  private onPacket(frame: Packet): void {
    if (frame.t !== this.incarnation) return this.retiredAck(frame.n, frame.i, frame.t, frame.a); // for an earlier incarnation: its letters go nowhere, its sender will learn
    const peer = this.hear(frame.n, frame.i);
    if (peer === undefined) return;
    this.acknowledged(peer, frame.a, false);
    const link = peer.in;
    let seq = frame.s;
    for (const letter of frame.l) {
      if (seq <= link.delivered) {
        seq++;
        continue;
      }
      if (seq > link.delivered + 1) {
        link.gap = true;
        break;
      }
      link.delivered = seq++;
      this.inbox.deliver(peer, letter);
    }
    link.owed += frame.l.length;
    if (link.gap || frame.u === 1 || link.owed >= ACK_EVERY) {
      link.ackNow = true;
      this.markDirty(peer);
    } else {
      this.ackLater();
    }
  }

  /** Acks that no packet back has carried go alone after a quarter of a heartbeat interval (well before the sender resends). */
  private ackLater(): void {
    if (this.ackTimer !== undefined) return;
    this.ackTimer = this.ports.scheduler.schedule(() => {
      this.ackTimer = undefined;
      for (const peer of this.peers.values()) {
        if (peer.in.owed === 0) continue;
        peer.in.ackNow = true;
        this.markDirty(peer);
      }
    }, this.settings.heartbeatIntervalMs / 4);
  }

  /** @internal Sends the answer to an ask (or a stop) that came from `peer`, if that incarnation is still up. */
  answer(peer: Peer, id: number, ok: boolean, value: unknown): void {
    if (this.peers.get(peer.node) !== peer) return;
    if (ok) {
      let text: string;
      try {
        text = JSON.stringify([L.REPLY, id, encode(value, 'reply', this.refs)]);
      } catch (error) {
        return this.answer(peer, id, false, error);
      }
      if (this.fits(text)) return this.system(peer, text);
      return this.answer(peer, id, false, this.tooBig(`the reply to an ask from node '${peer.node}'`, text));
    }
    this.system(peer, this.errorLetter(L.FAILURE, id, value));
  }

  /** A letter `[kind, id, error]` (a failure or a give-up), the error cut to fit when it is too long. */
  private errorLetter(kind: number, id: number, error: unknown): string {
    const wire = L.errorToWire(error);
    const text = JSON.stringify([kind, id, wire]);
    if (this.fits(text)) return text;
    // Cut to what surely fits (3 bytes a character at most), so the other side still learns why.
    const room = Math.max(64, Math.floor((this.settings.maxFrameBytes - PACKET_OVERHEAD - 512) / 3));
    const cut = { name: wire.name.slice(0, 100), message: `${wire.message.slice(0, room)}… (cut to fit maxFrameBytes)`, ...(wire.code ? { code: wire.code.slice(0, 100) } : {}) };
    return JSON.stringify([kind, id, cut]);
  }
}

function newIncarnation(): string {
  return randomBytes(9).toString('base64url');
}

/** An ask letter; with the ms its asker has left when its deadline is finite (the receiver's `ctx.deadline`). */
function askLetter(path: string, from: string | 0, body: unknown, id: number, deadline: number | undefined, now: number): unknown[] {
  return deadline !== undefined && deadline < Infinity ? [L.ASK, path, from, body, id, Math.max(0, deadline - now)] : [L.ASK, path, from, body, id];
}
