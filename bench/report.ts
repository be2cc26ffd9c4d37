/**
 * Turns result rows into the printed tables, bench/results.json and bench/RESULTS.md.
 *
 * Two tables: every (workload, metric, subject) with its spread and number of runs, and
 * "rampart vs each", one line per (workload, metric) with every subject's median and, in
 * brackets, rampart ÷ that subject round by round (the median of rampart's run ÷ its run in
 * the same round): the "rampart / nact" figure.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { RunPlan } from './harness';
import type { ResultRow, TargetCheck, Workload } from './types';

const DETAIL_HEADERS = ['workload', 'metric', 'subject', 'median', 'unit', 'rampart ÷ it', 'median ÷ median', 'spread', 'runs'] as const;

/** `12.3 M`, `456.7 k`, or a plain number for small values and byte counts. */
export function formatValue(value: number, unit: string): string {
  if (unit.startsWith('bytes')) return value.toFixed(0);
  if (unit === 'x') return value.toPrecision(3);
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (Math.abs(value) >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(1);
}

/** `21.3x`, `2.53x`, `0.367x`: three significant digits. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toPrecision(3)}x`;
}

function medianCell(row: ResultRow): string {
  if (row.notApplicable !== undefined) return `n/a: ${row.notApplicable}`;
  if (row.median === null) return 'FAILED';
  return formatValue(row.median, row.unit);
}

function metricLabel(row: ResultRow, workloads: ReadonlyMap<string, Workload>): string {
  return workloads.get(row.workload)!.metrics.find((m) => m.key === row.metric)!.label;
}

function detailCells(row: ResultRow, workloads: ReadonlyMap<string, Workload>): string[] {
  const ratio = (value: number | null) => (row.subject === 'rampart' || value === null ? '-' : formatRatio(value));
  const spread =
    row.median === null || row.median === 0 || row.runs.length < 2
      ? '-'
      : `±${(((Math.max(...row.runs) - Math.min(...row.runs)) / 2 / row.median) * 100).toFixed(1)}%`;
  return [
    row.workload,
    metricLabel(row, workloads),
    row.subject,
    medianCell(row),
    row.unit,
    ratio(row.rampartRatio),
    ratio(row.ratioOfMedians),
    spread,
    String(row.runs.length),
  ];
}

/** The comparison columns: rampart's variants, the raw baselines, then the peers, each in order of first appearance. */
function otherSubjects(rows: readonly ResultRow[]): string[] {
  const ofKind = (kind: ResultRow['kind']) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.subject))];
  return [...ofKind('variant'), ...ofKind('raw'), ...ofKind('peer')];
}

function comparisonGrid(rows: readonly ResultRow[], workloads: ReadonlyMap<string, Workload>): string[][] {
  const others = otherSubjects(rows);
  const header = ['workload', 'metric', 'unit', 'rampart', ...others];
  const keys = [...new Set(rows.map((r) => `${r.workload}\u0000${r.metric}`))];
  const body = keys.map((key) => {
    const [workload, metric] = key.split('\u0000');
    const of = (subject: string) => rows.find((r) => r.workload === workload && r.metric === metric && r.subject === subject);
    const rampart = of('rampart')!;
    const cell = (subject: string): string => {
      const row = of(subject);
      if (!row) return '';
      const value = medianCell(row);
      return row.rampartRatio === null ? value : `${value} (${formatRatio(row.rampartRatio)})`;
    };
    return [workload, metricLabel(rampart, workloads), rampart.unit, medianCell(rampart), ...others.map(cell)];
  });
  return [header, ...body];
}

