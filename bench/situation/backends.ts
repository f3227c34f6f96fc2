// The bench's databases, opened as `import events` opens them (src/db/connection.ts, PGlite with
// PGLITE_BULK_MEMORY): the import it times is the command's own path, COPY of each batch included.
import type { Kysely } from 'kysely';
import { openDatabase, PGLITE_BULK_MEMORY } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/types.ts';

export interface BenchBackend {
  kind: 'pglite' | 'postgres';
  db: Kysely<Database>;
  close(): Promise<void>;
}

export function openPGliteBackend(dir: string): BenchBackend {
  return backend(openDatabase({ pgliteDir: dir, pgliteMemory: PGLITE_BULK_MEMORY }).db, 'pglite');
}

export function openPostgresBackend(url: string): BenchBackend {
  return backend(openDatabase({ databaseUrl: url }).db, 'postgres');
}

function backend(db: Kysely<Database>, kind: BenchBackend['kind']): BenchBackend {
  return { kind, db, close: () => db.destroy() };
}
