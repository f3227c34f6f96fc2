// District × type over any period of whole months (issue 6.6). Summing the month rollup over the period
// reads districts × types × months rows (Globen, 12 months at 1M events: 15,000) and adds them up: no
// faster than DuckDB over the raw events. This rollup holds, per district and month, each type's count
// from January of that month's year through that month, as one jsonb object, on every month from the
// district's first event that year through December or the last month with events, whichever comes first.
// A period is then its last month, plus the Decembers of the years it leaves, minus the month before it
// when that lies in its first year: three rows per district for any 12-month window, one for a calendar
// year, added up per type in picture-repo.ts. Stopping at the last month with events lets a time-ordered
// import write only its own months; a period running past that month ends there.
// Measured at 1M events on PGlite, Globen's 32 districts, Dec–Nov, medians of one run on a loaded machine:
// month rollup 14.2 ms, the same running totals as one row per district, month and type 5.3 ms (3,840 rows
// to aggregate and send), these jsonb rows 2.6 ms (96 rows), DuckDB 13.6 ms. Also considered: a running
// total since the first event (two rows per district, but an event in an old month changes every later row,
// so an import newest-first rewrites the table batch after batch); quarter and year rollups with months at
// the edges (six row sets for most 12-month windows instead of three). Derived data like 0008: no foreign
// keys.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_rollup_year_to_date')
    .addColumn('local_month', 'date', (c) => c.notNull())
    .addColumn('district_id', 'integer', (c) => c.notNull())
    // { type: events }, only types with at least one event so far that year.
    .addColumn('events', 'jsonb', (c) => c.notNull())
    // Month first: a refresh rewrites the months from one on, across all districts.
    .addPrimaryKeyConstraint('event_rollup_year_to_date_pk', ['local_month', 'district_id'])
    .execute();
  // From the month rollup of the events already imported: for each month through the last, each type's
  // events from January on.
  await sql`
    with month as (
      select generate_series(min(date_trunc('year', local_month::timestamp)), max(local_month)::timestamp,
        interval '1 month')::date as month
      from event_rollup_month
    ), year_to_date as (
      select m.month, r.district_id, r.type, sum(r.events)::int as events
      from month m join event_rollup_month r
        on r.local_month <= m.month and r.local_month >= date_trunc('year', m.month::timestamp)
      group by m.month, r.district_id, r.type
    )
    insert into event_rollup_year_to_date (local_month, district_id, events)
    select month, district_id, jsonb_object_agg(type, events) from year_to_date
    group by month, district_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_rollup_year_to_date').ifExists().execute();
}
