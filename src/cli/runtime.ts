// Opening the database with its services, and running the server with a clean shutdown.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { buildApp } from '../app.tsx';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadDemo } from '../db/seed/index.ts';
import type { Database } from '../db/types.ts';
import { createAreasService } from '../modules/areas/service.ts';
import { createAuthService } from '../modules/auth/service.ts';
import { createPromisesService } from '../modules/promises/service.ts';
import { createMailWorker } from '../modules/updates/mail-worker.ts';

export async function openServices(config: Config) {
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
  });
  const migrated = await migrateToLatest(handle.db);
  const areas = createAreasService(handle.db);
  const promises = createPromisesService(handle.db, {
    areas,
    clock: () => new Date(),
    suppressionThreshold: config.suppressionThreshold,
  });
  const auth = createAuthService(handle.db);
  return {
    db: handle.db as Kysely<Database>,
    handle,
    migrated,
    services: { areas, promises, auth },
    close: () => handle.db.destroy(),
  };
}

export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const runtime = await openServices(config);
  if (options.demo) {
    const report = await loadDemo(runtime.db, runtime.services);
    if (report.loaded.length > 0) console.log(`Loaded demo data: ${report.loaded.join(', ')}`);
  }
  const app = await buildApp({
    db: runtime.db,
    config,
    logger: { level: config.logLevel },
    databaseKind: runtime.handle.kind,
    sessionSecret: config.sessionSecret ?? sessionSecretIn(config.dataDir),
  });
  // Subscriptions exist only with an SMTP server; its worker sends their queued mails.
  const mailWorker = config.smtpUrl
    ? createMailWorker(runtime.db, {
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        log: app.log,
        purge: () => app.services.updates.purgeExpired(),
      })
    : undefined;
  mailWorker?.start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await mailWorker?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(
    `\nMedborgarlöfte is running (${runtime.handle.describe}).\nOpen http://${shownHost}:${config.port}/\n`,
  );
}

/** A session secret kept beside the embedded database, so sign-ins survive a restart without set-up. */
function sessionSecretIn(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
