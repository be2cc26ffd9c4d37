import type { SchedulerLike } from 'rxjs';

/**
 * Waits for `work`, at most `timeoutMs` of scheduler time. Resolves true when it settled in
 * time, false when the bound expired first. A rejection of `work` counts as settled.
 */
export function within(work: Promise<unknown>, timeoutMs: number, scheduler: SchedulerLike): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let done = false;
    const timer = Number.isFinite(timeoutMs)
      ? scheduler.schedule(() => {
          if (!done) {
            done = true;
            resolve(false);
          }
        }, timeoutMs)
      : undefined;
    const finish = () => {
      if (done) return;
      done = true;
      timer?.unsubscribe();
      resolve(true);
    };
    work.then(finish, finish);
  });
}
