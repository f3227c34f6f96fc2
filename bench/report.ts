// bench/RESULTS.md from one benchmark run.
import type { PGliteMemory } from '../src/db/connection.ts';
import type { Memory } from './children.ts';
import type { LoadResult } from './protocol.ts';
import type { WriteStats } from './writes.ts';

export type Run = LoadResult & { serverCpuPct: number };

export interface CaseResult {
  id: string;
  label: string;
  bytes: number;
  expectStatus: number;
  runs: Run[];
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
}

export interface MixedResult {
  reads: LoadResult;
  writes: WriteStats;
  writesPerSecond: number;
}

export interface BackendRow {
  label: string;
  idle: Memory;
  after: Memory;
  page: LoadResult[];
  staff: LoadResult[];
  /** RSS of the PostgreSQL server's processes (summed), for the server backend. */
  databaseServer: { idleKiB: number; afterKiB: number } | undefined;
}

export interface PGliteVariantRow {
  label: string;
  memory: PGliteMemory;
  idle: Memory;
  after: Memory;
  staff: LoadResult;
}

export interface ResultsInput {
  machine: MachineInfo;
  started: Date;
  finished: Date;
  loadBefore: number[];
  loadAfter: number[];
  command: string;
  settings: { seconds: number; warmupSeconds: number; connections: number; rounds: number };
  pinned: boolean;
  results: CaseResult[];
  mixed: MixedResult;
  baselineMemory: { idle: Memory; after: Memory };
  backends: BackendRow[];
  variants: PGliteVariantRow[];
  postgres: string | undefined;
  situation: string | undefined;
  logLevel: string | undefined;
}

/** Targets from issue 7. */
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 20;
const TARGET_STAFF_RATE = 200;
const TARGET_STAFF_P99_MS = 500;

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median over rounds of (case req/s ÷ baseline req/s in the same round). */
function medianRatio(runs: Run[], baseline: Run[]): number {
  return median(runs.map((run, i) => run.reqPerSec / (baseline[i]?.reqPerSec ?? Number.NaN)));
}

