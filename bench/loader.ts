// The load generator in a process of its own (pinned to its own core by bench/children.ts when the machine
// has two), so autocannon and the server under test never compete for one event loop or one core.
import autocannon from 'autocannon';
import type { LoadFailure, LoadRequest, LoadResult } from './protocol.ts';

async function run(request: LoadRequest): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await autocannon({
    url: request.url,
    headers: request.headers,
    connections: request.connections,
    duration: request.seconds,
    timeout: 10,
  });
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  let unexpected = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    if (Number(code) !== request.expectStatus) unexpected += stat.count ?? 0;
  return {
    type: 'result',
    id: request.id,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + unexpected,
    loaderCpuPct: (100 * (cpu.user + cpu.system)) / 1000 / wallMs,
  };
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
