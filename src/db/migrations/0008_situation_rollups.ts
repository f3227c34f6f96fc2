// Rollups of the situation picture, shaped after its queries and kept current on import (see
// src/modules/situation/rollups.ts): an hourly-grain rollup is nearly as large as the events themselves,
// so each rollup drops what its queries never ask for. Only events placed in a district are rolled up;
// every view of the picture is of an LPO's districts.
// No foreign keys: the rollups are derived from `event`, rebuilt by rebuildAllRollups, and their checks
// cost a third of a batch's refresh on a bulk import
// (docs/decisions/0004-event-import-scanner-and-occurrence-time.md).
// Also: weekend shifts can be planned from the picture; a planned shift is not yet work done.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Monthly trends and district × type: one row per month, district and event type.
  await db.schema
    .createTable('event_rollup_month')
    .addColumn('district_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .execute();
  await coveringKey(db, 'event_rollup_month', ['district_id', 'local_month', 'type']);
  // Weekday × hour: the type only as a small group (violence_public, robbery, other), so the heatmap can
  // show the focus types without the full type dimension.
  await db.schema
    .createTable('event_rollup_hour')
    .addColumn('district_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('type_group', 'text', (c) =>
      c.notNull().check(sql`type_group in ('violence_public', 'robbery', 'other')`),
    )
    .addColumn('local_weekday', 'smallint', (c) => c.notNull())
    .addColumn('local_hour', 'smallint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .execute();
  await coveringKey(db, 'event_rollup_hour', [
    'district_id',
    'local_month',
    'type_group',
    'local_weekday',
    'local_hour',
  ]);
  // The picture of a whole LPO (no district chosen) reads rollups of its own: per month and type, the
  // trend is read in key order with nothing to add up; per month, weekday and hour, one row holds the three
  // type groups, a third of the rows a row per group would take. They follow police_area_district as it
  // was when their months were refreshed (rebuildAllRollups after a change of the LPOs' districts).
  await db.schema
    .createTable('event_rollup_area_month')
    .addColumn('police_area_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .execute();
  await coveringKey(db, 'event_rollup_area_month', ['police_area_id', 'local_month', 'type']);
  await db.schema
    .createTable('event_rollup_area_hour')
    .addColumn('police_area_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('local_weekday', 'smallint', (c) => c.notNull())
    .addColumn('local_hour', 'smallint', (c) => c.notNull())
    .addColumn('violence_public', 'integer', (c) => c.notNull())
    .addColumn('robbery', 'integer', (c) => c.notNull())
    .addColumn('other', 'integer', (c) => c.notNull())
    .execute();
  await coveringKey(
    db,
    'event_rollup_area_hour',
    ['police_area_id', 'local_month', 'local_weekday', 'local_hour'],
    ['violence_public', 'robbery', 'other'],
  );
  // Refreshing a month deletes its rows across all districts.
  await db.schema
    .createIndex('event_rollup_month_month')
    .on('event_rollup_month')
    .column('local_month')
    .execute();
  await db.schema
    .createIndex('event_rollup_hour_month')
    .on('event_rollup_hour')
    .column('local_month')
    .execute();

  // Shifts logged so far were carried out; a shift planned from the picture is 'planned' until done.
  await db.schema
    .alterTable('weekend_shift')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('done').check(sql`status in ('planned', 'done')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('weekend_shift').dropColumn('status').execute();
  await db.schema.dropTable('event_rollup_area_hour').ifExists().execute();
  await db.schema.dropTable('event_rollup_area_month').ifExists().execute();
  await db.schema.dropTable('event_rollup_hour').ifExists().execute();
  await db.schema.dropTable('event_rollup_month').ifExists().execute();
}

/**
 * The primary key, with the counts included in its index: the picture's queries then read the index
 * alone (once the importer's VACUUM has marked the pages all-visible), never the table.
 */
async function coveringKey(
  db: Kysely<unknown>,
  table: string,
  key: string[],
  counts: string[] = ['events'],
): Promise<void> {
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_pk`)}
    primary key (${sql.join(key.map((c) => sql.id(c)))}) include (${sql.join(counts.map((c) => sql.id(c)))})`.execute(
    db,
  );
}
