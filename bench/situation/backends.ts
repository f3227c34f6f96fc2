// Kysely over PGlite or one PostgreSQL connection, with the raw connection kept at hand so the importer
// can COPY each batch into its staging table inside the batch's own transaction.
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { PGlite as PGliteClass } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../src/db/types.ts';
import { STAGE_COLUMNS, type StageCopier } from '../../src/modules/situation/import/repo.ts';

const DATE_OID = 1082;
const COPY_STAGE = `copy event_stage (${STAGE_COLUMNS.join(', ')})`;

export interface BenchBackend {
  kind: 'pglite' | 'postgres';
  db: Kysely<Database>;
  copier: StageCopier;
  close(): Promise<void>;
}

/**
 * PGlite with its transactions visible: Kysely runs each transaction through PGlite's exclusive
 * `transaction()`, which locks out every other caller, so the COPY must go through that transaction.
 */
export async function openPGliteBackend(dir: string): Promise<BenchBackend> {
  // The same extensions as src/db/connection.ts opens PGlite with (the migrations need them).
  const pglite = await PGliteClass.create(dir, {
    parsers: { [DATE_OID]: (value: string) => value },
    extensions: { pg_trgm },
  });
  let active: PGliteTransaction | undefined;
  const tracked = new Proxy(pglite, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(work: (tx: PGliteTransaction) => Promise<T>) =>
          target.transaction(async (tx) => {
            active = tx;
            try {
              return await work(tx);
            } finally {
              active = undefined;
            }
          });
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as PGlite;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: tracked }) });
  return {
    kind: 'pglite',
    db,
    copier: async (_trx, text) => {
      if (!active) throw new Error('COPY outside a transaction');
      await active.query(`${COPY_STAGE} from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    close: () => db.destroy(),
  };
}

/** One PostgreSQL connection behind a pool-shaped object, so Kysely's transaction is on the COPY's client. */
export async function openPostgresBackend(url: string): Promise<BenchBackend> {
  pg.types.setTypeParser(DATE_OID, (value) => value);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pool = {
    connect: async () => Object.assign(client, { release: () => undefined }),
    end: async () => client.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    kind: 'postgres',
    db,
    copier: async (_trx, text) => {
      const stream = client.query(copyFrom(`${COPY_STAGE} from stdin`));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(text);
      });
    },
    close: () => db.destroy(),
  };
}
