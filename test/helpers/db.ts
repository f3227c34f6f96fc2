// A fresh, migrated database per test file: PGlite in memory by default, or a new database on the
// PostgreSQL server named by TEST_DATABASE_URL (CI runs the whole suite both ways).
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/types.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** The connection URL when on a server (for child processes), else undefined. */
  url: string | undefined;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = openDatabase({ pgliteDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { db: handle.db, kind: 'pglite', url: undefined, close: () => handle.db.destroy() };
  }
  const name = `mbl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(handle.db);
  return {
    db: handle.db,
    kind: 'postgres',
    url: url.toString(),
    close: async () => {
      await handle.db.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
