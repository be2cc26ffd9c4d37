/**
 * Restart strategy: Bastion's `restart_strategy` example, in rampart.
 *
 * In Bastion, a supervisor gets `RestartPolicy::Tries(3)` and a linear back-off, and its only
 * child prints "Worker started!" and then fails. The supervisor restarts it three times, with
 * a longer delay each time, then gives up on it and stops tracking it.
 *
 * Here the same worker fails on the first message it handles: each incarnation prints
 * "Worker started!" and schedules itself `Work` 10 ms later, and handling `Work` throws. `tries: 3` and `Backoff.linear` say how the
 * supervisor restarts it. After the third restart the worker fails once more; it is not
 * restarted again, it stops for good (event `stopped`, reason `gave-up`), and the supervisor
 * does not escalate for it. A job told to it afterwards is a dead letter `stopped`.
 *
 *   npm run sample:restart-strategy
 */
import { ActorRef, ActorSystem, Backoff, Child, Context, On, Supervisor } from '../lib';
import type { DeadLetter } from '../lib';

/** What each incarnation schedules for itself when it starts. */
class Work {
  constructor(readonly attempt: number) {}
}

const t0 = Date.now();
const at = (time = Date.now()): string => `+${String(time - t0).padStart(4)} ms`;

class FailingWorker {
  beforeStart(ctx: Context): void {
    this.started(ctx);
  }

  afterRestart(ctx: Context): void {
    this.started(ctx);
  }

  private started(ctx: Context): void {
    const attempt = ctx.restarts + 1;
    console.log(`${at()}  attempt ${attempt}: Worker started!`);
    ctx.schedule(10, new Work(attempt));
  }

  @On(Work)
  work(work: Work): never {
    throw new Error(`Unexpected error... (attempt ${work.attempt})`);
  }
}

/** `tries: 3` is Bastion's `RestartPolicy::Tries(3)`; the linear backoff is its `LinearBackOff`. */
@Supervisor()
class RestartStrategy {
  @Child(FailingWorker, { tries: 3, backoff: Backoff.linear({ stepMs: 100, maxMs: 1000 }) })
  worker!: ActorRef;
}

async function main(): Promise<void> {
  const system = await ActorSystem.start(RestartStrategy, { name: 'supervisor' });
  const worker = system.lookup('/supervisor/worker') as ActorRef;
  const deadLetters: DeadLetter[] = [];
  system.deadLetters$.subscribe((letter) => deadLetters.push(letter));

  const gaveUp = new Promise<void>((resolve) => {
    let failedAt = t0;
    let restarts = 0;
    system.events$.subscribe((event) => {
      const error = event.error instanceof Error ? `  ${event.error.message}` : '';
      if (event.type === 'failed') {
        failedAt = event.time;
        console.log(`${at(event.time)}  failed     ${event.path}${error}`);
      }
      if (event.type === 'restarted') {
        restarts++;
        const delay = `${event.time - failedAt} ms after the failure; linear backoff says ${Math.min(restarts * 100, 1000)} ms`;
        console.log(`${at(event.time)}  restarted  ${event.path} (restart ${restarts}, ${delay})`);
      }
      if (event.type === 'escalated') console.log(`${at(event.time)}  escalated  ${event.path}${error}`);
      if (event.type === 'stopped') {
        console.log(`${at(event.time)}  stopped    ${event.path} (reason: ${event.reason})`);
        if (event.reason === 'gave-up') resolve();
      }
    });
  });
  await gaveUp;

  console.log(`${at()}  lookup('/supervisor/worker') now: ${String(system.lookup('/supervisor/worker'))}`);
  console.log(`${at()}  telling the old ref one more Work: it is a dead-letter sink now`);
  worker.tell(new Work(0));

  console.log('dead letters:');
  for (const letter of deadLetters) {
    const work = letter.message as Work;
    const message = work.attempt === 0 ? 'Work (told after it gave up)' : `Work (attempt ${work.attempt})`;
    console.log(`  ${at(letter.time)}  '${letter.reason}'  ${letter.path}  ${message}`);
  }
  await system.shutdown();
  console.log(`${at()}  supervisor shut down, bye.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
