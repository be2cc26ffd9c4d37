import { inBackground } from '../core/background';
import { logSafely } from '../core/log';
import { isThenable } from '../core/thenable';
import { EscalationError, describeError } from '../errors';
import { RestartIntensity } from './intensity';
import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import type { PendingRestart, SupervisedChild, SupervisingOwner, SupervisionEngine } from './ports';
import { roundMembers } from './strategy';

interface BackoffState {
  consecutive: number;
  restartedAt: number;
}

type Decision<C> = { child: C; afterFailure: boolean; error: unknown };

/** The supervision of `owner`'s children, for one incarnation of `owner`. */
export function createSupervisionEngine<C extends SupervisedChild>(owner: SupervisingOwner<C>): SupervisionEngine<C> {
  return new Engine(owner);
}

/**
 * Decides, for each failure or normal exit of a child, between restarting (by the owner's
 * strategy, as one round), letting the child go, or giving up (escalation). Rounds that
 * share no child run side by side; a decision about a child in a running round waits for
 * that round to end. It sees children and owner only through the ports, so the same engine
 * supervises any kind of child.
 */
class Engine<C extends SupervisedChild> implements SupervisionEngine<C> {
  private readonly intensity: RestartIntensity;
  private readonly backoff = new Map<C, BackoffState>();
  /** Children in a round that is running; a decision about one of them waits for its round. */
  private readonly inRound = new Set<C>();
  private readonly deferred: Decision<C>[] = [];

  constructor(private readonly owner: SupervisingOwner<C>) {
    const { maxRestarts, withinMs } = owner.supervision;
    this.intensity = new RestartIntensity(maxRestarts, withinMs);
  }

  onFailure(child: C, error: unknown): void {
    this.decide({ child, afterFailure: true, error });
  }

  onExit(child: C): void {
    this.decide({ child, afterFailure: false, error: undefined });
  }

  forget(child: C): void {
    this.backoff.delete(child);
  }

  private decide(decision: Decision<C>): void {
    if (this.owner.goingDown) return;
    const { child, afterFailure, error } = decision;
    const members = roundMembers(this.owner.supervision.strategy, this.owner.staticChildren, child);
    if (members.some((member) => this.inRound.has(member))) {
      this.deferred.push(decision);
      return;
    }
    const { restart: policy, tries } = child.settings;
    if (policy === 'temporary' || (policy === 'transient' && !afterFailure)) {
      this.background(child.retire(afterFailure ? 'failed' : 'normal'), `retiring ${child.path}`);
    } else if (child.restarts >= tries) {
      this.background(child.retire('gave-up'), `retiring ${child.path}`);
    } else if (!this.intensity.unlimited && !this.intensity.record(this.now())) {
      const cause = afterFailure ? error : new Error(`${child.path} exited and was restarted too often`);
      this.background(this.escalate(cause), `escalating from ${this.owner.path}`);
    } else {
      this.round(child, members, afterFailure);
    }
  }

  /**
   * One restart round: the bystanders stop (reverse order), the backoff passes, the failed
   * child's old incarnation goes down, then everyone starts again (start order). A round of one (one-for-one)
   * runs on callbacks: with synchronous hooks it costs one scheduler action and no promise.
   */
  private round(failed: C, members: C[], afterFailure: boolean): void {
    for (const member of members) this.inRound.add(member);
    const finish = () => {
      for (const member of members) this.inRound.delete(member);
      this.drainDeferred();
    };
    if (members.length > 1) {
      this.background(this.roundWithBystanders(failed, members, afterFailure).finally(finish), `restarting ${failed.path}`);
      return;
    }
    const fail = (error: unknown) => logSafely(this.owner.logger, 'error', `rampart: restarting ${failed.path} failed unexpectedly`, error);
    const bringUp = () => {
      try {
        const restarted = this.owner.goingDown ? undefined : failed.bringUp(afterFailure);
        if (isThenable(restarted)) {
          this.background(Promise.resolve(restarted).finally(finish), `restarting ${failed.path}`);
          return;
        }
      } catch (error) {
        fail(error);
      }
      finish();
    };
    this.afterBackoff(failed, () => {
      let down: unknown;
      try {
        down = this.owner.goingDown ? undefined : failed.takeDown(afterFailure);
      } catch (error) {
        fail(error);
      }
      if (isThenable(down)) Promise.resolve(down).then(bringUp, (error: unknown) => (fail(error), finish()));
      else bringUp();
    });
  }

