import { EscalationError, describeError } from '../errors';
import type { Cell } from '../actor/cell';
import { halt, restart, retire } from '../actor/lifecycle';
import { RestartIntensity } from './intensity';

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

/** The supervision of `owner`'s children, for one incarnation of `owner`. */
export function createSupervisionEngine(owner: Cell): SupervisionEngine {
  return new OneForOneEngine(owner);
}

class OneForOneEngine implements SupervisionEngine {
  private readonly intensity: RestartIntensity;
  private readonly backoff = new Map<Cell, BackoffState>();

  constructor(private readonly owner: Cell) {
    const { maxRestarts, withinMs } = owner.definition.supervision;
    this.intensity = new RestartIntensity(maxRestarts, withinMs);
  }

  onFailure(child: Cell, error: unknown): void {
    if (this.ownerIsGoingDown()) return;
    const { restart: policy, tries } = child.settings;
    if (policy === 'temporary') {
      void retire(child, 'failed');
    } else if (child.restarts >= tries) {
      void retire(child, 'gave-up');
    } else if (!this.intensity.record(this.now())) {
      void this.escalate(error);
    } else {
      this.scheduleRestart(child, true);
    }
  }

  onExit(child: Cell): void {
    if (this.ownerIsGoingDown()) return;
    if (child.settings.restart !== 'permanent') {
      void retire(child, 'normal');
    } else if (!this.intensity.record(this.now())) {
      void this.escalate(new Error(`${child.path} exited`));
    } else {
      this.scheduleRestart(child, false);
    }
  }

  forget(child: Cell): void {
    this.backoff.delete(child);
  }

  private scheduleRestart(child: Cell, afterFailure: boolean): void {
    const now = this.now();
    const policy = child.settings.backoff;
    let state = this.backoff.get(child);
    if (state === undefined || now - state.restartedAt >= policy.resetAfterMs) {
      state = { consecutive: 0, restartedAt: now };
      this.backoff.set(child, state);
    }
    state.consecutive++;
    const delay = policy.delayFor(state.consecutive);
    const scheduled = state;
    child.pendingRestart = this.owner.runtime.scheduler.schedule(() => {
      child.pendingRestart = undefined;
      scheduled.restartedAt = this.now();
      void restart(child, afterFailure);
    }, delay);
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
    owner.parent.childFailed(owner, error);
  }

  private ownerIsGoingDown(): boolean {
    const { status, closing } = this.owner;
    return closing || status === 'dead' || status === 'halted' || status === 'suspended';
  }

  private now(): number {
    return this.owner.runtime.scheduler.now();
  }
}
