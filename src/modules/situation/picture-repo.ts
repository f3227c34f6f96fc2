// The situation picture's counts, read from the rollups (0008, 0012). Each query is one indexed scan of a
// small rollup: the benchmark (bench/situation/) holds them to DuckDB's speed over the raw events. The
// picture of a whole LPO reads the LPO rollups; a choice of districts reads the district rollups, except
// its heatmap, which counts their events (0013). The SQL is fixed text with array parameters, so nothing
// is compiled per call.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type FocusGroup, wholeFocusGroups } from '../../domain/event-types.ts';
import { addMonths } from '../../domain/iso-week.ts';
import type { YearToDateCounts } from './tables.ts';

export interface PictureFilter {
  districtIds: number[];
  /**
   * The LPO whose districts districtIds are, all of them: its own rollups answer (the same counts).
   * Leave it out for a choice of some of its districts.
   */
  policeAreaId?: number;
  /** First month, inclusive, 'YYYY-MM-01'. */
  from: string;
  /** First month after the period, exclusive, 'YYYY-MM-01'. */
  to: string;
  /** Event types; all types when absent. */
  types?: string[];
}

export interface MonthTypeCount {
  month: string;
  type: string;
  events: number;
}

export interface WeekdayHourCount {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  events: number;
}

export interface DistrictTypeCount {
  districtId: number;
  type: string;
  events: number;
}

/**
 * Rows of one statement ($1 the LPO or the districts, $2 and $3 the period, $4 the types or groups), sent
 * back as one JSON array: PGlite turns a result row into an object in JavaScript, which took longer than the
 * query itself; JSON.parse of one value does not (dates come out as 'YYYY-MM-DD').
 */
async function rows<T>(db: Kysely<Database>, text: string, parameters: unknown[]): Promise<T[]> {
  const wrapped = `select coalesce(json_agg(r), '[]') as rows from (${text}) r`;
  const result = await db.executeQuery<{ rows: T[] | string }>(CompiledQuery.raw(wrapped, parameters));
  const value = result.rows[0]?.rows ?? [];
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

const PERIOD = 'local_month >= $2::date and local_month < $3::date';
const BY_AREA = `police_area_id = $1::int and ${PERIOD}`;
const BY_DISTRICTS = `district_id = any($1::int[]) and ${PERIOD}`;

const TREND = {
  // One row per month and type already: read in index order, nothing to add up.
  area: `select local_month as month, type, events from event_rollup_area_month where ${BY_AREA}`,
  districts: `select local_month as month, type, sum(events)::int as events from event_rollup_month
    where ${BY_DISTRICTS}`,
};

export async function monthlyTrend(db: Kysely<Database>, filter: PictureFilter): Promise<MonthTypeCount[]> {
  if (isEmpty(filter)) return [];
  const byType = filter.types ? ' and type = any($4::text[])' : '';
  const text =
    filter.policeAreaId === undefined
      ? `${TREND.districts}${byType} group by local_month, type order by local_month, type`
      : `${TREND.area}${byType} order by local_month, type`;
  return rows(db, text, parameters(filter, filter.types));
}

/**
 * The year-to-date rows whose counts add up to the period ($2 its first month, $3 its last): the last
 * month, plus the December of each year the period runs out of, minus the month before the period when
 * that is in the period's first year. The rollup ends at the last month with events: a period running
 * past it ends there.
 */
const YEAR_TO_DATE = `with bound as (
    select least($3::date, max(local_month)) as last from event_rollup_year_to_date
  )
  select district_id as "districtId", case when local_month < $2::date then -1 else 1 end as sign, events
  from event_rollup_year_to_date
  where district_id = any($1::int[]) and local_month = any(array(
    select last from bound where last >= $2::date
    union all
    select make_date(year, 12, 1) from bound,
      generate_series(extract(year from $2::date)::int, extract(year from last)::int - 1) year
    where last >= $2::date
    union all
    select ($2::date - interval '1 month')::date from bound
    where last >= $2::date and extract(month from $2::date) > 1))`;

/**
 * Events per district and type over the period, from the year-to-date rollup (0012): a few rows per
 * district whatever the period's length, their counts added up here. Ordered by district and type, types
 * by code point.
 */
export async function districtByType(
  db: Kysely<Database>,
  filter: PictureFilter,
): Promise<DistrictTypeCount[]> {
  if (isEmpty(filter)) return [];
  const found = await rows<{ districtId: number; sign: number; events: YearToDateCounts }>(db, YEAR_TO_DATE, [
    filter.districtIds,
    filter.from,
    addMonths(filter.to, -1),
  ]);
  const wanted = filter.types ? new Set(filter.types) : undefined;
  const totals = new Map<number, Map<string, number>>();
  for (const row of found) {
    const byType = totals.get(row.districtId) ?? new Map<string, number>();
    totals.set(row.districtId, byType);
    for (const [type, events] of Object.entries(row.events)) {
      if (!wanted || wanted.has(type)) byType.set(type, (byType.get(type) ?? 0) + row.sign * events);
    }
  }
  const counts: DistrictTypeCount[] = [];
  for (const [districtId, byType] of totals) {
    for (const [type, events] of byType) if (events > 0) counts.push({ districtId, type, events });
  }
  return counts.sort(
    (a, b) => a.districtId - b.districtId || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
}

const DISTRICT_HEAT = `select local_weekday as weekday, local_hour as hour, count(*)::int as events
    from event where ${BY_DISTRICTS}`;
const HEAT_ORDER = ' group by local_weekday, local_hour order by local_weekday, local_hour';

/** The LPO heatmap adds up the columns of the groups asked for (all three for all types). */
function areaHeat(groups: readonly FocusGroup[] | undefined): string {
  const columns = groups ?? ['violence_public', 'robbery', 'other'];
  return `select local_weekday as weekday, local_hour as hour, sum(${columns.join(' + ')})::int as events
    from event_rollup_area_hour where ${BY_AREA}${HEAT_ORDER}`;
}

/**
 * Events per weekday and hour. A whole LPO's, for all types or whole focus groups, come from its hour
 * rollup; a choice of districts, or of types the rollup's groups cannot answer (one type, say), is counted
 * from the events themselves: a district-level hour rollup would be nearly as large as the events (0013).
 */
export async function weekdayHour(db: Kysely<Database>, filter: PictureFilter): Promise<WeekdayHourCount[]> {
  if (isEmpty(filter)) return [];
  const groups = filter.types ? wholeFocusGroups(filter.types) : undefined;
  if (filter.policeAreaId !== undefined && (!filter.types || groups))
    return rows(db, areaHeat(groups), parameters(filter, undefined));
  const byDistricts = { ...filter, policeAreaId: undefined };
  const byType = filter.types ? ' and type = any($4::text[])' : '';
  return rows(db, `${DISTRICT_HEAT}${byType}${HEAT_ORDER}`, parameters(byDistricts, filter.types));
}

function parameters(filter: PictureFilter, fourth: readonly string[] | undefined): unknown[] {
  const scope = filter.policeAreaId ?? filter.districtIds;
  return [scope, filter.from, filter.to, ...(fourth ? [fourth] : [])];
}

function isEmpty(filter: PictureFilter): boolean {
  return filter.districtIds.length === 0 || filter.types?.length === 0 || filter.from >= filter.to;
}