  private async roundWithBystanders(failed: C, members: C[], afterFailure: boolean): Promise<void> {
    for (const bystander of members.filter((m) => m !== failed).reverse()) await bystander.halt();
    await new Promise<void>((resolve) => this.afterBackoff(failed, resolve));
    // Every old instance is down before any new one is built.
    if (!this.owner.goingDown) await failed.takeDown(afterFailure);
    for (const member of members) {
      if (this.owner.goingDown) return;
      if (member === failed) await member.bringUp(afterFailure);
      else if (member.settings.restart === 'temporary') await member.retire('bystander');
      else await member.startHalted();
    }
  }

  private drainDeferred(): void {
    if (this.deferred.length === 0) return;
    const pending = this.deferred.splice(0);
    for (const decision of pending) {
      if (decision.child.suspended) this.decide(decision);
    }
  }

  /**
   * Runs `then` as a scheduler action, after the child's next backoff delay. When the child
   * stops for good meanwhile, the wait is skipped: the round goes on (without it) at once.
   */
  private afterBackoff(child: C, then: () => void): void {
    const now = this.now();
    const policy = child.settings.backoff;
    let state = this.backoff.get(child);
    if (state === undefined) this.backoff.set(child, (state = { consecutive: 0, restartedAt: now }));
    else if (now - state.restartedAt >= policy.resetAfterMs) state.consecutive = 0;
    state.consecutive++;
    new BackoffWait(child, state, this.owner.scheduler, then).start(policy.delayFor(state.consecutive));
  }

  /** Gives up: the owner halts every child (keeping their queues) and fails with `EscalationError`. */
  private async escalate(cause: unknown): Promise<void> {
    const owner = this.owner;
    const { maxRestarts, withinMs } = owner.supervision;
    const error = new EscalationError(
      `${owner.path} gave up: more than ${maxRestarts} restart(s) within ${withinMs} ms. Last failure: ${describeError(cause)}`,
      { cause },
    );
    owner.emit('escalated', owner.path, { error });
    await owner.giveUp(error);
  }

  private background(work: Promise<void>, what: string): void {
    inBackground(work, this.owner.logger, what);
  }

  private now(): number {
    return this.owner.scheduler.now();
  }
}

/**
 * A restart waiting out its backoff: its timer runs it, or `skip()` runs it at once (the
 * child stopped for good meanwhile, and its round must go on); `cancel()` drops it (the
 * supervisor itself is going down). One object and no closure per restart.
 */
class BackoffWait implements PendingRestart {
  private done = false;
  private timer: Subscription | undefined;

  constructor(
    private readonly child: SupervisedChild,
    private readonly state: BackoffState,
    private readonly scheduler: SchedulerLike,
    private readonly then: () => void,
  ) {}

  start(delayMs: number): void {
    this.timer = this.scheduler.schedule(fire, delayMs, this);
    if (!this.done) this.child.pendingRestart = this;
  }

  run(): void {
    if (this.done) return;
    this.done = true;
    if (this.child.pendingRestart === this) this.child.pendingRestart = undefined;
    this.timer?.unsubscribe();
    this.state.restartedAt = this.scheduler.now();
    this.then();
  }

  skip(): void {
    queueMicrotask(() => this.run());
  }

  cancel(): void {
    this.done = true;
    this.timer?.unsubscribe();
  }
}

function fire(this: SchedulerAction<BackoffWait>, wait?: BackoffWait): void {
  wait!.run();
}
