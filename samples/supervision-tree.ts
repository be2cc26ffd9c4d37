/**
 * Supervision tree: a flaky worker, exponential backoff, a supervisor that gives up, and
 * a root that restarts the whole subtree.
 *
 *   /app                 root supervisor (one-for-one)
 *   └── /app/pipeline    supervisor, maxRestarts: 2 within 1 s
 *       ├── /app/pipeline/flaky    fails its first three jobs; Backoff.exponential 20 ms, ×2
 *       └── /app/pipeline/ledger   a steady sibling
 *
 * The flaky worker fails job 1 and job 2 and is restarted after 20 ms, then 40 ms. Job 3 is
 * its third failure within the second: the pipeline gives up, stops its children and
 * escalates. The root restarts the pipeline, so the whole subtree starts fresh, and job 4,
 * which waited in the worker's mailbox all along, is handled by the new instance.
 * Every step is printed from `system.events$`.
 *
 *   npm run sample:supervision-tree
 */
import { ActorRef, ActorSystem, Backoff, Child, Context, On, Supervisor } from '../lib';
import type { SystemEvent } from '../lib';

class Job {
  constructor(readonly n: number) {}
}

const t0 = Date.now();
const at = (time = Date.now()): string => `+${String(time - t0).padStart(4)} ms`;
const say = (line: string): void => console.log(`${at()}  ${line}`);

/** The outage lasts for three jobs, whichever instance gets them. */
let failuresLeft = 3;
let instances = 0;

class FlakyWorker {
  private readonly instance = ++instances;

  beforeStart(ctx: Context): void {
    say(`  beforeStart  ${ctx.path} (instance #${this.instance})`);
  }

  afterRestart(ctx: Context): void {
    say(`  afterRestart ${ctx.path} (instance #${this.instance}, restart ${ctx.restarts})`);
  }

  @On(Job)
  work(job: Job): string {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error(`job ${job.n}: the database is down`);
    }
    return `job ${job.n} done by instance #${this.instance}`;
  }
}

class Ledger {
  beforeStart(ctx: Context): void {
    say(`  beforeStart  ${ctx.path}`);
  }

  afterStop(ctx: Context): void {
    say(`  afterStop    ${ctx.path}`);
  }

  @On(Job)
  record(job: Job): void {
    say(`  ledger recorded job ${job.n}`);
  }
}

@Supervisor({ strategy: 'one-for-one', maxRestarts: 2, withinMs: 1000 })
class Pipeline {
  @Child(FlakyWorker, { backoff: Backoff.exponential({ initialMs: 20, factor: 2, maxMs: 500 }) })
  flaky!: ActorRef<Job>;

  @Child(Ledger) ledger!: ActorRef<Job>;

  beforeStart(ctx: Context): void {
    say(`  beforeStart  ${ctx.path}`);
  }

  afterRestart(ctx: Context): void {
    say(`  afterRestart ${ctx.path} (the subtree starts fresh)`);
  }
}

@Supervisor({ strategy: 'one-for-one', maxRestarts: 3, withinMs: 5000 })
class App {
  @Child(Pipeline) pipeline!: ActorRef;
}

/** One line per event; a restart shows the delay since the failure that caused it. */
function narrate(): (event: SystemEvent) => void {
  const failedAt = new Map<string, number>();
  return (event) => {
    const error = event.error instanceof Error ? `${event.error.name}: ${event.error.message}` : '';
    switch (event.type) {
      case 'failed':
        failedAt.set(event.path, event.time);
        console.log(`${at(event.time)}  failed       ${event.path}  ${error}`);
        break;
      case 'restarted': {
        const since = failedAt.get(event.path);
        const delay = since === undefined ? 'fresh, with its parent\'s subtree' : `${event.time - since} ms after its failure`;
        console.log(`${at(event.time)}  restarted    ${event.path}  (${delay})`);
        failedAt.delete(event.path);
        break;
      }
      case 'escalated':
        console.log(`${at(event.time)}  escalated    ${event.path}  ${error}`);
        break;
      case 'dead-letter':
        console.log(`${at(event.time)}  dead letter  ${event.path}  '${event.reason}': job ${(event.message as Job).n}`);
        break;
      default:
        console.log(`${at(event.time)}  ${event.type.padEnd(12)} ${event.path}${event.reason ? ` (${event.reason})` : ''}`);
    }
  };
}

async function main(): Promise<void> {
  say('starting the tree');
  const system = await ActorSystem.start(App, { name: 'app' });
  system.events$.subscribe(narrate());
  const flaky = system.lookup<Job>('/app/pipeline/flaky') as ActorRef<Job>;
  const pipelineBack = new Promise<void>((resolve) => {
    const watch = system.events$.subscribe((event) => {
      if (event.type === 'restarted' && event.path === '/app/pipeline') {
        watch.unsubscribe();
        resolve();
      }
    });
  });

  say('sending jobs 1, 2 and 3 (tell) and job 4 (ask)');
  for (const n of [1, 2, 3]) flaky.tell(new Job(n));
  const answer = await flaky.ask<string>(new Job(4), { timeoutMs: 2000 });
  say(`answer to job 4: "${answer}"`);
  await pipelineBack;

  const tree = system.tree();
  const pipeline = tree.children[0];
  say(`tree: ${pipeline.path} restarts=${pipeline.restarts}, ` +
    pipeline.children.map((child) => `${child.path} restarts=${child.restarts}`).join(', '));
  await system.shutdown();
  say('system shut down, bye.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
