/**
 * Worker pool: a parallel map-reduce over a group of eight workers, after Bastion's
 * parallel_computation example (a mapper hands values to a pool of redundant workers,
 * each worker doubles what it gets, and the mapper sums the answers).
 *
 *   /pool               root supervisor
 *   └── /pool/workers   a group of 8 identical workers (`redundancy: 8`), round-robin
 *       ├── /pool/workers/0
 *       ├── …
 *       └── /pool/workers/7
 *
 * The mapper (main) splits the numbers 1 … 1,000,000 into 32 chunks and `ask`s the group
 * for each chunk's partial sum of doubled values. The group routes each ask to one member,
 * in rotation, so every member gets four chunks. The asks are all in flight at once, and
 * the members work through their own mailboxes independently. The mapper then reduces the
 * partial sums, prints which member did what, and checks the total against the closed
 * form 2 · n(n + 1)/2 = n(n + 1). A member skips a chunk whose ask has already timed out
 * (`ctx.signal.aborted`): work nobody waits for is not done.
 *
 *   npm run sample:worker-pool
 */
import { ActorSystem, Child, Context, On, Supervisor } from '../lib';
import type { GroupRef } from '../lib';

const NUMBERS = 1_000_000;
const CHUNKS = 32;
const WORKERS = 8;

/** One slice of the input: the map step's unit of work. */
class Chunk {
  constructor(
    readonly index: number,
    readonly numbers: readonly number[],
  ) {}
}

/** A worker's answer: the sum of the doubled numbers of one chunk. */
class PartialSum {
  constructor(
    readonly chunk: number,
    readonly sum: number,
    readonly size: number,
    readonly worker: string,
  ) {}
}

/** A member of the pool: a plain class; the group runs eight instances of it. */
class Worker {
  @On(Chunk)
  sum(chunk: Chunk, ctx: Context): PartialSum | undefined {
    // The mapper gave up on this chunk (its ask timed out while the chunk waited in this
    // member's mailbox): nobody waits for the answer, so skip the work.
    if (ctx.signal.aborted) return undefined;
    let sum = 0;
    for (const n of chunk.numbers) sum += n * 2;
    return new PartialSum(chunk.index, sum, chunk.numbers.length, ctx.path);
  }
}

@Supervisor()
class Pool {
  /** The runtime sets this to the group's ref before the pool starts. */
  @Child(Worker, { redundancy: WORKERS, dispatch: 'round-robin' }) workers!: GroupRef<Chunk>;
}

/** Splits `numbers` into `count` chunks of (nearly) equal size. */
function split(numbers: readonly number[], count: number): Chunk[] {
  const size = Math.ceil(numbers.length / count);
  const chunks: Chunk[] = [];
  for (let i = 0; i < count; i++) chunks.push(new Chunk(i, numbers.slice(i * size, (i + 1) * size)));
  return chunks;
}

async function main(): Promise<void> {
  const system = await ActorSystem.start(Pool, { name: 'pool' });
  const workers = system.lookup<Chunk>('/pool/workers') as GroupRef<Chunk>;
  console.log(`mapper:  ${workers.path} has ${workers.size} members: ${workers.members.map((m) => m.path.split('/').pop()).join(', ')}`);

  const numbers = Array.from({ length: NUMBERS }, (_, i) => i + 1);
  const chunks = split(numbers, CHUNKS);
  console.log(`mapper:  ${NUMBERS.toLocaleString('en-US')} numbers in ${chunks.length} chunks of ${chunks[0].numbers.length.toLocaleString('en-US')}, asking the group for each partial sum`);

  // Map: every ask is in flight at once; the group spreads them over its members.
  const started = Date.now();
  const partials = await Promise.all(chunks.map((chunk) => workers.ask<PartialSum>(chunk)));
  const elapsed = Date.now() - started;

  // Who did what.
  const byWorker = new Map<string, PartialSum[]>();
  for (const partial of partials) {
    const done = byWorker.get(partial.worker) ?? [];
    done.push(partial);
    byWorker.set(partial.worker, done);
  }
  console.log('');
  for (const [worker, done] of [...byWorker].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const subtotal = done.reduce((acc, p) => acc + p.sum, 0);
    console.log(`  ${worker.padEnd(17)} chunks ${done.map((p) => String(p.chunk).padStart(2)).join(' ')}   subtotal ${subtotal.toLocaleString('en-US').padStart(19)}`);
  }
  console.log('');

  // Reduce.
  const total = partials.reduce((acc, p) => acc + p.sum, 0);
  const counted = partials.reduce((acc, p) => acc + p.size, 0);
  const expected = NUMBERS * (NUMBERS + 1);
  console.log(`reducer: ${counted.toLocaleString('en-US')} numbers doubled and summed in ${elapsed} ms: ${total.toLocaleString('en-US')}`);

  const evenShare = CHUNKS / WORKERS;
  const fair = byWorker.size === WORKERS && [...byWorker.values()].every((done) => done.length === evenShare);
  console.log(`check:   total ${total === expected ? '==' : '!='} n(n + 1) = ${expected.toLocaleString('en-US')}; ` +
    `round-robin gave ${fair ? `every member exactly ${evenShare} chunks` : 'an uneven share'}`);

  await system.shutdown();
  console.log('mapper:  system shut down, bye.');
  if (total !== expected || counted !== NUMBERS || !fair) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
