// Migrations are imported statically (not read from disk by name) so they run the same under tsx, in
// tests and from a packaged build.
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as foundation from './migrations/0001_foundation.ts';
import * as staff from './migrations/0002_staff.ts';
import type { Database } from './types.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_staff': staff,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