function textGrid(grid: readonly (readonly string[])[]): string {
  const widths = grid[0].map((_, i) => Math.max(...grid.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(grid[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...grid.slice(1).map(line)].join('\n');
}

function markdownGrid(grid: readonly (readonly string[])[]): string[] {
  const line = (r: readonly string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(grid[0]), line(grid[0].map(() => '---')), ...grid.slice(1).map(line)];
}

function detailGrid(rows: readonly ResultRow[], workloads: ReadonlyMap<string, Workload>): string[][] {
  return [[...DETAIL_HEADERS], ...rows.map((row) => detailCells(row, workloads))];
}

export const COMPARISON_LEGEND = [
  'Each cell: the median, and in brackets rampart ÷ that subject, measured in the same process: the median over the rounds of rampart\'s run ÷ its run in the same round.',
  'Throughput (ops/s): above 1x means rampart is faster. Heap (bytes/actor): below 1x means rampart is smaller.',
];

/** The fixed-width tables, for the terminal. */
export function textTables(rows: readonly ResultRow[], workloads: ReadonlyMap<string, Workload>): string {
  return [
    'All measurements:',
    textGrid(detailGrid(rows, workloads)),
    '',
    'rampart vs each:',
    ...COMPARISON_LEGEND,
    textGrid(comparisonGrid(rows, workloads)),
  ].join('\n');
}

export function textTargets(targets: readonly TargetCheck[]): string {
  return targets
    .map((t) => `${verdict(t)}  ${t.id}  ${t.description}  (actual: ${formatActual(t)})`)
    .join('\n');
}

/** PASS or FAIL; INFO for a figure reported with no target. */
function verdict(target: TargetCheck): string {
  if (target.informational) return 'INFO';
  return target.pass ? 'PASS' : 'FAIL';
}

function formatActual(target: TargetCheck): string {
  return target.actual === null ? 'not measured' : Number(target.actual.toPrecision(4)).toString();
}

/** One line on how many runs each kind of subject got. */
export function planLine(plan: RunPlan): string {
  const peers = Math.min(plan.peerRuns, plan.runs);
  return (
    `${plan.warmups} warm-up run(s) per subject, then ${plan.runs} measured runs of rampart and the raw baselines` +
    (peers < plan.runs ? ` and ${peers} of each slow peer library (fewer: they take most of the time; Piscina, fast, runs in every round)` : ' and of each peer') +
    '; medians shown.'
  );
}

function environment() {
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
  };
}

export function writeReports(
  dir: string,
  rows: readonly ResultRow[],
  targets: readonly TargetCheck[],
  workloads: ReadonlyMap<string, Workload>,
  plan: RunPlan,
): void {
  const env = environment();
  const json = { ...env, plan, results: rows, targets };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);

  const md = [
    '# rampart benchmark results',
    '',
    `Generated by \`npm run bench\` on ${env.generatedAt}: Node ${env.node}, ${env.cpus} × ${env.cpuModel}.`,
    planLine(plan),
    'Only ratios from one run are comparable; absolute numbers move with the machine\'s noise.',
    'This file is overwritten on every run. See README.md for what each workload does.',
    '',
    '## rampart vs each',
    '',
    ...COMPARISON_LEGEND.map((l) => `${l}  `),
    '',
    ...markdownGrid(comparisonGrid(rows, workloads)),
    '',
    '## Targets',
    '',
    ...(targets.length === 0
      ? ['No target is about the workloads that ran.']
      : [
          '| result | target | actual |',
          '| --- | --- | --- |',
          ...targets.map((t) => `| ${verdict(t)} | ${t.id}: ${t.description} | ${formatActual(t)} |`),
        ]),
    '',
    '## All measurements',
    '',
    ...markdownGrid(detailGrid(rows, workloads)),
    ...(failureList(rows).length > 0 ? ['', '## Failed subjects', '', ...failureList(rows)] : []),
    '',
  ];
  writeFileSync(join(dir, 'RESULTS.md'), md.join('\n'));
}

/** One line per failed (workload, subject): `- W1/rampart: <why>`. */
export function failureList(rows: readonly ResultRow[]): string[] {
  const lines = new Map<string, string>();
  for (const row of rows) {
    if (row.error !== undefined) lines.set(`${row.workload}/${row.subject}`, row.error);
  }
  return [...lines].map(([key, error]) => `- ${key}: ${error}`);
}
