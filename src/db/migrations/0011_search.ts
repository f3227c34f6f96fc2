// Full-text search (Swedish stemming) and typo-tolerant place names.
// search_document is derived data, rebuilt from the public source tables per LPO. Triggers on those tables
// note which LPOs changed, so whoever writes (the web app, the CLI in another process, a seed) leaves them
// marked stale, and the next search rebuilds them first
// (docs/decisions/0006-search-index-rebuilt-when-stale.md).
import { type Kysely, sql } from 'kysely';

/** The tables whose rows feed search documents, and the column naming the LPO a row belongs to. */
const SOURCE_TABLES: { table: string; areaColumn: string | null }[] = [
  { table: 'police_area', areaColumn: 'id' },
  { table: 'police_area_district', areaColumn: 'police_area_id' },
  { table: 'promise', areaColumn: 'police_area_id' },
  { table: 'place', areaColumn: 'police_area_id' },
  { table: 'news_update', areaColumn: 'police_area_id' },
  // A renamed district or district area may show in any LPO's documents: everything is rebuilt.
  { table: 'district', areaColumn: null },
  { table: 'district_area', areaColumn: null },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Trusted on PostgreSQL 13+, so an owner of the database may create it; PGlite loads it in connection.ts.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('search_document')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('lpo', 'promise', 'commitment', 'update', 'place', 'district')`),
    )
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('lpo_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('path_sv', 'text', (c) => c.notNull())
    .addColumn('path_en', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Names folded in the app (lower case, no diacritics), so trigram matching is the same on both backends.
    .addColumn('name_key', 'text')
    // An update dated in the future is found from its day on.
    .addColumn('visible_from', 'date')
    .addColumn('tsv', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', body), 'B')`,
        )
        .stored(),
    )
    .execute();
  await sql`create index search_document_tsv on search_document using gin (tsv)`.execute(db);
  await sql`create index search_document_name_trgm on search_document using gin (name_key gin_trgm_ops)
    where name_key is not null`.execute(db);
  await db.schema
    .createIndex('search_document_area')
    .on('search_document')
    .column('police_area_id')
    .execute();

  // One row, updated by every write to a source: writers and a rebuild in progress wait on it in turn, so
  // no change can slip in between a rebuild's reading of the sources and its commit.
  await db.schema
    .createTable('search_state')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('rebuild_all', 'boolean', (c) => c.notNull().defaultTo(true))
    // The app's SEARCH_DOCUMENTS_VERSION the documents were built with; another version rebuilds them all.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into search_state (id) values (true)`.execute(db);
  // No foreign key: an LPO that was deleted is stale too (its documents went with it).
  await db.schema
    .createTable('search_stale_area')
    .addColumn('police_area_id', 'integer', (c) => c.primaryKey())
    .execute();

  // TG_ARGV[0] names the row's LPO column (none: rebuild everything); to_jsonb reads it by that name.
  await sql`create function search_sources_changed() returns trigger language plpgsql as $$
    declare
      area_column text := TG_ARGV[0];
    begin
      update search_state set rebuild_all = rebuild_all or area_column is null;
      if area_column is not null and TG_LEVEL = 'ROW' then
        insert into search_stale_area (police_area_id)
          select distinct (r ->> area_column)::integer
          from (values (to_jsonb(NEW)), (to_jsonb(OLD))) as v (r)
          where r ->> area_column is not null
          on conflict do nothing;
      end if;
      return null;
    end
  $$`.execute(db);
  for (const { table, areaColumn } of SOURCE_TABLES) {
    const args = areaColumn === null ? sql`` : sql.lit(areaColumn);
    await sql`create trigger ${sql.raw(`${table}_search_changed`)}
      after insert or update or delete on ${sql.table(table)}
      for each row execute function search_sources_changed(${args})`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_search_truncated`)}
      after truncate on ${sql.table(table)}
      for each statement execute function search_sources_changed()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of SOURCE_TABLES) {
    for (const name of [`${table}_search_changed`, `${table}_search_truncated`]) {
      await sql`drop trigger if exists ${sql.raw(name)} on ${sql.table(table)}`.execute(db);
    }
  }
  await sql`drop function if exists search_sources_changed()`.execute(db);
  await db.schema.dropTable('search_stale_area').ifExists().execute();
  await db.schema.dropTable('search_state').ifExists().execute();
  await db.schema.dropTable('search_document').ifExists().execute();
}
