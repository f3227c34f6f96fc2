// `db backup` and `db restore`: a round trip keeps every row of every table, and a file that is not a
// backup is refused without touching the target. PGlite always; PostgreSQL when TEST_DATABASE_URL is set.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/db/seed/index.ts';
import type { Database } from '../src/db/types.ts';
import { createAreasService } from '../src/modules/areas/service.ts';
import { createPromisesService } from '../src/modules/promises/service.ts';
import { TEST_TODAY } from './helpers/app.ts';

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-backup-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function loadDemoInto(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  const areas = createAreasService(db);
  const promises = createPromisesService(db, { areas, clock: () => TEST_TODAY, suppressionThreshold: 5 });
  await loadDemo(db, { areas, promises }, TEST_TODAY);
}

/** Per table in the public schema: its row count and a digest of its rows in a stable order. */
async function snapshot(db: Kysely<Database>): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_catalog.pg_tables where schemaname = 'public' order by tablename`.execute(db);
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { tablename } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(tablename)}`.execute(db);
    const lines = rows.rows.map((row) => JSON.stringify(row)).sort();
    result[tablename] = {
      rows: lines.length,
      digest: createHash('sha256').update(lines.join('\n')).digest('hex'),
    };
  }
  return result;
}

async function snapshotPglite(pgliteDir: string) {
  const handle = openDatabase({ pgliteDir });
  try {
    return await snapshot(handle.db);
  } finally {
    await handle.db.destroy();
  }
}

async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/medborgarlofte.js', ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('PGlite backup and restore', () => {
  let source: string;
  let file: string;
  let before: Record<string, { rows: number; digest: string }>;

  beforeAll(async () => {
    source = path.join(dir, 'source', 'pglite');
    const handle = openDatabase({ pgliteDir: source });
    await loadDemoInto(handle.db);
    before = await snapshot(handle.db);
    await handle.db.destroy();
    file = path.join(dir, 'demo.backup');
  }, 120_000);

  it('restores every row of every table', async () => {
    const started = Date.now();
    const backup = await backupDatabase({ pgliteDir: source }, file);
    const backupMs = Date.now() - started;
    expect(backup).toMatchObject({ kind: 'pglite', bytes: statSync(file).size });
    const target = path.join(dir, 'restored', 'pglite');
    const restoreStarted = Date.now();
    expect(await restoreDatabase({ pgliteDir: target }, file)).toEqual({ kind: 'pglite' });
    console.log(
      `PGlite demo backup: ${backup.bytes} bytes in ${backupMs} ms; restore in ${Date.now() - restoreStarted} ms`,
    );
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(before.kysely_migration?.rows).toBeGreaterThan(0);
    expect(await snapshotPglite(target)).toEqual(before);
    expect(readdirSync(path.dirname(target))).toEqual(['pglite']);
  }, 120_000);

  it('will not replace a database without --force, and keeps the old folder with it', async () => {
    const target = path.join(dir, 'occupied', 'pglite');
    const handle = openDatabase({ pgliteDir: target });
    await migrateToLatest(handle.db);
    const empty = await snapshot(handle.db);
    await handle.db.destroy();
    await expect(restoreDatabase({ pgliteDir: target }, file)).rejects.toThrow(
      /already holds a database.*--force/,
    );
    expect(await snapshotPglite(target)).toEqual(empty);

    const now = new Date('2026-11-25T12:00:00Z');
    const result = await restoreDatabase({ pgliteDir: target }, file, { force: true, now });
    const aside = `${target}.before-restore-2026-11-25T12-00-00-000Z`;
    expect(result).toEqual({ kind: 'pglite', movedAside: aside });
    expect(await snapshotPglite(target)).toEqual(before);
    expect(await snapshotPglite(aside)).toEqual(empty);
  }, 120_000);

  it('refuses a file that is not a backup, or is missing, and leaves the target untouched', async () => {
    const notABackup = path.join(dir, 'not-a-backup.tar.gz');
    writeFileSync(notABackup, 'hello, this is not a database\n'.repeat(40));
    const target = path.join(dir, 'untouched', 'pglite');
    const handle = openDatabase({ pgliteDir: target });
    await migrateToLatest(handle.db);
    const empty = await snapshot(handle.db);
    await handle.db.destroy();
    const listing = readdirSync(path.dirname(target));

    await expect(restoreDatabase({ pgliteDir: target }, notABackup, { force: true })).rejects.toThrow(
      /is not a PGlite backup/,
    );
    await expect(restoreDatabase({ pgliteDir: target }, path.join(dir, 'nope.backup'))).rejects.toThrow(
      /nope\.backup does not exist/,
    );
    expect(readdirSync(path.dirname(target))).toEqual(listing);
    expect(await snapshotPglite(target)).toEqual(empty);
  }, 120_000);

  it('runs from the command line, with exit code 1 and a clear message on a bad file', async () => {
    const dataDir = path.join(dir, 'cli-data');
    const restored = await cli({ DATA_DIR: dataDir }, 'db', 'restore', file);
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.stdout).toContain('Restored the PGlite database');
    const backup = await cli({ DATA_DIR: dataDir }, 'db', 'backup', path.join(dir, 'cli.backup'));
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toMatch(/Backed up the PGlite database to .*cli\.backup/);
    expect(existsSync(path.join(dir, 'cli.backup'))).toBe(true);

    const bad = await cli({ DATA_DIR: dataDir }, 'db', 'restore', '--force', 'package.json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: package.json is not a PGlite backup');
    const missing = await cli({ DATA_DIR: path.join(dir, 'empty-data') }, 'db', 'backup', 'x.backup');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/there is no database in .* to back up/);
  }, 120_000);
});

