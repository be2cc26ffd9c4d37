import type { Subscription, SchedulerAction } from 'rxjs';
import { inBackground } from '../core/background';
import { messageOf } from '../core/envelope';
import { toEach } from '../core/fan-out';
import { GroupAddressRef, type GroupProcess } from '../core/ref';
import { ActorStoppedError, describeValue } from '../errors';
import type { ChildSettings } from '../metadata';
import type { ActorRef } from '../types';
import type { GroupHost, GroupMember, GroupSlot } from './ports';
import { nextSize } from './resizer';
import { createRouter, type Router } from './routing';

/**
 * A `@Child` with `redundancy`: `n` identical members at `<path>/0` … `<path>/n-1`, each a
 * child of the supervisor in its own right. The group is the process behind its ref: it
 * routes, broadcasts and resizes; the supervisor supervises the members like any other child.
 */
export class Group<M extends GroupMember> implements GroupSlot<M>, GroupProcess {
  readonly ref: GroupAddressRef;
  readonly members: M[] = [];
  private liveMembers: M[] | undefined;
  /** Members that a shrink is stopping: out of the rotation from the moment it picks them. */
  private readonly leaving = new Set<M>();
  private readonly router: Router<M>;
  private resizing: Promise<void> = Promise.resolve();
  private pendingResizes = 0;
  private resizer: Subscription | undefined;
  private disposed = false;
  private watchers: Map<string, ActorRef> | undefined;

  constructor(
    private readonly host: GroupHost<M>,
    private readonly settings: ChildSettings,
    readonly path: string,
  ) {
    this.router = createRouter(settings.dispatch, path);
    this.ref = new GroupAddressRef(path, host.registry, this);
    for (let i = 0; i < this.declaredSize; i++) this.addMember();
    host.registry.register(path, this);
  }

  private get declaredSize(): number {
    return this.settings.redundancy ?? 1;
  }

  get node(): string {
    return this.host.registry.node;
  }

  /** A group is gone when its supervisor stopped for good; it has no mailbox of its own to close. */
  get terminated(): boolean {
    return this.disposed;
  }

  live(): readonly M[] {
    return (this.liveMembers ??= this.members.filter((member) => !member.terminated && !this.leaving.has(member)));
  }

  get memberRefs(): readonly ActorRef[] {
    return this.live().map((member) => member.ref);
  }

  changed(): void {
    this.liveMembers = undefined;
  }

  /** To one member by the dispatch; with none left, a dead letter `stopped`. */
  post(letter: unknown): void {
    const live = this.live();
    const member = live.length === 0 ? undefined : this.router(messageOf(letter), live);
    if (member !== undefined) member.post(letter);
    else {
      this.host.registry.deadLetter(letter, 'stopped', this.path, () =>
        new ActorStoppedError(`The group ${this.path} has no member left; the message was not handled.`),
      );
    }
  }

  /** To every member once (a member waiting out a backoff gets it queued); with none left, a dead letter `stopped`. */
  broadcast(letter: unknown): void {
    const live = this.live();
    if (live.length === 0) this.host.registry.deadLetter(letter, 'stopped', this.path);
    else toEach(live, (member) => member.post(letter));
  }

  stop(): Promise<void> {
    return Promise.all(this.live().map((member) => member.stop())).then(() => undefined);
  }

  kill(): void {
    for (const member of this.live()) member.kill();
  }

  /** Watching a group: `Terminated` comes when its supervisor stops for good (the group with it). */
  addWatcher(watcher: ActorRef): boolean {
    if (this.disposed) return false;
    (this.watchers ??= new Map()).set(watcher.address, watcher);
    return true;
  }

  removeWatcher(watcher: ActorRef): void {
    this.watchers?.delete(watcher.address);
  }

  rebuild(): void {
    if (this.disposed) {
      // The supervisor stopped for good and came back (a restarted parent rebuilds it).
      this.disposed = false;
      this.host.registry.register(this.path, this);
    }
    this.leaving.clear();
    while (this.members.length > this.declaredSize) this.members.pop()!.discard('downscale');
    while (this.members.length < this.declaredSize) this.addMember();
    this.changed();
  }

  supervisorRunning(timers: { addTimer(timer: Subscription): void }): void {
    const resize = this.settings.resize;
    if (resize === undefined) return;
    const group = this;
    const timer = this.host.scheduler.schedule(function (this: SchedulerAction<unknown>) {
      group.autoscale();
      this.schedule(undefined, resize.intervalMs ?? 1000);
    }, resize.intervalMs ?? 1000);
    this.resizer?.unsubscribe();
    this.resizer = timer;
    timers.addTimer(timer);
  }

  dispose(): void {
    this.disposed = true;
    this.resizer?.unsubscribe();
    const registry = this.host.registry;
    registry.unregister(this.path, this);
    const watchers = this.watchers;
    this.watchers = undefined;
    if (watchers !== undefined) for (const watcher of watchers.values()) registry.notifyTerminated(watcher, this.ref);
  }

  /** Grows (reviving stopped members first, lowest index first) or shrinks (highest index first, gracefully). */
  resize(size: number, reason: 'manual' | 'upscale' | 'downscale' = 'manual'): Promise<void> {
    if (!Number.isInteger(size) || size < 0) {
      return Promise.reject(new RangeError(`resize() of the group ${this.path}: the size must be an integer >= 0, got ${describeValue(size)}.`));
    }
    if (!this.accepting()) return Promise.reject(this.stoppedError());
    this.pendingResizes++;
    const run = this.resizing.then(() => this.resizeNow(size, reason)).finally(() => this.pendingResizes--);
    this.resizing = run.catch(() => undefined);
    return run;
  }

  /** Members may start: the supervisor runs and the system has not terminated. */
  private accepting(): boolean {
    return !this.disposed && this.host.accepting;
  }

  private stoppedError(): Error {
    return new ActorStoppedError(`resize() of the group ${this.path}: its supervisor is stopping or stopped, so the group starts no member.`);
  }

  private async resizeNow(size: number, reason: string): Promise<void> {
    if (!this.accepting()) throw this.stoppedError();
    const from = this.live().length;
    if (size > from) {
      for (let needed = size - from; needed > 0; needed--) {
        if (!this.accepting()) throw this.stoppedError();
        const member = this.members.find((candidate) => candidate.dead) ?? this.addMember();
        await member.start();
      }
    } else if (size < from) {
      const victims = this.live().slice(size).reverse();
      for (const member of victims) this.leaving.add(member);
      this.changed();
      for (const member of victims) {
        await member.stop();
        // A rebuild (the supervisor restarted) may have replaced the members meanwhile.
        if (!this.leaving.delete(member)) continue;
        const index = this.members.indexOf(member);
        if (index >= 0 && member.dead) this.members.splice(index, 1);
      }
      while (this.members.length > 0 && this.members[this.members.length - 1].dead) this.members.pop();
      this.changed();
    }
    const to = this.live().length;
    if (to !== from) this.host.emit('resized', this.path, { reason, message: { from, to } });
  }

  private autoscale(): void {
    if (this.pendingResizes > 0 || !this.accepting()) return;
    const target = nextSize(this.settings.resize!, this.live());
    if (target !== undefined) inBackground(this.resize(target.size, target.reason), this.host.logger, `resizing ${this.path}`);
  }

  private addMember(): M {
    const member = this.host.newMember(`${this.path}/${this.members.length}`);
    member.group = this;
    this.members.push(member);
    this.changed();
    return member;
  }
}
