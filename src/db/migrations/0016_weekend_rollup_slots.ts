// The weekend-night rollup as one row per district, month and type group, with its 36 hours (Friday 18:00
// to Sunday 06:00) as an array, instead of a row per hour. At 1M generated events the row per hour made
// 179,000 rows, nearly one per weekend-night event, and writing them was a tenth of a bulk import's
// database time (issue 6.6); the arrays make 16,000 rows. The ranking of weekend windows reads them whole.
import { type Kysely, sql } from 'kysely';
import { denseWeekendRows, WEEKEND_NIGHT, WEEKEND_SLOT } from '../../modules/situation/rollups.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create temp table weekend_slots on commit drop as
    with hours as (
      select district_id, local_month, type_group, ${WEEKEND_SLOT} as slot, events from event_rollup_weekend
    ) ${denseWeekendRows(sql.raw('hours'))}`.execute(db);
  await db.schema.dropTable('event_rollup_weekend').execute();
  await weekendTable(db)
    .addColumn('events', sql`integer[]`, (c) => c.notNull().check(sql`cardinality(events) = 36`))
    .addPrimaryKeyConstraint('event_rollup_weekend_pk', ['district_id', 'local_month', 'type_group'])
    .execute();
  await indexByMonth(db);
  await sql`insert into event_rollup_weekend select * from weekend_slots`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create temp table weekend_hours on commit drop as
    select r.district_id, r.local_month, r.type_group, (5 + (s.slot + 17) / 24)::smallint as local_weekday,
      ((s.slot + 17) % 24)::smallint as local_hour, s.events
    from event_rollup_weekend r cross join lateral unnest(r.events) with ordinality as s(events, slot)
    where s.events > 0`.execute(db);
  await db.schema.dropTable('event_rollup_weekend').execute();
  await weekendTable(db)
    .addColumn('local_weekday', 'smallint', (c) => c.notNull())
    .addColumn('local_hour', 'smallint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addCheckConstraint('event_rollup_weekend_hours', WEEKEND_NIGHT)
    .execute();
  await sql`alter table event_rollup_weekend add constraint event_rollup_weekend_pk
    primary key (district_id, local_month, type_group, local_weekday, local_hour) include (events)`.execute(
    db,
  );
  await indexByMonth(db);
  await sql`insert into event_rollup_weekend select * from weekend_hours`.execute(db);
}

/** The table's first columns, the same both ways. */
function weekendTable(db: Kysely<unknown>) {
  return db.schema
    .createTable('event_rollup_weekend')
    .addColumn('district_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('type_group', 'text', (c) =>
      c.notNull().check(sql`type_group in ('violence_public', 'robbery', 'other')`),
    );
}

/** Refreshing a month deletes its rows across all districts. */
async function indexByMonth(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('event_rollup_weekend_month')
    .on('event_rollup_weekend')
    .column('local_month')
    .execute();
}
