/**
 * Entry point of `npm run bench`.
 *
 *   npm run bench                      every workload
 *   npm run bench -- W1                one workload (ids are case-insensitive; several allowed)
 *   npm run bench -- W3 --runs 15      more measured runs of rampart and the raw baselines (default 9)
 *   npm run bench -- W1 --peer-runs 9  more measured runs of nact, comedy and xstate (default 5)
 *   npm run bench -- --warmups 2       warm-up runs per subject (default 1)
 *
 * Each workload runs in its own Node process (see isolation.ts). Prints progress to stderr,
 * the table and the target checks to stdout, and overwrites bench/results.json and
 * bench/RESULTS.md. Always exits 0: benchmarks are not tests.
 */
import { RUN_TIMEOUT_MS, RunPlan } from './harness';
import { runIsolated } from './isolation';
import { failureList, planLine, textTables, textTargets, writeReports } from './report';
import { checkTargets } from './targets';
import type { ResultRow, Workload } from './types';
import { canCollectGarbage } from './support/measure';
import { workloads } from './workloads';

interface Options {
  readonly selected: readonly Workload[];
  readonly plan: RunPlan;
}

function parseArgs(argv: readonly string[]): Options {
  let runs = 9;
  let peerRuns = 5;
  let warmups = 1;
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') runs = positiveInt(arg, argv[++i], 1);
    else if (arg === '--peer-runs') peerRuns = positiveInt(arg, argv[++i], 1);
    else if (arg === '--warmups') warmups = positiveInt(arg, argv[++i], 0);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (known: --runs N, --peer-runs N, --warmups N)`);
    else ids.push(arg.toUpperCase());
  }
  const known = workloads.map((w) => w.id);
  const unknown = ids.filter((id) => !known.some((k) => k.toUpperCase() === id));
  if (unknown.length > 0) throw new Error(`unknown workload ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const selected = ids.length === 0 ? workloads : workloads.filter((w) => ids.includes(w.id.toUpperCase()));
  return { selected, plan: { runs, peerRuns, warmups, runTimeoutMs: RUN_TIMEOUT_MS } };
}

function positiveInt(option: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${option} needs an integer >= ${min}, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { selected, plan } = parseArgs(process.argv.slice(2));
  if (!canCollectGarbage()) {
    process.stderr.write('warning: no global.gc (run with --expose-gc); heap numbers will be noise\n');
  }
  const started = Date.now();
  const rows: ResultRow[] = [];
  for (const workload of selected) rows.push(...(await runIsolated(workload, plan)));
  const byId = new Map(selected.map((w) => [w.id, w] as const));
  const targets = checkTargets(rows);

  console.log(`\nrampart benchmarks (${((Date.now() - started) / 1000).toFixed(0)} s, Node ${process.version})`);
  console.log(`${planLine(plan)}\n`);
  console.log(textTables(rows, byId));
  const failed = failureList(rows);
  if (failed.length > 0) console.log(`\nFailed subjects:\n${failed.join('\n')}`);
  if (targets.length > 0) console.log(`\nTargets (bench/targets.ts):\n${textTargets(targets)}`);
  writeReports(__dirname, rows, targets, byId, plan);
  console.log('\nWrote bench/results.json and bench/RESULTS.md');
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
  })
  // A run abandoned on timeout may leave timers behind; benchmarks always exit 0.
  .finally(() => process.exit(0));
