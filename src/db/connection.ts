// One Kysely instance over either the embedded PGlite (default, files in DATA_DIR) or a PostgreSQL
// server (DATABASE_URL). Both return `date` columns as 'YYYY-MM-DD' strings: a date is a calendar
// day in Stockholm, and turning it into a JS Date would shift it by the process's time zone.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './types.ts';

const DATE_OID = 1082;

export interface DatabaseTarget {
  databaseUrl?: string | undefined;
  /** PGlite folder; ignored when databaseUrl is set. `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up message (never the password). */
  describe: string;
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.databaseUrl) {
    pg.types.setTypeParser(DATE_OID, (value) => value);
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle connection the server closes (restart, failover, DROP DATABASE ... FORCE) must not crash the
    // process: the pool replaces it on the next query. Unhandled, this event would be thrown.
    pool.on('error', (error) => {
      console.error(`PostgreSQL connection lost: ${error.message}`);
    });
    const url = new URL(target.databaseUrl);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      kind: 'postgres',
      describe: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
    };
  }
  const dir = target.pgliteDir ?? path.resolve('data', 'pglite');
  if (!dir.startsWith('memory://')) mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir, { parsers: { [DATE_OID]: (value: string) => value } });
  return {
    db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }),
    kind: 'pglite',
    describe: `PGlite ${dir}`,
  };
}
