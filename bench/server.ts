// A server under test, run as a child process of bench/run.ts so the load generator does not share its
// event loop. `app`: the real app (real clock) over the database the parent prepared: PGlite on disk in
// BENCH_PGLITE_DIR (with BENCH_PGLITE_MEMORY settings), or PostgreSQL at BENCH_APP_DATABASE_URL.
// `baseline`: bare Fastify, one route sending the bytes of BENCH_BODY_FILE (the page under test) as a constant.
// Listens on 127.0.0.1 only, on a free port, which it reports to the parent over IPC.
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.tsx';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type PGliteMemory } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { BASELINE_PATH, type ServerMessage } from './protocol.ts';

async function startApp(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  // The parent prepared the database (migrated, demo loaded, a staff user): this opens it as `serve` does.
  const memory = process.env.BENCH_PGLITE_MEMORY;
  const handle = openDatabase({
    databaseUrl: process.env.BENCH_APP_DATABASE_URL || undefined,
    pgliteDir: process.env.BENCH_PGLITE_DIR ?? 'memory://',
    ...(memory ? { pgliteMemory: JSON.parse(memory) as PGliteMemory } : {}),
  });
  await migrateToLatest(handle.db);
  const config = loadConfig({});
  // Request logging is off by default, as in the tests; BENCH_LOG_LEVEL=info measures the cost of the
  // production default (log lines go to the child's stdout, which the parent discards).
  const level = process.env.BENCH_LOG_LEVEL;
  const app = await buildApp({
    db: handle.db,
    config,
    logger: level ? { level } : false,
    databaseKind: handle.kind,
    sessionSecret: 'bench-session-secret-bench-session-secret',
  });
  return { app, close: () => handle.db.destroy() };
}

function startBaseline(): { app: FastifyInstance; close: () => Promise<void> } {
  const file = process.env.BENCH_BODY_FILE;
  if (!file) throw new Error('BENCH_BODY_FILE must name the file whose bytes the baseline sends');
  const body = readFileSync(file);
  const app = Fastify({ logger: false });
  app.get(BASELINE_PATH, (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
  return { app, close: async () => {} };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'app' && mode !== 'baseline') throw new Error(`Unknown mode "${mode}" (app or baseline)`);
  if (!process.send)
    throw new Error('bench/server.ts runs as a child of bench/run.ts (needs an IPC channel)');
  const { app, close } = mode === 'app' ? await startApp() : startBaseline();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // Exit even if closing hangs.
    setTimeout(() => process.exit(1), 3000).unref();
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  // The parent went away (crash, Ctrl-C): never outlive it.
  process.on('disconnect', () => void shutdown());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('No TCP address');
  const message: ServerMessage = { type: 'listening', port: address.port };
  process.send(message);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
