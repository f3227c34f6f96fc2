// Rollups of the situation picture, shaped after its queries; the importer keeps them current.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { arrayLiteral } from '../../db/array-literal.ts';
import { BinaryCopyWriter } from '../../db/binary-copy.ts';
import { copyFromBinary } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Database } from '../../db/types.ts';
import { GROUP_TYPES } from '../../domain/event-types.ts';
import { addMonths } from '../../domain/iso-week.ts';
import { WEEKEND_NIGHT_SLOTS } from '../../domain/time-bands.ts';
import type { AddedCounts } from './import/batch-counts.ts';
import type { YearToDateCounts } from './tables.ts';

/**
 * Brings the rollups up to date after a change to the events, inside the caller's transaction (the
 * importer's batch), so the picture never sees half an import. The rows of the `recount` months
 * (Stockholm-local, 'YYYY-MM-01') are counted again from the event table: pass every month a change
 * touched, including the old month of an event whose time was corrected. `added` holds counts of events
 * that were only added (batch-counts.ts); they are added to the rows of their other months.
 */
export async function refreshRollups(
  db: Kysely<Database>,
  recount: readonly string[],
  added?: AddedCounts,
): Promise<void> {
  const recounted = [...new Set(recount)];
  const addedMonths = added ? added.months.filter((month) => !recounted.includes(month)) : [];
  const months = [...recounted, ...addedMonths];
  if (months.length === 0) return;
  // A large batch's statements pass PostgreSQL's JIT threshold, and compiling them cost more than it saved
  // (about a third of a second of server CPU in an import of 1M events). For the rest of the transaction.
  await sql`set local jit = off`.execute(db);
  if (recounted.length > 0) {
    for (const table of COUNTED_TABLES)
      await db.deleteFrom(table).where('local_month', 'in', recounted).execute();
    await insertCountedRows(db, recounted);
  }
  if (added && addedMonths.length > 0) await addCounts(db, added, addedMonths);
  // The LPO month rollup adds up the district month rollup just written, not the events again.
  await db.deleteFrom('event_rollup_area_month').where('local_month', 'in', months).execute();
  await insertAreaMonthRows(db, months);
  await refreshYearToDate(db, months);
}

/** Recomputes every rollup row from the event table (after a change of the type groups, or a repair). */
export async function rebuildAllRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).execute();
    await insertCountedRows(trx, undefined);
    await insertAreaMonthRows(trx, undefined);
    await refreshYearToDate(trx, undefined);
  });
}

/** The rollups counted from the events; the LPO month rollup is summed from the district month rollup. */
const COUNTED_TABLES = ['event_rollup_month', 'event_rollup_weekend', 'event_rollup_area_hour'] as const;
const ROLLUP_TABLES = [...COUNTED_TABLES, 'event_rollup_area_month'] as const;

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
 * Friday 18:00 to Sunday 06:00: the weekend operation's nights, all event_rollup_weekend holds. The same
 * hours as isWeekendNight (domain/time-bands.ts), by which the importer counts them.
 */
export const WEEKEND_NIGHT = sql<boolean>`((local_weekday = 5 and local_hour >= 18) or local_weekday = 6
  or (local_weekday = 7 and local_hour < 6))`;

/** A weekend-night hour's slot, 0 (Friday 18–19) to 35 (Sunday 05–06), as weekendNightSlot gives it. */
export const WEEKEND_SLOT = sql<number>`((local_weekday - 5) * 24 + local_hour - 18)`;

/**
 * event_rollup_weekend's rows from `hours`, a relation of (district_id, local_month, type_group, slot,
 * events) with at most one row per slot: each district, month and type group with its 36 counts, 0 where
 * `hours` has none. Gathered per row first, then spread over the slots: `hours` is read once (a join of
 * every row's slots with it was a nested loop over a CTE, 0.1 s per month at 1M events).
 */
