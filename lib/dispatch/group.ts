import type { Subscription, SchedulerAction } from 'rxjs';
import { inBackground } from '../actor/background';
import type { Cell } from '../actor/cell';
import type { GroupSlot } from '../actor/group-slot';
import type { Incarnation } from '../actor/incarnation';
import { revive, startSpawned } from '../actor/starting';
import { stopForGood, terminate } from '../actor/stopping';
import type { Runtime } from '../actor/runtime';
import type { ChildDefinition } from '../metadata';
import { LocalGroupRef, type RoutedGroup } from './group-ref';
import { nextSize } from './resizer';
import { createRouter, type Router } from './routing';

/**
 * A `@Child` with `redundancy`: `n` identical members at `<path>/0` … `<path>/n-1`, each a
 * child of the supervisor in its own right. The group routes, broadcasts and resizes; the
 * supervisor supervises the members like any other child.
 */
export class Group implements GroupSlot, RoutedGroup {
  readonly ref: LocalGroupRef;
  readonly members: Cell[] = [];
  private liveMembers: Cell[] | undefined;
  /** Members that a shrink is stopping: out of the rotation from the moment it picks them. */
  private readonly leaving = new Set<Cell>();
  private readonly router: Router;
  private resizing: Promise<void> = Promise.resolve();
  private pendingResizes = 0;
  private resizer: Subscription | undefined;

  constructor(
    private readonly runtime: Runtime,
    private readonly child: ChildDefinition,
    readonly path: string,
    private readonly newMember: (path: string) => Cell,
  ) {
    this.router = createRouter(child.settings.dispatch, path);
    this.ref = new LocalGroupRef(this);
    for (let i = 0; i < this.declaredSize; i++) this.addMember();
    runtime.registerGroup(this);
  }

  private get declaredSize(): number {
    return this.child.settings.redundancy ?? 1;
  }

  live(): readonly Cell[] {
    return (this.liveMembers ??= this.members.filter(
      (member) => member.status !== 'dead' && !member.closing && !this.leaving.has(member),
    ));
  }

  changed(): void {
    this.liveMembers = undefined;
  }

  route(message: unknown): Cell | undefined {
    const live = this.live();
    return live.length === 0 ? undefined : this.router(message, live);
  }

  deadLetter(message: unknown): void {
    this.runtime.deadLetter(message, 'stopped', this.path);
  }

  rebuild(): void {
    while (this.members.length > this.declaredSize) terminate(this.members.pop()!, 'downscale');
    while (this.members.length < this.declaredSize) this.addMember();
  }

  supervisorRunning(incarnation: Incarnation): void {
    const resize = this.child.settings.resize;
    if (resize === undefined) return;
    const group = this;
    const timer = this.runtime.scheduler.schedule(function (this: SchedulerAction<unknown>) {
      group.autoscale();
      this.schedule(undefined, resize.intervalMs ?? 1000);
    }, resize.intervalMs ?? 1000);
    this.resizer?.unsubscribe();
    this.resizer = timer;
    incarnation.addTimer(timer);
  }

  dispose(): void {
    this.resizer?.unsubscribe();
    this.runtime.unregisterGroup(this);
  }

  /** Grows (reviving stopped members first, lowest index first) or shrinks (highest index first, gracefully). */
  resize(size: number, reason: 'manual' | 'upscale' | 'downscale' = 'manual'): Promise<void> {
    if (!Number.isInteger(size) || size < 0) {
      return Promise.reject(new RangeError(`resize() of the group ${this.path}: the size must be an integer >= 0, got ${String(size)}.`));
    }
    this.pendingResizes++;
    const run = this.resizing.then(() => this.resizeNow(size, reason)).finally(() => this.pendingResizes--);
    this.resizing = run.catch(() => undefined);
    return run;
  }

  private async resizeNow(size: number, reason: string): Promise<void> {
    const from = this.live().length;
    if (size > from) {
      for (let needed = size - from; needed > 0; needed--) {
        const hole = this.members.find((member) => member.status === 'dead');
        const member = hole ?? this.addMember();
        if (hole !== undefined) revive(hole);
        await startSpawned(member);
      }
    } else if (size < from) {
      const victims = this.live().slice(size).reverse();
      for (const member of victims) this.leaving.add(member);
      this.changed();
      for (const member of victims) {
        await stopForGood(member);
        this.members.splice(this.members.indexOf(member), 1);
        this.leaving.delete(member);
      }
      while (this.members.length > 0 && this.members[this.members.length - 1].status === 'dead') this.members.pop();
      this.changed();
    }
    const to = this.live().length;
    if (to !== from) this.runtime.emit('resized', this.path, { reason, message: { from, to } });
  }

  private autoscale(): void {
    if (this.pendingResizes > 0) return;
    const target = nextSize(this.child.settings.resize!, this.live());
    if (target !== undefined) inBackground(this.resize(target.size, target.reason), this.runtime.logger, `resizing ${this.path}`);
  }

  private addMember(): Cell {
    const member = this.newMember(`${this.path}/${this.members.length}`);
    member.group = this;
    this.members.push(member);
    this.changed();
    return member;
  }
}
