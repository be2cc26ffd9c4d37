import type { Cell } from '../actor/cell';
import type { Parent } from '../actor/ports';
import { inBackground } from '../core/background';
import { EscalationError, describeError } from '../errors';
import { RestartIntensity } from '../supervision/intensity';
import { logSafely, terminationLine } from './logger';

/** What the guardian needs from its system. */
export interface GuardedSystem {
  /** The system is shutting down or has terminated. */
  readonly terminating: boolean;
  /** The root stopped for good: the system has terminated (with the escalation, if the root gave up). */
  terminated(error?: EscalationError): void;
  shutdown(): Promise<void>;
}

/**
 * The system's own supervisor of the root. It restarts the root with the root's own
 * intensity; when that is exceeded, the system terminates with `EscalationError`.
 */
export class Guardian implements Parent<Cell> {
  private intensity: RestartIntensity | undefined;
  private failure: EscalationError | undefined;

  constructor(private readonly system: GuardedSystem) {}

  childFailed(root: Cell, error: unknown): void {
    if (this.system.terminating || root.closing) return;
    const { maxRestarts, withinMs } = root.definition.supervision;
    this.intensity ??= new RestartIntensity(maxRestarts, withinMs);
    if (this.intensity.record(root.runtime.scheduler.now())) {
      const timer = root.runtime.scheduler.schedule(() => {
        root.pendingRestart = undefined;
        inBackground(this.restart(root), root.runtime.logger, `restarting the root ${root.path}`);
      }, 0);
      root.pendingRestart = { skip: () => timer.unsubscribe(), cancel: () => timer.unsubscribe() };
      return;
    }
    const escalation = new EscalationError(
      `The root ${root.path} gave up: more than ${maxRestarts} restart(s) within ${withinMs} ms. Last failure: ${describeError(error)}`,
      { cause: error },
    );
    root.runtime.emit('escalated', root.path, { error: escalation });
    this.terminate(root, escalation);
  }

  /** The root gave up on its children: nobody is above it, so the system terminates. */
  childGaveUp(root: Cell, error: unknown): void {
    if (this.system.terminating || root.closing) return;
    this.terminate(root, error as EscalationError);
  }

  childExited(): void {
    void this.system.shutdown();
  }

  childTerminated(): void {
    this.system.terminated(this.failure);
  }

  private async restart(root: Cell): Promise<void> {
    await root.takeDown(true);
    await root.bringUp(true);
  }

  private terminate(root: Cell, error: EscalationError): void {
    if (this.failure === undefined) logSafely(root.runtime.logger, 'error', terminationLine(root.path, error));
    this.failure = error;
    inBackground(root.stop(), root.runtime.logger, `stopping the root ${root.path}`);
  }
}
