// bench/RESULTS.md from one benchmark run.

export interface Run {
  round: number;
  /** Mean of autocannon's per-second samples. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  /** CPU time of the server process (all threads) over the run, in % of one core. */
  serverCpuPct: number;
  /** CPU time of this process (autocannon) over the run, in % of one core. */
  loaderCpuPct: number;
}

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

export interface MemoryRow {
  label: string;
  idleKiB: number;
  /** VmHWM at the idle sample: the peak of start-up (migrations, demo load). */
  peakBeforeKiB: number;
  afterKiB: number;
  peakKiB: number;
}

export interface ResultsInput {
  machine: MachineInfo;
  started: Date;
  finished: Date;
  loadBefore: number[];
  loadAfter: number[];
  command: string;
  settings: { seconds: number; warmupSeconds: number; connections: number; rounds: number };
  results: CaseResult[];
  memory: MemoryRow[];
  logLevel: string | undefined;
}

/** Targets from issue 7. */
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 20;

/** The run with the most requests per second. */
export function bestRun(result: CaseResult): Run | undefined {
  return result.runs.reduce<Run | undefined>(
    (best, run) => (!best || run.reqPerSec > best.reqPerSec ? run : best),
    undefined,
  );
}

export function renderResults(input: ResultsInput): string {
  const { machine, settings } = input;
  const baseline = input.results.find((r) => r.id === 'baseline');
  const baselineRate = baseline ? (bestRun(baseline)?.reqPerSec ?? 0) : 0;
  const ratio = (rate: number) => (baselineRate > 0 ? rate / baselineRate : Number.NaN);
  const totalErrors = (r: CaseResult) => r.runs.reduce((sum, run) => sum + run.errors, 0);

  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Written by \`npm run bench\` (bench/run.ts). Do not edit by hand; run it again.`, '');
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
    `- autocannon ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s measured per case; ` +
      `${settings.rounds} rounds, baseline and app alternating (baseline, page, API, 304, then again)`,
  );
  lines.push(
    '- Each server runs in its own child process (`node --import tsx bench/server.ts`), listening on 127.0.0.1; ' +
      'autocannon runs in the parent process, so load generator and server do not share an event loop ' +
      '(they do share the machine).',
  );
  lines.push(
    `- App: the real \`buildApp\` over an in-memory PGlite with the demo loaded, real clock, request logging ${input.logLevel ? `at level ${input.logLevel} (to /dev/null)` : 'off (as in the tests)'}.`,
  );
  lines.push('');

  lines.push('## Throughput and latency', '');
  lines.push(`Best of ${settings.rounds} runs (highest req/s) per case; errors summed over all runs.`, '');
  const summary: string[][] = [];
  for (const r of input.results) {
    const best = bestRun(r);
    if (!best) continue;
    summary.push([
      r.label,
      String(r.bytes),
      String(r.expectStatus),
      formatRate(best.reqPerSec),
      String(best.p50Ms),
      String(best.p99Ms),
      String(totalErrors(r)),
      ratio(best.reqPerSec).toFixed(2),
    ]);
  }
  lines.push(
    ...table(
      ['Case', 'Body bytes', 'Status', 'req/s', 'p50 ms', 'p99 ms', 'Errors', 'Ratio to baseline'],
      summary,
    ),
    '',
  );

  lines.push('Every run:', '');
  const every = input.results.flatMap((r) =>
    r.runs.map((run) => [
      r.id,
      String(run.round),
      formatRate(run.reqPerSec),
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

  lines.push('## Server memory', '');
  lines.push(
    'Read from outside the server process: `/proc/<pid>/status` of the child (VmRSS; peak is VmHWM). ' +
      'Idle: one second after it started listening, before any request. After load: right after the last run. ' +
      'Peak before load is VmHWM at the idle sample, i.e. start-up (migrations, demo load for the app).',
    '',
  );
  const memoryRows = input.memory.map((m) => [
    m.label,
    mib(m.idleKiB),
    mib(m.peakBeforeKiB),
    mib(m.afterKiB),
    mib(m.peakKiB),
  ]);
  const memoryHeader = ['Process', 'RSS idle MiB', 'Peak before load MiB', 'RSS after load MiB'];
  lines.push(...table([...memoryHeader, 'Peak at end MiB'], memoryRows), '');

  const page = input.results.find((r) => r.id === 'page');
  const pageBest = page ? bestRun(page) : undefined;
  const allErrors = input.results.reduce((sum, r) => sum + totalErrors(r), 0);
  lines.push('## Targets (issue 7)', '');
  if (pageBest) {
    const pageRatio = ratio(pageBest.reqPerSec);
    lines.push(
      `- Page ≥ ${TARGET_RATIO}× baseline: ${pageRatio.toFixed(2)}× — ${pageRatio >= TARGET_RATIO ? 'met' : 'missed'}`,
    );
    lines.push(
      `- Page p99 < ${TARGET_P99_MS} ms: ${pageBest.p99Ms} ms — ${pageBest.p99Ms < TARGET_P99_MS ? 'met' : 'missed'}`,
    );
  }
  lines.push(`- 0 errors: ${allErrors} over all cases and runs — ${allErrors === 0 ? 'met' : 'missed'}`);
  lines.push('');

  lines.push('## How to read these figures', '');
  lines.push(
    '- The machine is shared and noisy, and absolute req/s depend on it: compare **ratios** to the baseline ' +
      'measured in the same run, not absolute numbers across runs or machines.',
    '- The baseline is the ceiling for this body size on this machine: bare Fastify sending a constant ' +
      'string of the same length as the Globen page. A ratio near 1 means the app adds little per request ' +
      '(routing, helmet headers, the page-cache lookup, the ETag check); the page is served from the ' +
      'in-memory cache, rendered again at most once a minute.',
    '- The 304 case sends the current ETag in If-None-Match: no body, so it can exceed the baseline.',
    '- The baseline body is ASCII; the page holds å/ä/ö, so Node encodes it to UTF-8 on every send. ' +
      'The 304 case, with no body at all, shows how much of the gap is per-request work instead.',
    '- p50/p99 are autocannon latencies with 50 concurrent connections, i.e. they include queueing; ' +
      'with 50 connections, p99 mostly reflects how long a request waits behind the others.',
    '- CPU columns: CPU time over wall time of the measured run, in % of one core (100 % = one core busy). ' +
      'A server near 100 % is the bottleneck; autocannon near 100 % means the load generator limits ' +
      'the figure (then the true ceiling is higher). Both share the same cores with other users.',
    '- Errors are connection errors and timeouts plus any response whose status is not the expected one.',
    '- Memory: RSS includes the tsx loader used to run TypeScript (the baseline carries it too); the ' +
      'difference between app and baseline is roughly what the app, PGlite and its data cost.',
    '- A quick run: `BENCH_SECONDS=2 BENCH_WARMUP=1 npm run bench` (figures then noisier).',
  );
  lines.push('');
  return lines.join('\n');
}

/** A Markdown table laid out as Biome formats it: first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cell = (text: string, i: number, right: boolean) => {
    const width = widths[i] ?? 0;
    return right ? text.padStart(width) : text.padEnd(width);
  };
  return [
    line(header.map((h, i) => cell(h, i, false))),
    line(widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))),
    ...rows.map((row) => line(header.map((_h, i) => cell(row[i] ?? '', i, i > 0)))),
  ];
}

function formatRate(rate: number): string {
  return Math.round(rate).toString();
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