// The server half runs in CI's PostgreSQL pass (TEST_DATABASE_URL), where every suite runs on the server.
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) describePostgres(serverUrl);

function describePostgres(serverUrl: string): void {
  describe('PostgreSQL backup and restore', () => {
    const names: string[] = [];

    async function admin(query: string): Promise<void> {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    }

    async function freshDatabase(): Promise<string> {
      const name = `mbl_test_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      names.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    }

    async function snapshotPostgres(databaseUrl: string) {
      const handle = openDatabase({ databaseUrl });
      try {
        return await snapshot(handle.db);
      } finally {
        await handle.db.destroy();
      }
    }

    afterAll(async () => {
      for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });

    it('restores every row of every table into another database', async () => {
      const sourceUrl = await freshDatabase();
      const handle = openDatabase({ databaseUrl: sourceUrl });
      await loadDemoInto(handle.db);
      const before = await snapshot(handle.db);
      await handle.db.destroy();

      const file = path.join(dir, 'postgres.backup');
      const started = Date.now();
      const backup = await backupDatabase({ databaseUrl: sourceUrl, pgliteDir: '' }, file);
      console.log(`PostgreSQL demo backup: ${backup.bytes} bytes in ${Date.now() - started} ms`);
      const targetUrl = await freshDatabase();
      await restoreDatabase({ databaseUrl: targetUrl, pgliteDir: '' }, file);
      expect(before.kysely_migration?.rows).toBeGreaterThan(0);
      expect(await snapshotPostgres(targetUrl)).toEqual(before);

      // Again over a database that already has data: --clean replaces it.
      await restoreDatabase({ databaseUrl: targetUrl, pgliteDir: '' }, file);
      expect(await snapshotPostgres(targetUrl)).toEqual(before);
    }, 120_000);

    it('refuses a file that is not a backup and leaves the database untouched', async () => {
      const targetUrl = await freshDatabase();
      const handle = openDatabase({ databaseUrl: targetUrl });
      await migrateToLatest(handle.db);
      const empty = await snapshot(handle.db);
      await handle.db.destroy();
      const notABackup = path.join(dir, 'not-a-dump');
      writeFileSync(notABackup, 'PGDMX nothing here');
      await expect(restoreDatabase({ databaseUrl: targetUrl, pgliteDir: '' }, notABackup)).rejects.toThrow(
        /is not a PostgreSQL backup/,
      );
      await expect(
        restoreDatabase({ databaseUrl: targetUrl, pgliteDir: '' }, path.join(dir, 'missing')),
      ).rejects.toThrow(/missing does not exist/);
      // Looks like a dump but is cut short: pg_restore fails, and the single transaction rolls back.
      writeFileSync(notABackup, 'PGDMP\u0001\u000e\u0000 truncated');
      await expect(restoreDatabase({ databaseUrl: targetUrl, pgliteDir: '' }, notABackup)).rejects.toThrow(
        /pg_restore failed/,
      );
      expect(await snapshotPostgres(targetUrl)).toEqual(empty);
    }, 120_000);
  });
}
