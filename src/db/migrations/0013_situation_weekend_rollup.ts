// The weekend nights per district, instead of every hour of the week (0008's event_rollup_hour). Of the
// picture's queries only the weekend operation's ranking needs district × weekday × hour, and it reads the
// weekend nights alone (Friday 18:00 to Sunday 06:00, 36 of the week's 168 hours); the heatmap of a whole
// LPO reads event_rollup_area_hour, that of a choice of districts counts their events. At 1M generated events
// the hour rollup held 705,698 rows, 0.7 per event: nearly the raw table, and writing it was most of a bulk
// import's rollup refresh (issue 6.6). Derived data like 0008: no foreign keys.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { typeGroupSql, WEEKEND_NIGHT } from '../../modules/situation/rollups.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createDistrictHourTable(db, 'event_rollup_weekend', WEEKEND_NIGHT);
  await sql`insert into event_rollup_weekend select * from event_rollup_hour where ${WEEKEND_NIGHT}`.execute(
    db,
  );
  await db.schema.dropTable('event_rollup_hour').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createDistrictHourTable(db, 'event_rollup_hour');
  const group = typeGroupSql();
  await sql`insert into event_rollup_hour (district_id, local_month, type_group, local_weekday, local_hour, events)
    select district_id, local_month, ${group}, local_weekday, local_hour, count(*)::int from event
    where district_id is not null
    group by district_id, local_month, ${group}, local_weekday, local_hour`.execute(db);
  await db.schema.dropTable('event_rollup_weekend').execute();
}

/**
 * Events per district, month, type group, weekday and hour (only the hours `hours` allows), with the
 * counts in the key's index (the picture reads the index alone once VACUUM has run) and an index by month
 * (refreshing a month deletes its rows across all districts).
 */
async function createDistrictHourTable(
  db: Kysely<unknown>,
  table: string,
  hours?: RawBuilder<boolean>,
): Promise<void> {
  let create = db.schema
    .createTable(table)
    .addColumn('district_id', 'integer', (c) => c.notNull())
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('type_group', 'text', (c) =>
      c.notNull().check(sql`type_group in ('violence_public', 'robbery', 'other')`),
    )
    .addColumn('local_weekday', 'smallint', (c) => c.notNull())
    .addColumn('local_hour', 'smallint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull());
  if (hours) create = create.addCheckConstraint(`${table}_hours`, hours);
  await create.execute();
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_pk`)}
    primary key (district_id, local_month, type_group, local_weekday, local_hour) include (events)`.execute(
    db,
  );
  await db.schema.createIndex(`${table}_month`).on(table).column('local_month').execute();
}
