// The event table with two indexes instead of four. Every index is written for every imported event, and
// at 1M events they were most of the database's work in an import (issue 6.6):
// - the surrogate `id` went: nothing refers to an event by it, and (source, source_id), unique already,
//   becomes the primary key;
// - (local_month, district_id) and (occurred_at) become one index, (district_id, local_month, occurred_at).
//   Every read of single events names its districts: per district, the index holds its events in time
//   order (a month follows from the time), so the latest events are read a few index entries per district.
//   The rollups' recount of some months names all districts (rollups.ts).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('event').dropColumn('id').execute();
  await db.schema.alterTable('event').dropConstraint('event_source_unique').execute();
  await db.schema.alterTable('event').addPrimaryKeyConstraint('event_pk', ['source', 'source_id']).execute();
  await db.schema
    .createIndex('event_district_month')
    .on('event')
    .columns(['district_id', 'local_month', 'occurred_at'])
    .execute();
  await db.schema.dropIndex('event_month_district').execute();
  await db.schema.dropIndex('event_occurred_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('event_district_month').execute();
  await db.schema
    .createIndex('event_month_district')
    .on('event')
    .columns(['local_month', 'district_id'])
    .execute();
  await db.schema.createIndex('event_occurred_at').on('event').column('occurred_at').execute();
  await db.schema.alterTable('event').dropConstraint('event_pk').execute();
  await db.schema
    .alterTable('event')
    .addUniqueConstraint('event_source_unique', ['source', 'source_id'])
    .execute();
  await sql`alter table event add column id bigserial primary key`.execute(db);
}
