// The situation picture's reads of single events (latest events, events near places) and of the monthly
// rollup in its finest grain (for CSV); the counts behind the charts are in picture-repo.ts.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { WEEKEND_NIGHT_SLOTS, weekendNightHour } from '../../domain/time-bands.ts';
import type { PictureFilter } from './picture-repo.ts';
import type { EventPlacement, PlacementConfidence } from './tables.ts';

export interface LatestEvent {
  source: string;
  sourceId: string;
  occurredAt: Date;
  type: string;
  title: string;
  url: string | null;
  districtId: number | null;
  placement: EventPlacement;
  placementConfidence: PlacementConfidence;
  placementDetail: string | null;
}

/** An event that may be at one of the LPO's places: tied to a place by its text, or with a precise point. */
export interface PlaceCandidate {
  placeId: number | null;
  lon: number | null;
  lat: number | null;
  weekday: number;
  hour: number;
  month: string;
  type: string;
}

export interface WeekendHourCount {
  districtId: number;
  group: 'violence_public' | 'robbery' | 'other';
  weekday: number;
  hour: number;
  /** True for the months of the period, false for the period before it. */
  current: boolean;
  events: number;
}

const SLOTS = Array.from({ length: WEEKEND_NIGHT_SLOTS }, (_, slot) => slot);
type SlotSums = Record<`s${number}`, number>;
/**
 * Each weekend-night hour's sum over the rows, as a column of its own (s0 … s35): summing the arrays
 * slot by slot reads each row once; unnesting them into rows first took six times as long at 1M events.
 */
const SLOT_SUMS = sql.raw(SLOTS.map((slot) => `sum(events[${slot + 1}])::int as s${slot}`).join(', '));

export interface MonthDistrictTypeCount {
  month: string;
  districtId: number;
  type: string;
  events: number;
}

export function createSituationRepo(db: Kysely<Database>) {
  return {
    async latestEvents(filter: PictureFilter, limit: number): Promise<LatestEvent[]> {
      if (filter.districtIds.length === 0 || filter.types?.length === 0) return [];
      const types = filter.types ? sql`and type in (${sql.join(filter.types)})` : sql``;
      // Each district's newest events, read in the order of event_district_month (within a district the
      // month follows from the time), then the newest of them all: a few index entries per district.
      const result = await sql<LatestEvent>`
        select e.* from unnest(${sql.val(filter.districtIds)}::int[]) d(id)
        cross join lateral (
          select source, source_id as "sourceId", occurred_at as "occurredAt", type, title, url,
            district_id as "districtId", placement, placement_confidence as "placementConfidence",
            placement_detail as "placementDetail"
          from event
          where district_id = d.id and local_month >= ${filter.from} and local_month < ${filter.to} ${types}
          order by local_month desc, occurred_at desc, source desc, source_id desc
          limit ${limit}) e
        order by e."occurredAt" desc, e.source desc, e."sourceId" desc
        limit ${limit}`.execute(db);
      return result.rows;
    },

    /**
     * Events of the LPO's districts tied to a place, or placed by a precise point inside the box around
     * the places; the caller measures the distance.
     */
    placeCandidates(
      filter: PictureFilter,
      box: { minLon: number; minLat: number; maxLon: number; maxLat: number },
    ): Promise<PlaceCandidate[]> {
      if (filter.districtIds.length === 0 || filter.types?.length === 0) return Promise.resolve([]);
      let query = db
        .selectFrom('event')
        .select([
          'place_id as placeId',
          'lon',
          'lat',
          'local_weekday as weekday',
          'local_hour as hour',
          'local_month as month',
          'type',
        ])
        .where('district_id', 'in', filter.districtIds)
        .where('local_month', '>=', filter.from)
        .where('local_month', '<', filter.to)
        .where((eb) =>
          eb.or([
            eb('place_id', 'is not', null),
            eb.and([
              eb('placement', '=', 'point'),
              eb('lon', '>=', box.minLon),
              eb('lon', '<=', box.maxLon),
              eb('lat', '>=', box.minLat),
              eb('lat', '<=', box.maxLat),
            ]),
          ]),
        );
      if (filter.types) query = query.where('type', 'in', filter.types);
      return query.execute();
    },

    monthDistrictType(filter: PictureFilter): Promise<MonthDistrictTypeCount[]> {
      if (filter.districtIds.length === 0 || filter.types?.length === 0) return Promise.resolve([]);
      let query = db
        .selectFrom('event_rollup_month')
        .select(['local_month as month', 'district_id as districtId', 'type', 'events'])
        .where('district_id', 'in', filter.districtIds)
        .where('local_month', '>=', filter.from)
        .where('local_month', '<', filter.to);
      if (filter.types) query = query.where('type', 'in', filter.types);
      return query.orderBy('local_month').orderBy('district_id').orderBy('type').execute();
    },

    /**
     * Events per district, type group, weekday and hour in the weekend nights (Friday 18 to Sunday 06),
     * split into the months before `currentFrom` and from it on.
     */
    async weekendHoursByDistrict(filter: PictureFilter, currentFrom: string): Promise<WeekendHourCount[]> {
      if (filter.districtIds.length === 0) return [];
      const result = await sql<Omit<WeekendHourCount, 'weekday' | 'hour' | 'events'> & SlotSums>`
        select district_id as "districtId", type_group as "group",
          local_month >= ${currentFrom}::date as "current", ${SLOT_SUMS}
        from event_rollup_weekend
        where district_id = any(${sql.val(filter.districtIds)}::int[])
          and local_month >= ${filter.from} and local_month < ${filter.to}
        group by district_id, type_group, "current"`.execute(db);
      return result.rows.flatMap(({ districtId, group, current, ...sums }) =>
        SLOTS.flatMap((slot) => {
          const events = sums[`s${slot}`] ?? 0;
          return events > 0 ? [{ districtId, group, current, ...weekendNightHour(slot), events }] : [];
        }),
      );
    },

    /** The event types seen in the districts, most common first (for the type filter). */
    typesIn(districtIds: number[]): Promise<{ type: string; events: number }[]> {
      if (districtIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('event_rollup_month')
        .select(['type', sql<number>`sum(events)::int`.as('events')])
        .where('district_id', 'in', districtIds)
        .groupBy('type')
        .orderBy('events', 'desc')
        .orderBy('type')
        .execute();
    },

    /** When the latest event in the districts happened (undefined when there is none). */
    async latestEventAt(districtIds: number[]): Promise<Date | undefined> {
      if (districtIds.length === 0) return undefined;
      // Each district's last entry in event_district_month, as in latestEvents.
      const result = await sql<{ at: Date | string | null }>`
        select max(e.occurred_at) as at from unnest(${sql.val(districtIds)}::int[]) d(id)
        cross join lateral (
          select occurred_at from event where district_id = d.id
          order by local_month desc, occurred_at desc limit 1) e`.execute(db);
      const at = result.rows[0]?.at;
      return at ? new Date(at) : undefined;
    },
  };
}

export type SituationRepo = ReturnType<typeof createSituationRepo>;
