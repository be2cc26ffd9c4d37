/**
 * Autoscale: a group that grows under a burst of work and shrinks back when it is over,
 * driven by the resizer (Bastion's `OptimalSizeExploringResizer` parameters).
 *
 *   /autoscale              root supervisor
 *   └── /autoscale/crunchers   a group of 2 … 10 crunchers, round-robin
 *
 *   resize: { min: 2, max: 10, mailboxThreshold: 5, upscaleRate: 0.5, downscaleRate: 0.5, intervalMs: 100 }
 *
 * Every 100 ms the resizer looks at the group. While the average mailbox is over 5 queued
 * jobs it adds ceil(size · 0.5) members (2 → 3 → 5 → 8 → 10); once every member is idle it
 * removes ceil(size · 0.5) members, highest indices first, each with a graceful stop
 * (10 → 5 → 2). A producer sends 20 jobs every 100 ms for 1.2 s; each job takes 50 ms,
 * so two crunchers handle 40 jobs/s and ten handle 200 jobs/s. The console shows every
 * resize (from `events$`) and, every 250 ms, the size, the queue and the jobs done.
 * Real time; the program exits by itself when the group is back at its minimum.
 *
 *   npm run sample:autoscale
 */
import { ActorSystem, Child, Context, On, Supervisor } from '../lib';
import type { GroupRef, SystemEvent, TreeNode } from '../lib';

const BATCHES = 12;
const BATCH_SIZE = 20;
const BATCH_EVERY_MS = 100;
const JOB_MS = 50;
const JOBS = BATCHES * BATCH_SIZE;
const MIN = 2;

const t0 = Date.now();
const at = (): string => `+${String(Date.now() - t0).padStart(5)} ms`;
const say = (line: string): void => console.log(`${at()}  ${line}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Job {
  constructor(readonly n: number) {}
}

/** Jobs done, by member path (members come and go; the counts stay). */
const donePerMember = new Map<string, number>();
let done = 0;

class Cruncher {
  @On(Job)
  async crunch(_job: Job, ctx: Context): Promise<void> {
    await sleep(JOB_MS);
    donePerMember.set(ctx.path, (donePerMember.get(ctx.path) ?? 0) + 1);
    done++;
  }
}

@Supervisor()
class Autoscale {
  @Child(Cruncher, {
    redundancy: MIN,
    resize: { min: MIN, max: 10, mailboxThreshold: 5, upscaleRate: 0.5, downscaleRate: 0.5, intervalMs: 100 },
  })
  crunchers!: GroupRef<Job>;
}

/** A `resized` event, as the group emits it: `message` is `{ from, to }`. */
function isResize(event: SystemEvent): event is SystemEvent & { message: { from: number; to: number } } {
  return event.type === 'resized';
}

function queued(system: ActorSystem, path: string): number {
  const find = (node: TreeNode): TreeNode | undefined =>
    node.path === path ? node : node.children.reduce<TreeNode | undefined>((hit, child) => hit ?? find(child), undefined);
  return find(system.tree())?.mailboxSize ?? 0;
}

async function main(): Promise<void> {
  const system = await ActorSystem.start(Autoscale, { name: 'autoscale' });
  const crunchers = system.lookup<Job>('/autoscale/crunchers') as GroupRef<Job>;
  const status = (): string =>
    `size ${String(crunchers.size).padStart(2)}, queued ${String(queued(system, crunchers.path)).padStart(3)}, done ${String(done).padStart(3)}/${JOBS}`;

  const sizes: number[] = [crunchers.size];
  let downscales = 0;
  system.events$.subscribe((event) => {
    if (!isResize(event) || event.path !== crunchers.path) return;
    const { from, to } = event.message;
    sizes.push(to);
    if (event.reason === 'downscale') downscales++;
    say(`resized ${event.reason?.padEnd(9)} ${String(from).padStart(2)} → ${String(to).padStart(2)}   (${status()})`);
  });

  say(`started: ${crunchers.path} with ${crunchers.size} members; a burst of ${BATCHES} × ${BATCH_SIZE} jobs of ${JOB_MS} ms begins`);
  const poll = setInterval(() => say(`        ${status()}`), 250);

  let n = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    for (let i = 0; i < BATCH_SIZE; i++) crunchers.tell(new Job(++n));
    await sleep(BATCH_EVERY_MS);
  }
  say(`burst over: ${n} jobs sent`);

  // Wait until every job is done and the resizer has brought the group back to its minimum.
  const deadline = Date.now() + 15_000;
  while ((done < JOBS || crunchers.size > MIN || downscales === 0) && Date.now() < deadline) await sleep(50);
  clearInterval(poll);

  say(`settled: ${status()}`);
  say(`sizes over time: ${sizes.join(' → ')} (peak ${Math.max(...sizes)})`);
  const members = [...donePerMember].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  say(`jobs per member: ${members.map(([path, count]) => `${path.split('/').pop()}:${count}`).join('  ')}`);

  const ok = done === JOBS && crunchers.size === MIN && Math.max(...sizes) > MIN && downscales > 0;
  await system.shutdown();
  say(ok ? 'grew under load, shrank back when idle; system shut down, bye.' : 'UNEXPECTED: the group did not grow and shrink back as described');
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
