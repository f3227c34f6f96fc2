// An event's content is compared in the database, column by column, instead of by a hash the importer
// stored with it. Only a re-run compares, yet every imported event paid for its hash: a sixth of the
// reader's work and 41 bytes of each row in a bulk load (issue 6.6). See import/repo.ts findStored.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('event').dropColumn('content_hash').execute();
}

/**
 * The hashes cannot be made again in SQL (they were SHA-1 of texts the importer formatted): the column
 * comes back empty, and the next import of a stored file counts its events as updated, writing them once.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('event')
    .addColumn('content_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`alter table event alter column content_hash drop default`.execute(db);
}
