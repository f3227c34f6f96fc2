// The benchmark suite (`npm run bench`): the public Globen page, its API and its 304 path next to a bare
// Fastify baseline; a staff page (uncached, DB-backed); public reads with staff writes at a steady rate;
// memory at idle and under load on PGlite and PostgreSQL; PGlite memory settings; and H1's situation
// bench. Rewrites bench/RESULTS.md.
// Fairness: each server is a child process pinned to core 0, autocannon a child pinned to core 1
// (bench/children.ts); baseline and app alternate round after round and the median round is reported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_MEMORY, type PGliteMemory } from '../src/db/connection.ts';
import { HttpStaffSession } from '../test/helpers/server-child.ts';
import {
  type Loader,
  type Memory,
  PINNING,
  readMemory,
  type ServerChild,
  startLoader,
  startServer,
} from './children.ts';
import { type BenchPostgres, startPostgres } from './postgres.ts';
import { copyPgliteDir, prepareDatabase, type StaffLogin } from './prepare.ts';
import type { LoadResult } from './protocol.ts';
import { BASELINE_PATH } from './protocol.ts';
import {
  type BackendRow,
  type CaseResult,
  type MachineInfo,
  type MixedResult,
  type PGliteVariantRow,
  type Run,
  renderResults,
} from './report.ts';
import { runSituationBench } from './situation/index.ts';
import { postShifts } from './writes.ts';

const RESULTS_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const PAGE_PATH = '/lpo/globen';
const API_PATH = '/api/v1/lpos/globen/promises/2026';
const STAFF_PATH = '/staff/globen/helginsats';

export interface Settings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  writesPerSecond: number;
  situation: boolean;
}

function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  return {
    seconds: positive(env.BENCH_SECONDS, 10, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP, 2, 'BENCH_WARMUP'),
    connections: 50,
    rounds: positive(env.BENCH_ROUNDS, 5, 'BENCH_ROUNDS'),
    writesPerSecond: positive(env.BENCH_WRITES_PER_SECOND, 10, 'BENCH_WRITES_PER_SECOND'),
    situation: env.BENCH_SITUATION !== '0',
  };
}

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** PGlite memory settings tried, each measured on its own server over the same data. */
const PGLITE_VARIANTS: { label: string; memory: PGliteMemory }[] = [
  { label: 'PGlite defaults (shared_buffers=128MB)', memory: { settings: [] } },
  { label: 'shared_buffers=32MB', memory: { settings: ['shared_buffers=32MB'] } },
  { label: 'shared_buffers=16MB', memory: { settings: ['shared_buffers=16MB'] } },
  {
    label: 'shared_buffers=8MB, work_mem=1MB, maintenance_work_mem=16MB',
    memory: { settings: ['shared_buffers=8MB', 'work_mem=1MB', 'maintenance_work_mem=16MB'] },
  },
  {
    label: 'wal_buffers=256kB, max_wal_size=64MB, min_wal_size=32MB',
    memory: { settings: ['wal_buffers=256kB', 'max_wal_size=64MB', 'min_wal_size=32MB'] },
  },
  {
    label: 'the default in src/db/connection.ts',
    memory: PGLITE_MEMORY,
  },
];

interface Case {
  id: string;
  label: string;
  server: 'app' | 'baseline';
  path: string;
  expectStatus: number;
  headers: () => Promise<Record<string, string>>;
  /** Concurrent connections, when not settings.connections. */
  connections?: number;
}