export function denseWeekendRows(hours: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select district_id, local_month, type_group,
      array(select coalesce(h.events[array_position(h.slots, s)], 0)
        from generate_series(0, ${sql.lit(WEEKEND_NIGHT_SLOTS - 1)}) s order by s)
    from (
      select district_id, local_month, type_group, array_agg(slot) as slots, array_agg(events) as events
      from ${hours} group by district_id, local_month, type_group
    ) h`;
}

/**
 * The rollups counted from the events, from one pass over the months' events: counted once at the finest
 * grain they need (district, month, type, weekday, hour), then summed up into each.
 */
async function insertCountedRows(db: Kysely<Database>, months: string[] | undefined): Promise<void> {
  // Some months' events are found through event_district_month (district first) by naming every district;
  // `is not null` would read the whole table. All months: the whole table is read anyway.
  const which = months
    ? sql`district_id = any(array(select id from district)) and local_month in (${sql.join(months)})`
    : sql`district_id is not null`;
  const group = typeGroupSql();
  // Room to group the events in memory, for the rest of the caller's transaction: with the default 4 MB a
  // batch's months spilled to disk.
  await sql`set local work_mem = '64MB'`.execute(db);
  await sql`
    with counted as (
      select district_id, local_month, type, ${group} as type_group, local_weekday, local_hour,
        count(*)::int as events
      from event where ${which}
      group by district_id, local_month, type, local_weekday, local_hour
    ), by_month as (
      insert into event_rollup_month (district_id, local_month, type, events)
      select district_id, local_month, type, sum(events)::int from counted
      group by district_id, local_month, type
    ), by_area_hour as (
      insert into event_rollup_area_hour
        (police_area_id, local_month, local_weekday, local_hour, violence_public, robbery, other)
      select pad.police_area_id, c.local_month, c.local_weekday, c.local_hour,
        coalesce(sum(c.events) filter (where c.type_group = 'violence_public'), 0)::int,
        coalesce(sum(c.events) filter (where c.type_group = 'robbery'), 0)::int,
        coalesce(sum(c.events) filter (where c.type_group = 'other'), 0)::int
      from counted c join police_area_district pad on pad.district_id = c.district_id
      group by pad.police_area_id, c.local_month, c.local_weekday, c.local_hour
    ), weekend_hours as (
      select district_id, local_month, type_group, ${WEEKEND_SLOT} as slot, sum(events)::int as events
      from counted where ${WEEKEND_NIGHT}
      group by district_id, local_month, type_group, slot
    )
    insert into event_rollup_weekend (district_id, local_month, type_group, events)
    ${denseWeekendRows(sql.raw('weekend_hours'))}`.execute(db);
}

/**
 * Adds the counts of events only added, in `months`, to the rollups counted from the events. Months with
 * no rows yet (a bulk load's next months) take a plain INSERT, a third cheaper than INSERT … ON CONFLICT.
 * Should another import write rows of those months meanwhile, the plain INSERT fails on the key, is rolled
 * back to a savepoint, and they are added the ON CONFLICT way too.
 */
async function addCounts(db: Kysely<Database>, added: AddedCounts, months: string[]): Promise<void> {
  let fresh = await monthsWithoutRows(db, months);
  if (fresh.length > 0) {
    await sql`savepoint fresh_months`.execute(db);
    try {
      await writeCounts(db, added, fresh, 'insert');
      await sql`release savepoint fresh_months`.execute(db);
    } catch (error) {
      if (!isUniqueViolation(error, ...COUNTED_TABLES.map((table) => `${table}_pk`))) throw error;
      await sql`rollback to savepoint fresh_months`.execute(db);
      fresh = [];
    }
  }
  const rest = months.filter((month) => !fresh.includes(month));
  if (rest.length > 0) await writeCounts(db, added, rest, 'add');
}

/** The months the district month rollup has no row of: no rollup counted from the events has. */
async function monthsWithoutRows(db: Kysely<Database>, months: string[]): Promise<string[]> {
  const result = await sql<{ month: string }>`
    select m::text as month from unnest(${sql.val(months)}::date[]) m
    where not exists (select from event_rollup_month r where r.local_month = m)`.execute(db);
  return result.rows.map((row) => row.month);
}

/**
 * The counts of `months` as new rows ('insert'), or added to rows that may exist ('add'). Only those
 * months' rows are sent: a batch's few rows of the month before (events published after it ended) took
 * the whole batch's arrays to the server again.
 */
async function writeCounts(
  db: Kysely<Database>,
  added: AddedCounts,
  months: string[],
  how: 'insert' | 'add',
): Promise<void> {
  const { month, weekend, areaHour } = added;
  const monthRows = rowsIn(month.months, months);
  if (how === 'insert') await copyMonthRows(db, month, monthRows);
  else
    await writeRows(db, 'event_rollup_month', how, 3, monthRows, [
      ['district_id', 'int', month.districtIds],
      ['local_month', 'date', month.months],
      ['type', 'text', month.types],
      ['events', 'int', month.events],
    ]);
  await writeWeekendRows(db, weekend, how, rowsIn(weekend.months, months));
  await writeRows(db, 'event_rollup_area_hour', how, 4, rowsIn(areaHour.months, months), [
    ['police_area_id', 'int', areaHour.policeAreaIds],
    ['local_month', 'date', areaHour.months],
    ['local_weekday', 'smallint', areaHour.weekdays],
    ['local_hour', 'smallint', areaHour.hours],
    ['violence_public', 'int', areaHour.violencePublic],
    ['robbery', 'int', areaHour.robbery],
    ['other', 'int', areaHour.other],
  ]);
}

/** The numbers of the rows whose month is one of `months`. */
function rowsIn(rowMonths: readonly string[], months: readonly string[]): number[] {
  const wanted = new Set(months);
  const rows: number[] = [];
  rowMonths.forEach((month, row) => {
    if (wanted.has(month)) rows.push(row);
  });
  return rows;
}

/** The given rows of a column of numbers or of texts. */
function pick(values: readonly number[] | readonly string[], rows: readonly number[]): number[] | string[] {
  return typeof values[0] === 'string'
    ? rows.map((row) => values[row] as string)
    : rows.map((row) => values[row] as number);
}

/**
 * The district month rollup's new rows, by binary COPY: the largest rollup (8,000 rows a batch at 1M
 * events). Unnesting arrays into it took the server 0.73 s at 1M, the COPY 0.54–0.62 s.
 */
async function copyMonthRows(db: Kysely<Database>, month: AddedCounts['month'], rows: number[]) {
  if (rows.length === 0) return;
  const copy = new BinaryCopyWriter();
  for (const row of rows) {
    const type = month.types[row] as string;
    copy.row(4, 28 + 3 * type.length);
    copy.int32(month.districtIds[row] as number);
    // 'YYYY-MM-01': a date without a time parses as midnight UTC.
    copy.date(Date.parse(month.months[row] as string));
    copy.text(type);
    copy.int32(month.events[row] as number);
  }
  await db.executeQuery(
    copyFromBinary('event_rollup_month', ['district_id', 'local_month', 'type', 'events'], copy.take()),
  );
}

/** A column of rows to write: its name, its SQL type and a value per row. */
type Column = readonly [name: string, type: string, values: readonly number[] | readonly string[]];

/**
 * Writes the given rows of the columns into a counted rollup: its first `keyColumns` columns are the key,
 * the rest are counts, added to those of a row with the same key when `how` is 'add'.
 */
async function writeRows(
  db: Kysely<Database>,
  table: (typeof COUNTED_TABLES)[number],
  how: 'insert' | 'add',
  keyColumns: number,
  rows: number[],
  columns: Column[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const arrays = columns.map(
    ([, type, values]) => sql`${arrayLiteral(pick(values, rows))}::${sql.raw(type)}[]`,
  );
  const key = names.slice(0, keyColumns).join(', ');
  const sums = names.slice(keyColumns).map((name) => `${name} = ${table}.${name} + excluded.${name}`);
  const onConflict = how === 'add' ? sql.raw(`on conflict (${key}) do update set ${sums.join(', ')}`) : sql``;
  await sql`
    insert into ${sql.table(table)} (${sql.raw(names.join(', '))})
    select * from unnest(${sql.join(arrays)}) ${onConflict}`.execute(db);
}

/**
 * Writes the given weekend-night rows: each row's 36 counts are a slice of one array of them all (an
 * array of arrays would unnest into single numbers), added element by element to a row with the same key
 * when `how` is 'add'.
 */
async function writeWeekendRows(
  db: Kysely<Database>,
  weekend: AddedCounts['weekend'],
  how: 'insert' | 'add',
  rows: number[],
): Promise<void> {
  if (rows.length === 0) return;
  const counts = rows.flatMap((row) =>
    weekend.counts.slice(row * WEEKEND_NIGHT_SLOTS, (row + 1) * WEEKEND_NIGHT_SLOTS),
  );
  const onConflict =
    how === 'add'
      ? sql`on conflict (district_id, local_month, type_group) do update set events = array(
          select stored + added
          from unnest(event_rollup_weekend.events, excluded.events) with ordinality as s(stored, added, slot)
          order by slot)`
      : sql``;
  await sql`
    insert into event_rollup_weekend (district_id, local_month, type_group, events)
    select r.district_id, r.local_month, r.type_group,
      c.counts[(r.n - 1) * ${WEEKEND_NIGHT_SLOTS} + 1 : r.n * ${WEEKEND_NIGHT_SLOTS}]
    from unnest(${arrayLiteral(pick(weekend.districtIds, rows))}::int[], ${arrayLiteral(pick(weekend.months, rows))}::date[],
      ${arrayLiteral(pick(weekend.typeGroups, rows))}::text[]) with ordinality as r(district_id, local_month, type_group, n)
    cross join (select ${arrayLiteral(counts)}::int[] as counts) c ${onConflict}`.execute(db);
}

async function insertAreaMonthRows(db: Kysely<Database>, months: string[] | undefined): Promise<void> {
  const inMonths = months ? sql`where r.local_month in (${sql.join(months)})` : sql``;
  await sql`
    insert into event_rollup_area_month (police_area_id, local_month, type, events)
    select pad.police_area_id, r.local_month, r.type, sum(r.events)::int
    from event_rollup_month r join police_area_district pad on pad.district_id = r.district_id ${inMonths}
    group by pad.police_area_id, r.local_month, r.type`.execute(db);
}

/**
 * Brings the year-to-date rollup up to date after the month rollup changed in `months` (every month when
 * undefined). It runs through the last month with events, not to December: a time-ordered import then
 * writes only its own months, and a year's later rows appear as the months come in.
 */
async function refreshYearToDate(db: Kysely<Database>, months: readonly string[] | undefined): Promise<void> {
  const last = await lastMonth(db, 'event_rollup_month');
  const reached = await lastMonth(db, 'event_rollup_year_to_date');
  if (months === undefined || reached === undefined || last === undefined) {
    await db.deleteFrom('event_rollup_year_to_date').execute();
    if (last !== undefined) await rewriteYearToDate(db, undefined, last);
    return;
  }
  if (last < reached)
    await db.deleteFrom('event_rollup_year_to_date').where('local_month', '>', last).execute();
  const starts = months.filter((m) => m <= last);
  // Months new at the end are carried over from the month before, January starting each year afresh.
  for (let month = addMonths(reached, 1); month <= last; month = addMonths(month, 1)) {
    if (month === addMonths(reached, 1) || month.slice(5, 7) === '01') starts.push(month);
  }
  if (starts.length > 0) await rewriteYearToDate(db, yearStarts(starts), last);
}

/**
 * Each district's totals per type since January, on every month after `before` through `until`: those of
 * `before` (`carried`, unless a January comes first) plus each month's counts.
 */
function runningTotals(
  before: string,
  until: string,
  carried: { district_id: number; events: YearToDateCounts }[],
  counted: { district_id: number; local_month: string; type: string; events: number }[],
): { months: string[]; districtIds: number[]; events: string[] } {
  const rows = { months: [] as string[], districtIds: [] as number[], events: [] as string[] };
  const countedIn = new Map<string, typeof counted>();
  for (const row of counted) {
    const ofMonth = countedIn.get(row.local_month);
    if (ofMonth) ofMonth.push(row);
    else countedIn.set(row.local_month, [row]);
  }
  let totals = new Map(carried.map((row) => [row.district_id, { ...row.events }]));
  for (let month = addMonths(before, 1); month <= until; month = addMonths(month, 1)) {
    if (month.slice(5, 7) === '01') totals = new Map();
    for (const row of countedIn.get(month) ?? []) {
      const district = totals.get(row.district_id) ?? {};
      district[row.type] = (district[row.type] ?? 0) + row.events;
      totals.set(row.district_id, district);
    }
    for (const [districtId, events] of totals) {
      rows.months.push(month);
      rows.districtIds.push(districtId);
      rows.events.push(JSON.stringify(events));
    }
  }
  return rows;
}

async function lastMonth(
  db: Kysely<Database>,
  table: 'event_rollup_month' | 'event_rollup_year_to_date',
): Promise<string | undefined> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('local_month').as('last'))
    .executeTakeFirst();
  return row?.last ?? undefined;
}

/** The earliest of the months in each of their years: a year's running totals change from there on. */
function yearStarts(months: readonly string[]): string[] {
  const earliest = new Map<string, string>();
  for (const month of months) {
    const year = month.slice(0, 4);
    const known = earliest.get(year);
    if (known === undefined || month < known) earliest.set(year, month);
  }
  return [...earliest.values()];
}

/**
 * Writes the year-to-date rows from each start month through its year's December or `last`, whichever
 * comes first: the totals of the month before the start (none for a January) carried on with the month
 * rollup's counts. Every year from January when `starts` is undefined. Added up here rather than by a
 * window query over the rows: that query sorted and unnested every district's types, 36 ms a batch at
 * 1M events (a tenth of the database's work in an import); this reads and writes the rows, 5 ms.
 */
async function rewriteYearToDate(
  db: Kysely<Database>,
  starts: string[] | undefined,
  last: string,
): Promise<void> {
  for (const first of starts ?? (await januariesWithEvents(db))) {
    const december = `${first.slice(0, 4)}-12-01`;
    const until = december < last ? december : last;
    await db
      .deleteFrom('event_rollup_year_to_date')
      .where('local_month', '>=', first)
      .where('local_month', '<=', until)
      .execute();
    const before = addMonths(first, -1);
    const carried = await db
      .selectFrom('event_rollup_year_to_date')
      .select(['district_id', 'events'])
      .where('local_month', '=', before)
      .execute();
    const counted = await db
      .selectFrom('event_rollup_month')
      .select(['district_id', 'local_month', 'type', 'events'])
      .where('local_month', '>=', first)
      .where('local_month', '<=', until)
      .execute();
    const rows = runningTotals(before, until, carried, counted);
    if (rows.months.length === 0) continue;
    await sql`insert into event_rollup_year_to_date (local_month, district_id, events)
      select * from unnest(${arrayLiteral(rows.months)}::date[], ${arrayLiteral(rows.districtIds)}::int[],
        ${arrayLiteral(rows.events)}::jsonb[])`.execute(db);
  }
}

/** January of every year the month rollup has counts in. */
async function januariesWithEvents(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ january: string }>`
    select distinct date_trunc('year', local_month::timestamp)::date::text as january
    from event_rollup_month order by january`.execute(db);
  return result.rows.map((row) => row.january);
}

/**
 * Marks the rollups' pages all-visible and refreshes their statistics, so the picture's queries read their
 * covering keys alone (PGlite has no autovacuum). Outside any transaction: after an import. The month
 * rollup, the largest, on a connection of its own beside the others (PostgreSQL's pool; PGlite runs them in
 * turn): the import's last step, with the reader done and a core free.
 */
export async function vacuumRollups(db: Kysely<Database>): Promise<void> {
  await Promise.all([
    sql`vacuum (analyze) event_rollup_month`.execute(db),
    sql`vacuum (analyze) event_rollup_weekend, event_rollup_area_month, event_rollup_area_hour,
      event_rollup_year_to_date`.execute(db),
  ]);
}
