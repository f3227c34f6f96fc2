// The benchmark suite (`npm run bench`): throughput and latency of the public Globen page, its API and its
// 304 path next to a bare Fastify baseline, plus the server's memory; writes bench/RESULTS.md.
// Each server runs in its own child process (node --import tsx bench/server.ts); autocannon runs here, so
// the load generator and the server never share an event loop. Traffic goes to 127.0.0.1 only.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Memory, readCpuMs, readMemory, type ServerChild, startServer } from './children.ts';
import { BASELINE_PATH } from './protocol.ts';
import { type CaseResult, type MachineInfo, type MemoryRow, type Run, renderResults } from './report.ts';

const RESULTS_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

export interface Settings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
}

function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  return {
    seconds: positive(env.BENCH_SECONDS, 10, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP, 2, 'BENCH_WARMUP'),
    connections: 50,
    rounds: 2,
  };
}

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

interface Case {
  id: string;
  label: string;
  server: 'app' | 'baseline';
  path: string;
  expectStatus: number;
  /** Request headers; for the conditional case filled in with the current ETag just before each run. */
  headers: () => Promise<Record<string, string>>;
}

const PAGE_PATH = '/lpo/globen';
const API_PATH = '/api/v1/lpos/globen/promises/2026';

async function main(): Promise<void> {
  const settings = settingsFromEnv(process.env);
  const started = new Date();
  const loadBefore = os.loadavg();
  const children: ServerChild[] = [];
  try {
    log('Starting the app (in-memory PGlite, demo loaded)…');
    const app = await startServer('app');
    children.push(app);
    await sleep(1000);
    const appIdle = readMemory(app.pid);

    const page = await probe(`${app.origin}${PAGE_PATH}`, {}, 200);
    const api = await probe(`${app.origin}${API_PATH}`, {}, 200);
    if (!page.etag) throw new Error(`${PAGE_PATH} sent no ETag`);
    await probe(`${app.origin}${PAGE_PATH}`, { 'if-none-match': page.etag }, 304);

    log(`Starting the baseline (constant body of ${page.bytes} bytes)…`);
    const baseline = await startServer('baseline', { BENCH_BODY_BYTES: String(page.bytes) });
    children.push(baseline);
    await sleep(1000);
    const baselineIdle = readMemory(baseline.pid);
    await probe(`${baseline.origin}${BASELINE_PATH}`, {}, 200);

    const origins = { app: app.origin, baseline: baseline.origin };
    const none = async () => ({});
    const cases: Case[] = [
      {
        id: 'baseline',
        label: `Baseline: bare Fastify, constant ${page.bytes}-byte body`,
        server: 'baseline',
        path: BASELINE_PATH,
        expectStatus: 200,
        headers: none,
      },
      {
        id: 'page',
        label: `GET ${PAGE_PATH}`,
        server: 'app',
        path: PAGE_PATH,
        expectStatus: 200,
        headers: none,
      },
      {
        id: 'api',
        label: `GET ${API_PATH}`,
        server: 'app',
        path: API_PATH,
        expectStatus: 200,
        headers: none,
      },
      {
        id: 'conditional',
        label: `GET ${PAGE_PATH} with If-None-Match (304)`,
        server: 'app',
        path: PAGE_PATH,
        expectStatus: 304,
        // The page is rendered again every minute; its ETag only changes if its content does.
        headers: async () => {
          const current = await probe(`${app.origin}${PAGE_PATH}`, {}, 200);
          return current.etag ? { 'if-none-match': current.etag } : {};
        },
      },
    ];
    const bytes: Record<string, number> = {
      baseline: page.bytes,
      page: page.bytes,
      api: api.bytes,
      conditional: 0,
    };

    const runs = new Map<string, Run[]>(cases.map((c) => [c.id, []]));
    // Baseline and app alternate, round after round, so a noisy neighbour hurts both alike.
    for (let round = 1; round <= settings.rounds; round++) {
      for (const c of cases) {
        const url = `${origins[c.server]}${c.path}`;
        const headers = await c.headers();
        log(`Round ${round}/${settings.rounds}: ${c.label} (warm-up ${settings.warmupSeconds} s)…`);
        await load(url, headers, settings.warmupSeconds, settings.connections);
        const pid = c.server === 'app' ? app.pid : baseline.pid;
        const serverCpuBefore = readCpuMs(pid);
        const loaderCpuBefore = process.cpuUsage();
        const wallBefore = performance.now();
        const result = await load(url, headers, settings.seconds, settings.connections);
        const wallMs = performance.now() - wallBefore;
        const loaderCpu = process.cpuUsage(loaderCpuBefore);
        const cpu = {
          server: (100 * (readCpuMs(pid) - serverCpuBefore)) / wallMs,
          loader: (100 * (loaderCpu.user + loaderCpu.system)) / 1000 / wallMs,
        };
        const run = toRun(result, c.expectStatus, round, cpu);
        runs.get(c.id)?.push(run);
        log(
          `  ${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.errors} errors, ` +
            `CPU server ${run.serverCpuPct.toFixed(0)} %, autocannon ${run.loaderCpuPct.toFixed(0)} %`,
        );
      }
    }
    const appAfter = readMemory(app.pid);
    const baselineAfter = readMemory(baseline.pid);

    const results: CaseResult[] = cases.map((c) => ({
      id: c.id,
      label: c.label,
      bytes: bytes[c.id] ?? 0,
      expectStatus: c.expectStatus,
      runs: runs.get(c.id) ?? [],
    }));
    const memory: MemoryRow[] = [
      memoryRow('App (real app, PGlite in memory, demo loaded)', appIdle, appAfter),
      memoryRow('Baseline (bare Fastify)', baselineIdle, baselineAfter),
    ];
    const markdown = renderResults({
      machine: machineInfo(),
      started,
      finished: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      command: commandLine(),
      settings,
      results,
      memory,
      logLevel: process.env.BENCH_LOG_LEVEL,
    });
    writeFileSync(RESULTS_PATH, markdown);
    log(`\n${markdown}`);
    log(`Wrote ${path.relative(process.cwd(), RESULTS_PATH)}`);
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

async function probe(
  url: string,
  headers: Record<string, string>,
  expectStatus: number,
): Promise<{ bytes: number; etag: string | null }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== expectStatus)
    throw new Error(`${url} answered ${response.status}, expected ${expectStatus}`);
  return { bytes: body.byteLength, etag: response.headers.get('etag') };
}

function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({ url, headers, connections, duration: seconds, timeout: 10 });
}

function toRun(
  result: autocannon.Result,
  expectStatus: number,
  round: number,
  cpu: { server: number; loader: number },
): Run {
  let unexpected = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    if (Number(code) !== expectStatus) unexpected += stat.count ?? 0;
  return {
    round,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    // Connection errors (timeouts included) plus responses with another status than expected.
    errors: result.errors + unexpected,
    serverCpuPct: cpu.server,
    loaderCpuPct: cpu.loader,
  };
}

function memoryRow(label: string, idle: Memory, after: Memory): MemoryRow {
  return {
    label,
    idleKiB: idle.rssKiB,
    peakBeforeKiB: idle.peakKiB,
    afterKiB: after.rssKiB,
    peakKiB: after.peakKiB,
  };
}

function machineInfo(): MachineInfo {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}

function commandLine(): string {
  const env = ['BENCH_SECONDS', 'BENCH_WARMUP', 'BENCH_LOG_LEVEL']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const run =
    process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node --import tsx bench/run.ts';
  return `${env}${run}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message: string): void {
  console.log(message);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
