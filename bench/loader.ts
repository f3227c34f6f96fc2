// The load generator in a process of its own (pinned to its own core by bench/children.ts when the machine
// has two), so autocannon and the server under test never compete for one event loop or one core.
//
// One autocannon run per request: warm-up, then the measured window, on the same connections. A separate
// warm-up run would close its connections, and the measured run would open fifty new ones against a busy
// server; a Node server blocked on a query accepts them only between requests, so on the DB-backed staff
// page the first answer on some new connections took seconds and alone made up the p99. For the same
// reason the window opens only once the warm-up is over and every connection has had an answer.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { readCpuMs } from './children.ts';
import type { LoadFailure, LoadRequest, LoadResult } from './protocol.ts';

interface Window {
  /** In microseconds: Node's histogram records whole numbers, in constant memory however long the run. */
  latencies: RecordableHistogram;
  startedAt: number;
  loaderCpu: NodeJS.CpuUsage;
  serverCpuMs: number | undefined;
}

/** How long all connections may take to get their first answer before the run counts as failed. */
const SET_UP_LIMIT_SECONDS = 60;

async function run(request: LoadRequest): Promise<LoadResult> {
  let window: Window | undefined;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: request.url,
        headers: request.headers,
        connections: request.connections,
        // Stopped by us when the window closes; this is only the upper bound.
        duration: request.warmupSeconds + SET_UP_LIMIT_SECONDS + request.seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  const answered = new Set<unknown>();
  let warmedUp = false;
  const openWhenReady = () => {
    if (window || !warmedUp || answered.size < request.connections) return;
    window = {
      latencies: createHistogram(),
      startedAt: performance.now(),
      loaderCpu: process.cpuUsage(),
      serverCpuMs: request.serverPid === undefined ? undefined : readCpuMs(request.serverPid),
    };
    setTimeout(() => instance?.stop(), request.seconds * 1000);
  };
  const warmUp = setTimeout(() => {
    warmedUp = true;
    openWhenReady();
  }, request.warmupSeconds * 1000);
  instance?.on('response', (client, _status, _bytes, responseTimeMs) => {
    if (window) {
      window.latencies.record(Math.max(1, Math.round(responseTimeMs * 1000)));
      return;
    }
    answered.add(client);
    openWhenReady();
  });
  const result = await finished;
  clearTimeout(warmUp);
  if (!window)
    throw new Error(
      `only ${answered.size} of ${request.connections} connections had an answer within ${SET_UP_LIMIT_SECONDS} s`,
    );
  const wallMs = performance.now() - window.startedAt;
  const cpu = process.cpuUsage(window.loaderCpu);
  const serverCpuPct =
    request.serverPid === undefined || window.serverCpuMs === undefined
      ? undefined
      : (100 * (readCpuMs(request.serverPid) - window.serverCpuMs)) / wallMs;
  const { latencies } = window;
  let unexpected = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    if (Number(code) !== request.expectStatus) unexpected += stat.count ?? 0;
  return {
    type: 'result',
    id: request.id,
    reqPerSec: latencies.count / (wallMs / 1000),
    p50Ms: milliseconds(latencies.percentile(50)),
    p99Ms: milliseconds(latencies.percentile(99)),
    maxMs: milliseconds(latencies.max),
    requests: latencies.count,
    // Over the whole run, warm-up included: an error is an error whenever it happens.
    errors: result.errors + result.timeouts + unexpected,
    loaderCpuPct: (100 * (cpu.user + cpu.system)) / 1000 / wallMs,
    ...(serverCpuPct === undefined ? {} : { serverCpuPct }),
  };
}

/** Microseconds as milliseconds to a tenth (an empty histogram's max is 0). */
function milliseconds(microseconds: number): number {
  return Math.round(microseconds / 100) / 10;
}

if (!process.send) throw new Error('bench/loader.ts runs as a child of bench/run.ts (needs an IPC channel)');
process.on('message', (request: LoadRequest) => {
  run(request).then(
    (result) => process.send?.(result),
    (error: unknown) => {
      const failure: LoadFailure = { type: 'error', id: request.id, message: String(error) };
      process.send?.(failure);
    },
  );
});
process.on('disconnect', () => process.exit(0));
