import type { Cell } from '../actor/cell';
import { restart, restartHalted } from '../actor/starting';
import { halt, retire } from '../actor/stopping';
import { EscalationError, describeError } from '../errors';
import { inBackground } from '../actor/background';
import { isThenable } from '../actor/hooks';
import { RestartIntensity } from './intensity';
import { roundMembers } from './strategy';

/** How a supervisor answers the failures and exits of its children. */
export interface SupervisionEngine {
  onFailure(child: Cell, error: unknown): void;
  onExit(child: Cell): void;
  forget(child: Cell): void;
}

interface BackoffState {
  consecutive: number;
  restartedAt: number;
}

type Decision = { child: Cell; afterFailure: boolean; error: unknown };

/** The supervision of `owner`'s children, for one incarnation of `owner`. */
export function createSupervisionEngine(owner: Cell): SupervisionEngine {
  return new Engine(owner);
}

/**
 * Decides, for each failure or normal exit of a child, between restarting (by the owner's
 * strategy, as one round), letting the child go, or giving up (escalation). Rounds that
 * share no child run side by side; a decision about a child in a running round waits for
 * that round to end.
 */
class Engine implements SupervisionEngine {
  private readonly intensity: RestartIntensity;
  private readonly backoff = new Map<Cell, BackoffState>();
  /** Children in a round that is running; a decision about one of them waits for its round. */
  private readonly inRound = new Set<Cell>();
  private readonly deferred: Decision[] = [];

  constructor(private readonly owner: Cell) {
    const { maxRestarts, withinMs } = owner.definition.supervision;
    this.intensity = new RestartIntensity(maxRestarts, withinMs);
  }

  onFailure(child: Cell, error: unknown): void {
    this.decide({ child, afterFailure: true, error });
  }

  onExit(child: Cell): void {
    this.decide({ child, afterFailure: false, error: undefined });
  }

  forget(child: Cell): void {
    this.backoff.delete(child);
  }

  private decide(decision: Decision): void {
    if (this.ownerIsGoingDown()) return;
    const { child, afterFailure, error } = decision;
    const members = roundMembers(this.owner, child);
    if (members.some((member) => this.inRound.has(member))) {
      this.deferred.push(decision);
      return;
    }
    const { restart: policy, tries } = child.settings;
    if (policy === 'temporary' || (policy === 'transient' && !afterFailure)) {
      this.background(retire(child, afterFailure ? 'failed' : 'normal'), `retiring ${child.path}`);
    } else if (child.restarts >= tries) {
      this.background(retire(child, 'gave-up'), `retiring ${child.path}`);
    } else if (!this.intensity.unlimited && !this.intensity.record(this.now())) {
      const cause = afterFailure ? error : new Error(`${child.path} exited and was restarted too often`);
      this.background(this.escalate(cause), `escalating from ${this.owner.path}`);
    } else {
      this.round(child, members, afterFailure);
    }
  }

  /**
   * One restart round: stop the bystanders (reverse order), wait the backoff, restart all
   * (start order). A round of one (one-for-one) runs on callbacks: with synchronous hooks it
   * costs one scheduler action and no promise.
   */
  private round(failed: Cell, members: Cell[], afterFailure: boolean): void {
    for (const member of members) this.inRound.add(member);
    const finish = () => {
      for (const member of members) this.inRound.delete(member);
      this.drainDeferred();
    };
    if (members.length > 1) {
      this.background(this.roundWithBystanders(failed, members, afterFailure).finally(finish), `restarting ${failed.path}`);
      return;
    }
    this.afterBackoff(failed, () => {
      try {
        const restarted = this.ownerIsGoingDown() ? undefined : restart(failed, afterFailure);
        if (isThenable(restarted)) {
          this.background(Promise.resolve(restarted).finally(finish), `restarting ${failed.path}`);
          return;
        }
      } catch (error) {
        this.owner.runtime.logger.error(`rampart: restarting ${failed.path} failed unexpectedly`, error);
      }
      finish();
    });
  }

  private async roundWithBystanders(failed: Cell, members: Cell[], afterFailure: boolean): Promise<void> {
    for (const bystander of members.filter((m) => m !== failed).reverse()) await halt(bystander);
    await new Promise<void>((resolve) => this.afterBackoff(failed, resolve));
    for (const member of members) {
      if (this.ownerIsGoingDown()) return;
      if (member === failed) await restart(member, afterFailure);
      else if (member.settings.restart === 'temporary') await retire(member, 'bystander');
      else await restartHalted(member);
    }
  }

  private drainDeferred(): void {
    if (this.deferred.length === 0) return;
    const pending = this.deferred.splice(0);
    for (const decision of pending) {
      if (decision.child.status === 'suspended') this.decide(decision);
    }
  }

  /** Runs `then` as a scheduler action, after the child's next backoff delay. */
  private afterBackoff(child: Cell, then: () => void): void {
    const now = this.now();
    const policy = child.settings.backoff;
    let state = this.backoff.get(child);
    if (state === undefined) this.backoff.set(child, (state = { consecutive: 0, restartedAt: now }));
    else if (now - state.restartedAt >= policy.resetAfterMs) state.consecutive = 0;
    state.consecutive++;
    const scheduled = state;
    child.pendingRestart = this.owner.runtime.scheduler.schedule(() => {
      child.pendingRestart = undefined;
      scheduled.restartedAt = this.now();
      then();
    }, policy.delayFor(state.consecutive));
  }

  /** Gives up: stops every child (keeping their queues) and fails with `EscalationError`. */
  private async escalate(cause: unknown): Promise<void> {
    const owner = this.owner;
    const { maxRestarts, withinMs } = owner.definition.supervision;
    const error = new EscalationError(
      `${owner.path} gave up: more than ${maxRestarts} restart(s) within ${withinMs} ms. Last failure: ${describeError(cause)}`,
      { cause },
    );
    owner.runtime.emit('escalated', owner.path, { error });
    owner.mailbox.suspend();
    owner.status = 'suspended';
    for (const child of owner.children().reverse()) await halt(child);
    owner.lastFailure = { error, message: undefined };
    owner.runtime.emit('failed', owner.path, { error });
    owner.parent.childGaveUp(owner, error);
  }

  private background(work: Promise<void>, what: string): void {
    inBackground(work, this.owner.runtime.logger, what);
  }

  private ownerIsGoingDown(): boolean {
    const { status, closing } = this.owner;
    return closing || status === 'dead' || status === 'halted' || status === 'suspended';
  }

  private now(): number {
    return this.owner.runtime.scheduler.now();
  }
}