export function renderResults(input: ResultsInput): string {
  const { machine, settings } = input;
  const byId = new Map(input.results.map((r) => [r.id, r]));
  const baselineRuns = byId.get('baseline')?.runs ?? [];
  const errorsOf = (r: CaseResult) => r.runs.reduce((sum, run) => sum + run.errors, 0);

  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push('Written by `npm run bench` (bench/run.ts). Do not edit by hand; run it again.', '');
  lines.push('## Machine and run', '');
  lines.push(`- CPU: ${machine.cpu}, ${machine.cores} cores available to Node`);
  lines.push(`- Memory: ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB`);
  lines.push(`- Node: ${machine.node} on ${machine.platform}`);
  lines.push(`- Date: ${input.started.toISOString()} to ${input.finished.toISOString()}`);
  lines.push(
    `- Load average (1/5/15 min) before: ${formatLoad(input.loadBefore)}; after: ${formatLoad(input.loadAfter)}`,
  );
  lines.push(`- Command: \`${input.command}\``);
  lines.push(
    `- autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s ` +
      'measured per run, on the same connections (one autocannon run; only answers after the warm-up, once every ' +
      'connection has had one, count) ' +
      `(the staff page also at 10); ${settings.rounds} rounds, baseline and app alternating (baseline, page, API, 304, staff pages, ` +
      'then again); the tables give the **median** round.',
  );
  lines.push(
    input.pinned
      ? '- Each server runs in its own child process pinned to core 0 (`taskset`); autocannon runs in another child ' +
          'pinned to core 1: load generator and server share neither an event loop nor a core.'
      : '- Each server and autocannon run in child processes of their own (not pinned: one core or no `taskset`).',
  );
  lines.push(
    '- App: the real `buildApp` over PGlite on disk with the Globen demo loaded (a copy of one prepared data ' +
      `folder per server), real clock, request logging ${input.logLevel ? `at level ${input.logLevel} (to /dev/null)` : 'off (as in the tests)'}.`,
  );
  if (input.postgres) lines.push(`- PostgreSQL: ${input.postgres}.`);
  lines.push('');

  lines.push('## Throughput and latency', '');
  const summary: string[][] = [];
  for (const r of input.results) {
    summary.push([
      r.label,
      String(r.bytes),
      String(r.expectStatus),
      rate(median(r.runs.map((run) => run.reqPerSec))),
      String(median(r.runs.map((run) => run.p50Ms))),
      String(median(r.runs.map((run) => run.p99Ms))),
      String(errorsOf(r)),
      r.id === 'baseline' ? '1.00' : medianRatio(r.runs, baselineRuns).toFixed(2),
    ]);
  }
  lines.push(
    ...table(
      ['Case', 'Body bytes', 'Status', 'req/s', 'p50 ms', 'p99 ms', 'Errors', 'Ratio to baseline'],
      summary,
    ),
    '',
  );
  lines.push(
    'Every run (the ratio column of the table above is the median of each round’s app ÷ baseline):',
    '',
  );
  const every = input.results.flatMap((r) =>
    r.runs.map((run, i) => [
      r.id,
      String(i + 1),
      rate(run.reqPerSec),
      String(run.p50Ms),
      String(run.p99Ms),
      String(run.maxMs),
      String(run.requests),
      String(run.errors),
      pct(run.serverCpuPct),
      pct(run.loaderCpuPct),
    ]),
  );
  const everyHeader = ['Case', 'Round', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'Requests', 'Errors'];
  lines.push(...table([...everyHeader, 'Server CPU', 'autocannon CPU'], every), '');

  const { reads, writes } = input.mixed;
  lines.push('## Mixed load: public reads while staff write', '');
  lines.push(
    `autocannon reads \`/lpo/globen\` with ${settings.connections} connections while one signed-in officer posts a ` +
      `weekend shift ${input.mixed.writesPerSecond} times a second (each write clears the public page cache, so the ` +
      `page is rendered again after it), for ${settings.seconds} s.`,
    '',
  );
  lines.push(
    ...table(
      ['Side', 'Requests', 'req/s', 'p50 ms', 'p99 ms', 'Errors'],
      [
        [
          'Public reads',
          String(reads.requests),
          rate(reads.reqPerSec),
          String(reads.p50Ms),
          String(reads.p99Ms),
          String(reads.errors),
        ],
        [
          'Staff writes (303)',
          String(writes.sent),
          (writes.acknowledged / settings.seconds).toFixed(1),
          writes.p50Ms.toFixed(0),
          writes.p99Ms.toFixed(0),
          String(writes.errors),
        ],
      ],
    ),
    '',
  );

  lines.push('## Memory and backends', '');
  lines.push(
    'RSS of the app server process, read from outside (`/proc/<pid>/status`: VmRSS, peak = VmHWM). Idle: one ' +
      'second after it listened, before any request. After load: after its runs. For PostgreSQL the server’s own ' +
      'processes (postmaster and backends, summed RSS, shared memory counted in each) are listed apart.',
    '',
  );
  const backendRows = input.backends.map((b) => [
    b.label,
    mib(b.idle.rssKiB),
    mib(b.after.rssKiB),
    mib(b.after.peakKiB),
    b.databaseServer
      ? `${mib(b.databaseServer.idleKiB)} / ${mib(b.databaseServer.afterKiB)}`
      : '(in the app)',
    rate(median(b.page.map((r) => r.reqPerSec))),
    rate(median(b.staff.map((r) => r.reqPerSec))),
    String(median(b.staff.map((r) => r.p99Ms))),
  ]);
  backendRows.push([
    'Baseline (bare Fastify)',
    mib(input.baselineMemory.idle.rssKiB),
    mib(input.baselineMemory.after.rssKiB),
    mib(input.baselineMemory.after.peakKiB),
    '',
    '',
    '',
    '',
  ]);
  lines.push(
    ...table(
      [
        'Backend',
        'RSS idle MiB',
        'RSS after load MiB',
        'Peak MiB',
        'DB server idle / after MiB',
        'Page req/s',
        'Staff req/s',
        'Staff p99 ms',
      ],
      backendRows,
    ),
    '',
  );

  lines.push('## PGlite memory settings', '');
  lines.push(
    'Each setting on its own server over a copy of the same data: RSS idle, then after the staff-page load ' +
      '(the DB-backed path). Settings are PostgreSQL start parameters (`-c name=value` after PGlite’s own). ' +
      'PGlite’s WebAssembly heap cannot start below its 128 MiB default (`initialMemory` smaller fails to ' +
      'start). The last row is what src/db/connection.ts uses.',
    '',
  );
  lines.push(
    ...table(
      ['Setting', 'RSS idle MiB', 'RSS after load MiB', 'Peak MiB', 'Staff req/s', 'Staff p99 ms', 'Errors'],
      input.variants.map((v) => [
        v.label,
        mib(v.idle.rssKiB),
        mib(v.after.rssKiB),
        mib(v.after.peakKiB),
        rate(v.staff.reqPerSec),
        String(v.staff.p99Ms),
        String(v.staff.errors),
      ]),
    ),
    '',
  );

  const pageRuns = byId.get('page')?.runs ?? [];
  const staffRuns = byId.get('staff')?.runs ?? [];
  const staff10Runs = byId.get('staff10')?.runs ?? [];
  const pageRatio = medianRatio(pageRuns, baselineRuns);
  const pageP99 = median(pageRuns.map((r) => r.p99Ms));
  const staffRate = median(staffRuns.map((r) => r.reqPerSec));
  const staffP99 = median(staffRuns.map((r) => r.p99Ms));
  const allErrors = input.results.reduce((sum, r) => sum + errorsOf(r), 0) + reads.errors + writes.errors;
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  lines.push('## Targets (issue 7)', '');
  lines.push(
    `- Page ≥ ${TARGET_RATIO}× baseline: ${pageRatio.toFixed(2)}× — ${verdict(pageRatio >= TARGET_RATIO)}`,
  );
  lines.push(`- Page p99 < ${TARGET_P99_MS} ms: ${pageP99} ms — ${verdict(pageP99 < TARGET_P99_MS)}`);
  lines.push(
    `- Staff page ≥ ${TARGET_STAFF_RATE} req/s with p99 < ${TARGET_STAFF_P99_MS} ms: ${rate(staffRate)} req/s, p99 ${staffP99} ms — ` +
      verdict(staffRate >= TARGET_STAFF_RATE && staffP99 < TARGET_STAFF_P99_MS),
  );
  const staff10Rate = median(staff10Runs.map((r) => r.reqPerSec));
  const staff10P99 = median(staff10Runs.map((r) => r.p99Ms));
  lines.push(
    `- The same at 10 connections: ${rate(staff10Rate)} req/s, p99 ${staff10P99} ms — ` +
      verdict(staff10Rate >= TARGET_STAFF_RATE && staff10P99 < TARGET_STAFF_P99_MS),
  );
  lines.push(
    `- 0 errors: ${allErrors} over all cases, rounds and the mixed load — ${verdict(allErrors === 0)}`,
  );
  lines.push('');

  lines.push('## How to read these figures', '');
  lines.push(
    '- Compare **ratios** to the baseline measured in the same run, not absolute req/s across runs or machines.',
    '- The baseline is the ceiling for this page here: bare Fastify sending the page’s own bytes as a constant ' +
      '(a body of the same length in plain ASCII would be unfair: autocannon decodes every body, and Swedish text ' +
      'decodes several times slower than ASCII). The page is served from the in-memory page cache (rendered ' +
      'again at most once a minute, or after a write), so a ratio near 1 means the app adds little per request: ' +
      'routing, security headers, the cache lookup and the ETag check.',
    '- Warm-up on the same connections: a Node server that is busy with database work accepts new connections ' +
      'only between requests, so fifty connections opened at once against the saturated staff page wait up to ' +
      'seconds for their first answer. Measured after the warm-up, the figures are of the steady state; a ' +
      'separate warm-up run (as before) put that set-up into the p99.',
    '- The 304 case sends the current ETag in If-None-Match: no body, so it can exceed the baseline.',
    '- p50/p99 are autocannon latencies at 50 concurrent connections, so they include queueing.',
    '- CPU columns: CPU time over wall time of the measured run, in % of one core. A server near 100 % is the ' +
      'bottleneck; autocannon near 100 % would mean the load generator limits the figure.',
    '- Errors: connection errors and timeouts plus any answer with another status than expected.',
    '- Memory includes the tsx loader that runs TypeScript (the baseline carries it too).',
    '- Quick run while others use the machine: `BENCH_SECONDS=3 BENCH_WARMUP=1 BENCH_ROUNDS=3 BENCH_SITUATION=0 npm run bench`. ' +
      '`BENCH_CPU_PROF=1` writes a CPU profile of each server to /tmp (`node --cpu-prof`).',
    '- Memory over time under load: `npm run bench:soak` (bench/SOAK.md; `BENCH_SOAK_MINUTES` to shorten).',
  );
  lines.push('');
  if (input.situation) lines.push(input.situation.trim(), '');
  return lines.join('\n');
}

/** A Markdown table laid out as Biome formats it: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cell = (text: string, i: number, right: boolean) => {
    const width = widths[i] ?? 0;
    return right ? text.padStart(width) : text.padEnd(width);
  };
  return [
    line(header.map((h, i) => cell(h, i, i > 0))),
    line(widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))),
    ...rows.map((row) => line(header.map((_h, i) => cell(row[i] ?? '', i, i > 0)))),
  ];
}

function rate(value: number): string {
  return Number.isNaN(value) ? '' : Math.round(value).toString();
}

function formatLoad(load: number[]): string {
  return load.map((v) => v.toFixed(2)).join(' / ');
}

function pct(value: number): string {
  return `${Math.round(value)} %`;
}

function mib(kib: number): string {
  return (kib / 1024).toFixed(1);
}
