// Rollups of the situation picture, shaped after its queries; the importer keeps them current.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { GROUP_TYPES } from '../../domain/event-types.ts';

/**
 * Recomputes the rollup rows of the given Stockholm-local months ('YYYY-MM-01') from the event table.
 * The importer calls it inside each batch's transaction, so the picture never sees half an import.
 * Pass every month a batch touched, including the old month of an event whose time was corrected.
 */
export async function refreshRollups(db: Kysely<Database>, months: readonly string[]): Promise<void> {
  const distinct = [...new Set(months)];
  if (distinct.length === 0) return;
  for (const table of ROLLUP_TABLES)
    await db.deleteFrom(table).where('local_month', 'in', distinct).execute();
  await insertRollups(db, distinct);
}

/** Recomputes every rollup row from the event table (after a change of the type groups, or a repair). */
export async function rebuildAllRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).execute();
    await insertRollups(trx, undefined);
  });
}

const ROLLUP_TABLES = [
  'event_rollup_month',
  'event_rollup_hour',
  'event_rollup_area_month',
  'event_rollup_area_hour',
] as const;

async function insertRollups(db: Kysely<Database>, months: string[] | undefined): Promise<void> {
  await insertDistrictRows(db, months);
  // The LPO rollups add up the district rollups just written, not the events again.
  await insertAreaRows(db, months);
}

/**
 * The SQL that names an event's type group; the lists live in domain/event-types.ts. Literals, not
 * parameters: the same expression appears in SELECT and GROUP BY, and must read the same in both.
 */
export function typeGroupSql(column: RawBuilder<unknown> = sql.ref('type')): RawBuilder<string> {
  const list = (types: readonly string[]) => sql.join(types.map((type) => sql.lit(type)));
  return sql<string>`case when ${column} in (${list(GROUP_TYPES.violence_public)}) then 'violence_public'
    when ${column} in (${list(GROUP_TYPES.robbery)}) then 'robbery' else 'other' end`;
}

/**
 * Both district rollups from one pass over the months' events: counted once at the finest grain both
 * need (district, month, type, weekday, hour), then summed up into each.
 */
async function insertDistrictRows(db: Kysely<Database>, months: string[] | undefined): Promise<void> {
  const inMonths = months ? sql`and local_month in (${sql.join(months)})` : sql``;
  const group = typeGroupSql();
  await sql`
    with counted as (
      select district_id, local_month, type, local_weekday, local_hour, count(*)::int as events
      from event where district_id is not null ${inMonths}
      group by district_id, local_month, type, local_weekday, local_hour
    ), by_month as (
      insert into event_rollup_month (district_id, local_month, type, events)
      select district_id, local_month, type, sum(events)::int from counted
      group by district_id, local_month, type
    )
    insert into event_rollup_hour (district_id, local_month, type_group, local_weekday, local_hour, events)
    select district_id, local_month, ${group}, local_weekday, local_hour, sum(events)::int from counted
    group by district_id, local_month, ${group}, local_weekday, local_hour`.execute(db);
}

async function insertAreaRows(db: Kysely<Database>, months: string[] | undefined): Promise<void> {
  const inMonths = months ? sql`where r.local_month in (${sql.join(months)})` : sql``;
  await sql`
    insert into event_rollup_area_month (police_area_id, local_month, type, events)
    select pad.police_area_id, r.local_month, r.type, sum(r.events)::int
    from event_rollup_month r join police_area_district pad on pad.district_id = r.district_id ${inMonths}
    group by pad.police_area_id, r.local_month, r.type`.execute(db);
  await sql`
    insert into event_rollup_area_hour
      (police_area_id, local_month, local_weekday, local_hour, violence_public, robbery, other)
    select pad.police_area_id, r.local_month, r.local_weekday, r.local_hour,
      coalesce(sum(r.events) filter (where r.type_group = 'violence_public'), 0)::int,
      coalesce(sum(r.events) filter (where r.type_group = 'robbery'), 0)::int,
      coalesce(sum(r.events) filter (where r.type_group = 'other'), 0)::int
    from event_rollup_hour r join police_area_district pad on pad.district_id = r.district_id ${inMonths}
    group by pad.police_area_id, r.local_month, r.local_weekday, r.local_hour`.execute(db);
}

/**
 * Marks the rollups' pages all-visible and refreshes their statistics, so the picture's queries read their
 * covering keys alone (PGlite has no autovacuum). Outside any transaction: after an import.
 */
export async function vacuumRollups(db: Kysely<Database>): Promise<void> {
  await sql`vacuum (analyze) event_rollup_month, event_rollup_hour, event_rollup_area_month,
    event_rollup_area_hour`.execute(db);
}