async function main(): Promise<void> {
  const settings = settingsFromEnv(process.env);
  const started = new Date();
  const loadBefore = os.loadavg();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mbl-bench-'));
  const children: { stop(): Promise<void> }[] = [];
  let postgres: BenchPostgres | undefined;
  try {
    log('Preparing a PGlite data folder (migrations, demo, a staff user)…');
    const template = path.join(dir, 'template');
    const login = await prepareDatabase({ pgliteDir: template });
    const loader = startLoader();
    children.push(loader);

    log('Starting the app (PGlite on disk)…');
    const app = await startServer('app', {
      BENCH_PGLITE_DIR: copyPgliteDir(template, path.join(dir, 'app')),
    });
    children.push(app);
    await sleep(1000);
    const appIdle = readMemory(app.pid);
    const page = await probe(`${app.origin}${PAGE_PATH}`, {}, 200);
    const api = await probe(`${app.origin}${API_PATH}`, {}, 200);
    if (!page.etag) throw new Error(`${PAGE_PATH} sent no ETag`);
    await probe(`${app.origin}${PAGE_PATH}`, { 'if-none-match': page.etag }, 304);
    const staff = await signIn(app.origin, login);
    const staffHeaders = { cookie: staff.cookieHeader() };
    await probe(`${app.origin}${STAFF_PATH}`, staffHeaders, 200);

    // The baseline sends the page's own bytes: the client decodes every body, and an all-ASCII body of the
    // same size decodes several times faster than Swedish text (autocannon spent 37 % of its time there).
    log(`Starting the baseline (the page's ${page.bytes} bytes as a constant)…`);
    const baselineBody = path.join(dir, 'baseline-body.html');
    writeFileSync(baselineBody, page.body);
    const baseline = await startServer('baseline', { BENCH_BODY_FILE: baselineBody });
    children.push(baseline);
    await sleep(1000);
    const baselineIdle = readMemory(baseline.pid);
    await probe(`${baseline.origin}${BASELINE_PATH}`, {}, 200);

    const none = async () => ({});
    const cases: Case[] = [
      {
        id: 'baseline',
        label: `Baseline: bare Fastify, the page's ${page.bytes} bytes as a constant body`,
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
      {
        id: 'staff',
        label: `GET ${STAFF_PATH} (signed in, uncached)`,
        server: 'app',
        path: STAFF_PATH,
        expectStatus: 200,
        headers: async () => staffHeaders,
      },
      {
        // A realistic staff load: ten people clicking at once, not fifty.
        id: 'staff10',
        label: `GET ${STAFF_PATH} (signed in, uncached), 10 connections`,
        server: 'app',
        path: STAFF_PATH,
        expectStatus: 200,
        headers: async () => staffHeaders,
        connections: 10,
      },
    ];
    const servers = { app, baseline };
    const runs = new Map<string, Run[]>(cases.map((c) => [c.id, []]));
    // Baseline and app alternate, round after round, so a noisy neighbour hurts both alike.
    for (let round = 1; round <= settings.rounds; round++) {
      for (const c of cases) {
        const server = servers[c.server];
        log(`Round ${round}/${settings.rounds}: ${c.label}…`);
        const result = await measure(loader, server, c.path, await c.headers(), c.expectStatus, {
          ...settings,
          connections: c.connections ?? settings.connections,
        });
        runs.get(c.id)?.push(result);
        log(`  ${describeRun(result)}`);
      }
    }
    const bodyBytes: Record<string, number> = {
      baseline: page.bytes,
      page: page.bytes,
      api: api.bytes,
      conditional: 0,
      staff: 0,
      staff10: 0,
    };
    const results: CaseResult[] = cases.map((c) => ({
      id: c.id,
      label: c.label,
      bytes: bodyBytes[c.id] ?? 0,
      expectStatus: c.expectStatus,
      runs: runs.get(c.id) ?? [],
    }));

    log(`Mixed: public reads with ${settings.writesPerSecond} shifts a second posted by staff…`);
    const mixed = await mixedLoad(loader, app, staff, settings);
    const appAfter = readMemory(app.pid);
    const baselineAfter = readMemory(baseline.pid);
    await app.stop();
    await baseline.stop();

    const backends: BackendRow[] = [
      backendRow('PGlite on disk', appIdle, appAfter, runs.get('page'), runs.get('staff'), undefined),
    ];
    postgres = await startPostgres();
    if (postgres) backends.push(await postgresRow(postgres, loader, settings));
    else log('No PostgreSQL (set BENCH_DATABASE_URL or install /usr/lib/postgresql/15): skipped.');

    const variants: PGliteVariantRow[] = [];
    for (const variant of PGLITE_VARIANTS) {
      log(`PGlite memory: ${variant.label}…`);
      variants.push(
        await pgliteVariant(
          variant,
          template,
          path.join(dir, `variant-${variants.length}`),
          login,
          loader,
          settings,
        ),
      );
    }

    let situation: string | undefined;
    if (settings.situation) {
      // H1's bench takes the same PostgreSQL server when it is ours.
      if (postgres && !process.env.BENCH_DATABASE_URL) process.env.BENCH_DATABASE_URL = postgres.serverUrl;
      log('Situation picture bench (bench/situation)…');
      situation = await runSituationBench();
    }

    const markdown = renderResults({
      machine: machineInfo(),
      started,
      finished: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      command: commandLine(),
      settings,
      pinned: PINNING !== undefined,
      results,
      mixed,
      baselineMemory: { idle: baselineIdle, after: baselineAfter },
      backends,
      variants,
      postgres: postgres?.describe,
      situation,
      logLevel: process.env.BENCH_LOG_LEVEL,
    });
    writeFileSync(RESULTS_PATH, markdown);
    log(`\n${markdown}`);
    log(`Wrote ${path.relative(process.cwd(), RESULTS_PATH)}`);
  } finally {
    for (const child of children.reverse()) await child.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  loader: Loader,
  server: ServerChild,
  urlPath: string,
  headers: Record<string, string>,
  expectStatus: number,
  settings: Settings,
  seconds = settings.seconds,
): Promise<LoadResult & { serverCpuPct: number }> {
  const result = await loader.load({
    url: `${server.origin}${urlPath}`,
    headers,
    connections: settings.connections,
    warmupSeconds: settings.warmupSeconds,
    seconds,
    expectStatus,
    serverPid: server.pid,
  });
  return { ...result, serverCpuPct: result.serverCpuPct ?? Number.NaN };
}

async function mixedLoad(
  loader: Loader,
  app: ServerChild,
  staff: HttpStaffSession,
  settings: Settings,
): Promise<MixedResult> {
  const [reads, writes] = await Promise.all([
    loader.load({
      url: `${app.origin}${PAGE_PATH}`,
      headers: {},
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      seconds: settings.seconds,
      expectStatus: 200,
    }),
    // The writes start when the reads' measured window does.
    sleep(settings.warmupSeconds * 1000).then(() =>
      postShifts(staff, { perSecond: settings.writesPerSecond, seconds: settings.seconds }),
    ),
  ]);
  log(
    `  reads: ${describeRun(reads)}; writes: ${writes.acknowledged} acknowledged, p99 ${writes.p99Ms.toFixed(0)} ms`,
  );
  return { reads, writes, writesPerSecond: settings.writesPerSecond };
}

async function postgresRow(postgres: BenchPostgres, loader: Loader, settings: Settings): Promise<BackendRow> {
  log(`PostgreSQL: ${postgres.describe}; preparing…`);
  const login = await prepareDatabase({ databaseUrl: postgres.databaseUrl });
  const app = await startServer('app', { BENCH_APP_DATABASE_URL: postgres.databaseUrl });
  try {
    await sleep(1000);
    const idle = readMemory(app.pid);
    const serverIdle = sumMemory(postgres.serverPids());
    const staff = await signIn(app.origin, login);
    const page = await measure(loader, app, PAGE_PATH, {}, 200, settings);
    log(`  page: ${describeRun(page)}`);
    const staffRun = await measure(loader, app, STAFF_PATH, { cookie: staff.cookieHeader() }, 200, settings);
    log(`  staff: ${describeRun(staffRun)}`);
    const after = readMemory(app.pid);
    return backendRow('PostgreSQL', idle, after, [page], [staffRun], {
      idleKiB: serverIdle,
      afterKiB: sumMemory(postgres.serverPids()),
    });
  } finally {
    await app.stop();
  }
}

async function pgliteVariant(
  variant: { label: string; memory: PGliteMemory },
  template: string,
  dir: string,
  login: StaffLogin,
  loader: Loader,
  settings: Settings,
): Promise<PGliteVariantRow> {
  const app = await startServer('app', {
    BENCH_PGLITE_DIR: copyPgliteDir(template, dir),
    BENCH_PGLITE_MEMORY: JSON.stringify(variant.memory),
  });
  try {
    await sleep(1000);
    const idle = readMemory(app.pid);
    const staff = await signIn(app.origin, login);
    const staffRun = await measure(loader, app, STAFF_PATH, { cookie: staff.cookieHeader() }, 200, settings);
    const after = readMemory(app.pid);
    log(
      `  idle ${(idle.rssKiB / 1024).toFixed(0)} MiB, after ${(after.rssKiB / 1024).toFixed(0)} MiB; staff ${describeRun(staffRun)}`,
    );
    return { label: variant.label, memory: variant.memory, idle, after, staff: staffRun };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function backendRow(
  label: string,
  idle: Memory,
  after: Memory,
  page: LoadResult[] | undefined,
  staff: LoadResult[] | undefined,
  databaseServer: { idleKiB: number; afterKiB: number } | undefined,
): BackendRow {
  return { label, idle, after, page: page ?? [], staff: staff ?? [], databaseServer };
}

function sumMemory(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += readMemory(pid).rssKiB;
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return total;
}

async function signIn(origin: string, login: StaffLogin): Promise<HttpStaffSession> {
  const session = new HttpStaffSession(origin);
  await session.signIn(login.email, login.password, login.totpSecret);
  return session;
}

async function probe(
  url: string,
  headers: Record<string, string>,
  expectStatus: number,
): Promise<{ body: Uint8Array; bytes: number; etag: string | null }> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== expectStatus)
    throw new Error(`${url} answered ${response.status}, expected ${expectStatus}`);
  return { body, bytes: body.byteLength, etag: response.headers.get('etag') };
}

function describeRun(run: LoadResult & { serverCpuPct?: number }): string {
  const cpu = run.serverCpuPct === undefined ? '' : `, CPU server ${run.serverCpuPct.toFixed(0)} %`;
  return (
    `${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.errors} errors${cpu}, ` +
    `autocannon ${run.loaderCpuPct.toFixed(0)} %`
  );
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
  const names = [
    'BENCH_SECONDS',
    'BENCH_WARMUP',
    'BENCH_ROUNDS',
    'BENCH_WRITES_PER_SECOND',
    'BENCH_SITUATION',
  ];
  const env = [...names, 'BENCH_LOG_LEVEL']
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
