// Situation picture (lägesbild): imported incident events. The import module owns how rows get here; the
// picture reads them through rollups (0008). Stockholm-local month/weekday/hour are stored at import so
// rollups and filters need no time-zone function per row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // 'polisen' for the police's public events API format, 'csv' for the generic CSV import.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    // When the police published it (the API's `datetime`); occurred_at comes from the time in the title.
    .addColumn('published_at', 'timestamptz')
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('local_weekday', 'smallint', (c) => c.notNull().check(sql`local_weekday between 1 and 7`))
    .addColumn('local_hour', 'smallint', (c) => c.notNull().check(sql`local_hour between 0 and 23`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('location_name', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    // No foreign keys on district_id and place_id: the importer takes them from its own lookups of those
    // tables, nothing deletes a district or place, and the two checks cost a fifth of a bulk insert
    // (docs/decisions/0004-event-import-scanner-and-occurrence-time.md).
    .addColumn('district_id', 'integer')
    .addColumn('place_id', 'integer')
    // How the event was tied to a district: 'point' (precise coordinates in a polygon), 'gazetteer'
    // (a district or place name in the text), 'unplaced' (only a municipality or county centroid).
    .addColumn('placement', 'text', (c) =>
      c.notNull().check(sql`placement in ('point', 'gazetteer', 'unplaced')`),
    )
    .addColumn('placement_confidence', 'text', (c) =>
      c.notNull().check(sql`placement_confidence in ('high', 'medium', 'low', 'none')`),
    )
    /** What the placement rests on, e.g. 'vid Gullmarsplan' or 'point in ÅRSTA'. */
    .addColumn('placement_detail', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('event_source_unique', ['source', 'source_id'])
    .execute();
  // Month first: the rollups are refreshed by month (local_month in (...)), the picture filters by a
  // month range and districts.
  await db.schema
    .createIndex('event_month_district')
    .on('event')
    .columns(['local_month', 'district_id'])
    .execute();
  await db.schema.createIndex('event_occurred_at').on('event').column('occurred_at').execute();

  // Points the importer has learnt are municipality or county centroids (the same gps for many events
  // of one location name), so an event there is placed by its text, not by point-in-polygon.
  await db.schema
    .createTable('event_centroid')
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('location_name', 'text', (c) => c.notNull())
    .addColumn('learnt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_centroid_pk', ['lat', 'lon'])
    .execute();

  // How far an interrupted import of a file got: written in each batch's transaction, removed when the
  // file is done. A re-run of the same file (same path, size and mtime) starts after the last batch.
  await db.schema
    .createTable('event_import_checkpoint')
    .addColumn('file_key', 'text', (c) => c.primaryKey())
    .addColumn('run_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('records_done', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_import_checkpoint').ifExists().execute();
  await db.schema.dropTable('event_centroid').ifExists().execute();
  await db.schema.dropTable('event').ifExists().execute();
}
