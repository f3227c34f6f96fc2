// One Kysely instance over either the embedded PGlite (default, files in DATA_DIR) or a PostgreSQL
// server (DATABASE_URL). Both return `date` columns as 'YYYY-MM-DD' strings: a date is a calendar
// day in Stockholm, and turning it into a JS Date would shift it by the process's time zone.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './types.ts';

const DATE_OID = 1082;

export interface DatabaseTarget {
  databaseUrl?: string | undefined;
  /** PGlite folder; ignored when databaseUrl is set. `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  /** PGlite's memory settings; PGLITE_MEMORY by default (the benchmark measures others). */
  pgliteMemory?: PGliteMemory;
}

export interface PGliteMemory {
  /** PostgreSQL settings as `name=value`, given at start (-c), never written to the data folder. */
  settings: readonly string[];
}

/**
 * PGlite's shared_buffers default (128 MB) is most of its resident memory, and our data fits a small
 * fraction of it: 16 MB cut idle RSS by ~120 MiB with no measurable slowdown (bench/RESULTS.md,
 * "PGlite memory settings"; the other settings tried changed nothing measurable).
 */
export const PGLITE_MEMORY: PGliteMemory = { settings: ['shared_buffers=16MB'] };

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
  const memory = target.pgliteMemory ?? PGLITE_MEMORY;
  const pglite = new PGlite(dir, {
    parsers: { [DATE_OID]: (value: string) => value },
    extensions: { pg_trgm },
    // As start parameters: PGlite's `postgresqlconf` option would replace the folder's whole postgresql.conf.
    startParams: [...PGlite.defaultStartParams, ...memory.settings.flatMap((setting) => ['-c', setting])],
  });
  return {
    db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }),
    kind: 'pglite',
    describe: `PGlite ${dir}`,
  };
}
