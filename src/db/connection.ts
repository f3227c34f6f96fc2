// One Kysely instance over either the embedded PGlite (default, files in DATA_DIR) or a PostgreSQL
// server (DATABASE_URL). Both return `date` columns as 'YYYY-MM-DD' strings: a date is a calendar
// day in Stockholm, and turning it into a JS Date would shift it by the process's time zone.
// Both also take `COPY ... FROM STDIN` with the rows as the query's one parameter (copyFromBinary).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CompiledQuery,
  Kysely,
  type PGlite as KyselyPGlite,
  PGliteDialect,
  type PGliteQueryOptions,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type FolderLock, lockFolder } from './folder-lock.ts';
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

/**
 * For a bulk load in a process of its own (`import events`): PGlite's default shared_buffers. With 16 MB,
 * COPY into the event table and the rollup refresh evict and read back pages through PGlite's file
 * system: a 200,000-event import took about 1.7× as long, with the same peak RSS (bench/situation).
 */
export const PGLITE_BULK_MEMORY: PGliteMemory = { settings: ['shared_buffers=128MB'] };

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
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyingPool(pool) }) }),
      kind: 'postgres',
      describe: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
    };
  }
  const dir = target.pgliteDir ?? path.resolve('data', 'pglite');
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.dirname(dir), { recursive: true });
  const lock = inMemory ? undefined : lockFolder(dir);
  const memory = target.pgliteMemory ?? PGLITE_MEMORY;
  const pglite = new PGlite(dir, {
    parsers: { [DATE_OID]: (value: string) => value },
    extensions: { pg_trgm },
    // As start parameters: PGlite's `postgresqlconf` option would replace the folder's whole postgresql.conf.
    startParams: [...PGlite.defaultStartParams, ...memory.settings.flatMap((setting) => ['-c', setting])],
  });
  return {
    db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite: copyingPGlite(pglite, lock) }) }),
    kind: 'pglite',
    describe: `PGlite ${dir}`,
  };
}

/**
 * `COPY table (columns) FROM STDIN` with the rows in COPY's binary format (header, rows, trailer) as its
 * one parameter. Run it with `trx.executeQuery(...)`: it goes over the transaction's own connection, which
 * streams the bytes itself, as neither driver takes COPY through Kysely.
 */
export function copyFromBinary(table: string, columns: readonly string[], rows: Uint8Array): CompiledQuery {
  return CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin with (format binary)`, [rows]);
}

const COPY_FROM_STDIN = /^copy [a-z_]+ \([a-z_, ]+\) from stdin with \(format binary\)$/;

/** The rows of a copyFromBinary query, or undefined for any other query. */
function copyRows(statement: string, parameters: readonly unknown[] | undefined): Uint8Array | undefined {
  const rows = parameters?.[0];
  return parameters?.length === 1 && rows instanceof Uint8Array && COPY_FROM_STDIN.test(statement)
    ? rows
    : undefined;
}

/** A pg pool whose clients run copyFromBinary queries with pg-copy-streams, on the client itself. */
function copyingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, CopyingClient>();
  return {
    options: pool.options,
    connect: async () => {
      const client = await pool.connect();
      let copying = clients.get(client);
      if (!copying) {
        copying = new CopyingClient(client);
        clients.set(client, copying);
      }
      return copying;
    },
    end: () => pool.end(),
  };
}

class CopyingClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    statement: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // openDatabase configures no cursor, so Kysely never passes one.
    if (typeof statement !== 'string') throw new Error('streaming queries are not configured');
    const rows = copyRows(statement, parameters);
    if (rows !== undefined) return this.copy<R>(statement, rows);
    // pg's result differs from Kysely's type only in naming `command` a string.
    return this.client.query<R & pg.QueryResultRow>(statement, parameters ? [...parameters] : []) as Promise<
      PostgresQueryResult<R>
    >;
  }

  release(destroy?: boolean): void {
    this.client.release(destroy);
  }

  private async copy<R>(statement: string, rows: Uint8Array): Promise<PostgresQueryResult<R>> {
    const stream = this.client.query(copyFrom(statement));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(rows);
    });
    // Kysely reads only the rows of a statement that is not INSERT, UPDATE, DELETE or MERGE.
    return { command: 'SELECT', rowCount: Number(stream.rowCount), rows: [] };
  }
}

/**
 * PGlite as Kysely sees it, with copyFromBinary queries run as COPY from PGlite's '/dev/blob'. Inside a
 * transaction they must go through PGlite's transaction object: the transaction holds PGlite's lock.
 */
function copyingPGlite(pglite: PGlite, lock: FolderLock | undefined): KyselyPGlite {
  const query = async <T>(
    on: PGlite | PGliteTransaction,
    statement: string,
    parameters?: unknown[],
    options?: PGliteQueryOptions,
  ) => {
    const rows = copyRows(statement, parameters);
    if (rows === undefined) return on.query<T>(statement, parameters, options);
    return on.query<T>(statement.replace(' stdin ', " '/dev/blob' "), [], {
      ...options,
      // Never a view of a SharedArrayBuffer (which Blob's type rules out): the rows are the caller's own.
      blob: new Blob([rows as Uint8Array<ArrayBuffer>]),
    });
  };
  return {
    get closed() {
      return pglite.closed;
    },
    get ready() {
      return pglite.ready;
    },
    get waitReady() {
      return pglite.waitReady;
    },
    close: async () => {
      await pglite.close();
      lock?.release();
    },
    query: (statement, parameters, options) => query(pglite, statement, parameters, options),
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: (statement, parameters, options) => query(tx, statement, parameters, options),
          rollback: () => tx.rollback(),
        }),
      ),
  };
}
