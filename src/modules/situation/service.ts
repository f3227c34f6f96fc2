// The situation picture (lägesbild): counts, trends and where and when events concentrate, for staff per
// LPO; the public, suppressed picture and open data; and weekend-operation suggestions a lead can plan.
import type { Kysely } from 'kysely';
import type { Database, PoliceArea } from '../../db/types.ts';
import {
  type FocusGroup,
  TYPE_GROUPS,
  type TypeGroup,
  typeGroupOf,
  typesOfGroup,
} from '../../domain/event-types.ts';
import { addMonths, stockholmParts } from '../../domain/iso-week.ts';
import { type CountComparison, compareCounts, poissonUpperTail } from '../../domain/significance.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import { type Shown, suppress } from '../../domain/suppression.ts';
import {
  bandOf,
  clockHour,
  DAY_BANDS,
  isEveningOrNight,
  isWeekendTime,
  nextDateOf,
  nightOf,
  type TimeWindow,
  WEEKEND_WINDOWS,
  windowByKey,
  windowContains,
} from '../../domain/time-bands.ts';
import type { AreaDistrict } from '../areas/repo.ts';
import type { AreasService } from '../areas/service.ts';
import type { PromisesService } from '../promises/service.ts';
import type { Place } from '../weekend/tables.ts';
import { districtByType, monthlyTrend, type PictureFilter, weekdayHour } from './picture-repo.ts';
import {
  createSituationRepo,
  type LatestEvent,
  type MonthDistrictTypeCount,
  type PlaceCandidate,
} from './repo.ts';

/** How near a place an event with a precise point must be to count as at the place. */
export const PLACE_RADIUS_METRES = 300;
/** Place kinds the picture looks at: transit hubs, licensed premises (krogar) and arenas. */
const PICTURE_PLACE_KINDS: readonly Place['kind'][] = ['transit', 'licensed_premises', 'arena'];
const LATEST_EVENTS = 20;
const SUGGESTIONS = 8;
/** A place stands out when a count this high is this unlikely at the places' usual level. */
const STANDS_OUT_P = 0.05;
/** The public picture covers this many complete months. */
export const PUBLIC_MONTHS = 12;

/** What the staff picture shows: the filter form's choices, checked. */
export interface PictureQuery {
  /** First month, 'YYYY-MM-01'. */
  from: string;
  /** Month after the last one, 'YYYY-MM-01'. */
  to: string;
  /** One district's slug, or undefined for the whole LPO. */
  district: string | undefined;
  types: TypeChoice;
}

export type TypeChoice =
  | { kind: 'all' }
  | { kind: 'group'; group: FocusGroup }
  | { kind: 'type'; type: string };

export interface PeriodComparison extends CountComparison {
  from: string;
  to: string;
}

export interface GroupRow {
  group: TypeGroup;
  current: number;
  previous: number;
  lastYear: number;
}

export interface PlaceStat {
  place: Place;
  events: number;
  eveningNight: number;
  /** P(a count this high) at the places' mean; set when the place stands out. */
  standsOutP: number | undefined;
}

export interface StaffPicture {
  area: PoliceArea;
  districts: AreaDistrict[];
  /** The districts the filter covers. */
  selected: AreaDistrict[];
  query: PictureQuery;
  total: number;
  previous: PeriodComparison;
  lastYear: PeriodComparison;
  byGroup: GroupRow[];
  monthly: { month: string; events: number }[];
  /** heat[weekday - 1][hour]. */
  heat: number[][];
  eveningNight: number;
  weekend: number;
  /** Every district of the LPO with its count under the type filter and period. */
  districtCounts: { district: AreaDistrict; events: number }[];
  places: PlaceStat[];
  latest: (LatestEvent & { districtName: string | undefined })[];
  latestEventAt: Date | undefined;
}

export interface Suggestion {
  /** 'place:<slug>:<window>' or 'district:<slug>:<window>': what the plan form sends back. */
  key: string;
  where: { kind: 'place' | 'district'; slug: string; name: string };
  window: TimeWindow;
  /** Focus-type events (violence in public, robbery) in the window over the period. */
  focus: number;
  /** All events in the window over the period. */
  all: number;
  /** Focus events in the window over the previous period of the same length. */
  previous: CountComparison;
}

export interface SuggestionList {
  from: string;
  to: string;
  places: Suggestion[];
  districts: Suggestion[];
}

export interface PublicPicture {
  area: PoliceArea;
  districts: AreaDistrict[];
  from: string;
  to: string;
  months: string[];
  threshold: number;
  /** cells[month][district][group]: counts, each hidden under the threshold. */
  monthly: { month: string; districtId: number; group: TypeGroup; events: Shown }[];
  /** Per district and group over the whole period (raw: the view protects the table with its totals). */
  districtGroups: number[][];
  /** Per month and group (raw, as above). */
  monthGroups: number[][];
  /** Per weekday and band (raw, as above). */
  weekdayBands: number[][];
  latestEventAt: Date | undefined;
}

export type PlanResult =
  | { ok: true; shiftId: number; created: boolean }
  | { ok: false; error: 'unknown_suggestion' | 'officers_range' };

export interface SituationServiceOptions {
  areas: AreasService;
  promises: PromisesService;
  suppressionThreshold: number;
}

export function createSituationService(db: Kysely<Database>, options: SituationServiceOptions) {
  const repo = createSituationRepo(db);
  const { areas, promises } = options;

  /** The filter of the query; without a district chosen, the whole LPO (read from its own rollups). */
  function filterOf(query: PictureQuery, districts: AreaDistrict[], area: PoliceArea): PictureFilter {
    return {
      districtIds: districts.map((d) => d.id),
      ...(query.district ? {} : { policeAreaId: area.id }),
      from: query.from,
      to: query.to,
      ...typeFilter(query.types),
    };
  }

  async function scope(area: PoliceArea, district: string | undefined) {
    const districts = await areas.districtsOf(area.id);
    const selected = district ? districts.filter((d) => d.slug === district) : districts;
    return { districts, selected };
  }

  async function pictureFor(area: PoliceArea, query: PictureQuery): Promise<StaffPicture> {
    const { districts, selected } = await scope(area, query.district);
    const filter = filterOf(query, selected, area);
    const length = monthsBetween(query.from, query.to);
    const previousFilter = { ...filter, from: addMonths(query.from, -length), to: query.from };
    const lastYearFilter = { ...filter, from: addMonths(query.from, -12), to: addMonths(query.to, -12) };
    const [current, previous, lastYear, hours, byDistrict, places, latest, latestEventAt] = await Promise.all(
      [
        monthlyTrend(db, filter),
        monthlyTrend(db, previousFilter),
        monthlyTrend(db, lastYearFilter),
        weekdayHour(db, filter),
        districtByType(db, { ...filter, districtIds: districts.map((d) => d.id) }),
        placeStats(area, filter),
        repo.latestEvents(filter, LATEST_EVENTS),
        repo.latestEventAt(districts.map((d) => d.id)),
      ],
    );
    const total = sum(current.map((r) => r.events));
    const heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    for (const r of hours) {
      const row = heat[r.weekday - 1];
      if (row) row[r.hour] = r.events;
    }
    const districtTotals = new Map<number, number>();
    for (const r of byDistrict)
      districtTotals.set(r.districtId, (districtTotals.get(r.districtId) ?? 0) + r.events);
    const names = new Map(districts.map((d) => [d.id, d.name]));
    return {
      area,
      districts,
      selected,
      query,
      total,
      previous: { ...compareCounts(total, sum(previous.map((r) => r.events))), ...periodOf(previousFilter) },
      lastYear: { ...compareCounts(total, sum(lastYear.map((r) => r.events))), ...periodOf(lastYearFilter) },
      byGroup: TYPE_GROUPS.map((group) => ({
        group,
        current: groupSum(current, group),
        previous: groupSum(previous, group),
        lastYear: groupSum(lastYear, group),
      })),
      monthly: monthsOf(query.from, query.to).map((month) => ({
        month,
        events: sum(current.filter((r) => r.month === month).map((r) => r.events)),
      })),
      heat,
      eveningNight: sum(hours.filter((r) => isEveningOrNight(r.hour)).map((r) => r.events)),
      weekend: sum(hours.filter((r) => isWeekendTime(r.weekday, r.hour)).map((r) => r.events)),
      districtCounts: districts.map((district) => ({
        district,
        events: districtTotals.get(district.id) ?? 0,
      })),
      places,
      latest: latest.map((e) => ({
        ...e,
        districtName: e.districtId === null ? undefined : names.get(e.districtId),
      })),
      latestEventAt,
    };
  }

  /** Counts at each transit hub, krog and arena: events tied to it by name, or within the radius. */
  async function placeStats(area: PoliceArea, filter: PictureFilter): Promise<PlaceStat[]> {
    const places = (await promises.weekend.places(area.id)).filter((p) =>
      PICTURE_PLACE_KINDS.includes(p.kind),
    );
    if (places.length === 0) return [];
    const events = await repo.placeCandidates(filter, boxAround(places));
    const counts = new Map(places.map((p) => [p.id, { events: 0, eveningNight: 0 }]));
    for (const event of events) {
      const place = placeOf(event, places);
      const count = place ? counts.get(place.id) : undefined;
      if (!count) continue;
      count.events++;
      if (isEveningOrNight(event.hour)) count.eveningNight++;
    }
    const mean = sum([...counts.values()].map((c) => c.events)) / places.length;
    return places
      .map((place) => {
        const count = counts.get(place.id) ?? { events: 0, eveningNight: 0 };
        const p = poissonUpperTail(count.events, mean);
        return { place, ...count, standsOutP: count.events > mean && p < STANDS_OUT_P ? p : undefined };
      })
      .sort((a, b) => b.events - a.events || a.place.name.localeCompare(b.place.name, 'sv'));
  }

  async function suggestionsFor(area: PoliceArea, query: PictureQuery): Promise<SuggestionList> {
    const { districts, selected } = await scope(area, query.district);
    const length = monthsBetween(query.from, query.to);
    const previousFrom = addMonths(query.from, -length);
    const base: PictureFilter = { districtIds: selected.map((d) => d.id), from: previousFrom, to: query.to };
    const places = (await promises.weekend.places(area.id)).filter((p) => p.kind !== 'other');
    const [candidates, districtRows] = await Promise.all([
      places.length > 0 ? repo.placeCandidates(base, boxAround(places)) : Promise.resolve([]),
      repo.weekendHoursByDistrict(base, query.from),
    ]);
    const tally = new Tally();
    for (const event of candidates) {
      const place = placeOf(event, places);
      const focus = typeGroupOf(event.type) !== 'other';
      if (place)
        tally.add(`place:${place.slug}`, event.month >= query.from, focus, event.weekday, event.hour, 1);
    }
    for (const row of districtRows) {
      const district = districts.find((d) => d.id === row.districtId);
      const focus = row.group !== 'other';
      if (district)
        tally.add(`district:${district.slug}`, row.current, focus, row.weekday, row.hour, row.events);
    }
    const named = (target: string) => {
      const [kind, slug] = target.split(':') as ['place' | 'district', string];
      const name =
        kind === 'place'
          ? places.find((p) => p.slug === slug)?.name
          : districts.find((d) => d.slug === slug)?.name;
      return { kind, slug, name: name ?? slug };
    };
    const ranked = tally.ranked().map((s) => ({ ...s, where: named(s.target) }));
    return {
      from: query.from,
      to: query.to,
      places: bestPerNight(ranked.filter((s) => s.where.kind === 'place')).slice(0, SUGGESTIONS),
      districts: bestPerNight(ranked.filter((s) => s.where.kind === 'district')).slice(0, SUGGESTIONS),
    };
  }

  return {
    picture: pictureFor,
    suggestions: suggestionsFor,

    /** The finest grain of the filter, month × district × type, for the CSV export. */
    async monthDistrictType(
      area: PoliceArea,
      query: PictureQuery,
    ): Promise<(MonthDistrictTypeCount & { district: string })[]> {
      const { districts, selected } = await scope(area, query.district);
      const names = new Map(districts.map((d) => [d.id, d.name]));
      const rows = await repo.monthDistrictType(filterOf(query, selected, area));
      return rows.map((r) => ({ ...r, district: names.get(r.districtId) ?? '' }));
    },

    /** The types seen in the LPO, most common first. */
    async typesIn(area: PoliceArea): Promise<string[]> {
      const districts = await areas.districtsOf(area.id);
      return (await repo.typesIn(districts.map((d) => d.id))).map((r) => r.type);
    },

    /**
     * When the LPO's latest event happened, and its month (or this month when there is none): where "the
     * last 12 months" end, so a picture of data that stops in August does not compare empty months.
     */
    async dataExtent(area: PoliceArea): Promise<{ dataMonth: string; latestEventAt: Date | undefined }> {
      const districts = await areas.districtsOf(area.id);
      const today = `${promises.today().slice(0, 7)}-01`;
      const latestEventAt = await repo.latestEventAt(districts.map((d) => d.id));
      const month = latestEventAt ? `${stockholmParts(latestEventAt).date.slice(0, 7)}-01` : today;
      return { dataMonth: month < today ? month : today, latestEventAt };
    },

    /** The name of the LPO's place or district with that slug (the slug itself when there is none). */
    async targetName(area: PoliceArea, kind: 'place' | 'district', slug: string): Promise<string> {
      const list =
        kind === 'place' ? await promises.weekend.places(area.id) : await areas.districtsOf(area.id);
      return list.find((item) => item.slug === slug)?.name ?? slug;
    },

    /** The public picture: the last complete months, per district, type group, weekday and band. */
    async publicPicture(area: PoliceArea): Promise<PublicPicture> {
      const districts = await areas.districtsOf(area.id);
      const to = `${promises.today().slice(0, 7)}-01`;
      const from = addMonths(to, -PUBLIC_MONTHS);
      const filter: PictureFilter = {
        districtIds: districts.map((d) => d.id),
        policeAreaId: area.id,
        from,
        to,
      };
      const [cells, hours, latestEventAt] = await Promise.all([
        repo.monthDistrictType(filter),
        weekdayHour(db, filter),
        repo.latestEventAt(filter.districtIds),
      ]);
      const months = monthsOf(from, to);
      const counts = new Map<string, number>();
      for (const c of cells) {
        const key = `${c.month}|${c.districtId}|${typeGroupOf(c.type)}`;
        counts.set(key, (counts.get(key) ?? 0) + c.events);
      }
      const count = (month: string, districtId: number, group: TypeGroup) =>
        counts.get(`${month}|${districtId}|${group}`) ?? 0;
      const weekdayBands = Array.from({ length: 7 }, () => DAY_BANDS.map(() => 0));
      for (const h of hours) {
        const row = weekdayBands[h.weekday - 1];
        const band = DAY_BANDS.findIndex((b) => b.key === bandOf(h.hour));
        if (row) row[band] = (row[band] ?? 0) + h.events;
      }
      return {
        area,
        districts,
        from,
        to,
        months,
        threshold: options.suppressionThreshold,
        monthly: months.flatMap((month) =>
          districts.flatMap((d) =>
            TYPE_GROUPS.map((group) => ({
              month,
              districtId: d.id,
              group,
              events: suppress(count(month, d.id, group), options.suppressionThreshold),
            })),
          ),
        ),
        districtGroups: districts.map((d) =>
          TYPE_GROUPS.map((g) => sum(months.map((m) => count(m, d.id, g)))),
        ),
        monthGroups: months.map((m) => TYPE_GROUPS.map((g) => sum(districts.map((d) => count(m, d.id, g))))),
        weekdayBands,
        latestEventAt,
      };
    },

    /** Turns a suggestion into a planned shift on the window's next date; one shift per submission id. */
    async planFromSuggestion(request: {
      area: PoliceArea;
      userId: number;
      key: string;
      officers: number;
      submissionId: string;
      note: string;
    }): Promise<PlanResult> {
      if (!Number.isInteger(request.officers) || request.officers < 1 || request.officers > 200)
        return { ok: false, error: 'officers_range' };
      const target = await planTarget(request.area, request.key);
      if (!target) return { ok: false, error: 'unknown_suggestion' };
      const date = nextDateOf(target.window, promises.today());
      const startsAt = stockholmInstant(date, clockHour(target.window.startHour));
      const result = await promises.weekend.planShift({
        policeAreaId: request.area.id,
        userId: request.userId,
        submissionId: request.submissionId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + target.window.hours * 3_600_000),
        officers: request.officers,
        places: target.places,
        note: request.note,
      });
      return { ok: true, shiftId: result.id, created: result.created };
    },
  };

  /** The window and the places of a suggestion key, when the key names the LPO's own place or district. */
  async function planTarget(area: PoliceArea, key: string) {
    const match = /^(place|district):([a-z0-9-]{1,80}):([a-z]{3}-\d{2})$/.exec(key);
    const window = match ? windowByKey(match[3] ?? '') : undefined;
    if (!match || !window) return undefined;
    if (match[1] === 'place') {
      const place = (await promises.weekend.places(area.id)).find((p) => p.slug === match[2]);
      return place ? { window, places: [place.slug] } : undefined;
    }
    const district = (await areas.districtsOf(area.id)).find((d) => d.slug === match[2]);
    return district ? { window, places: [] } : undefined;
  }
}

export type SituationService = ReturnType<typeof createSituationService>;

function typeFilter(choice: TypeChoice): { types?: string[] } {
  if (choice.kind === 'group') return { types: typesOfGroup(choice.group) };
  if (choice.kind === 'type') return { types: [choice.type] };
  return {};
}

/** Sums of focus and all events per target and window, this period and the one before. */
class Tally {
  private readonly counts = new Map<string, { focus: number; all: number; previousFocus: number }>();

  add(target: string, current: boolean, focus: boolean, weekday: number, hour: number, events: number): void {
    for (const window of WEEKEND_WINDOWS) {
      if (!windowContains(window, weekday, hour)) continue;
      const key = `${target}:${window.key}`;
      const entry = this.counts.get(key) ?? { focus: 0, all: 0, previousFocus: 0 };
      if (current) {
        entry.all += events;
        if (focus) entry.focus += events;
      } else if (focus) entry.previousFocus += events;
      this.counts.set(key, entry);
    }
  }

  ranked(): (Omit<Suggestion, 'where'> & { target: string })[] {
    return [...this.counts]
      .filter(([, c]) => c.focus > 0)
      .map(([key, c]) => {
        const cut = key.lastIndexOf(':');
        const window = windowByKey(key.slice(cut + 1)) ?? (WEEKEND_WINDOWS[0] as TimeWindow);
        return {
          key,
          target: key.slice(0, cut),
          window,
          focus: c.focus,
          all: c.all,
          previous: compareCounts(c.focus, c.previousFocus),
        };
      })
      .sort((a, b) => b.focus - a.focus || b.focus / b.all - a.focus / a.all || a.key.localeCompare(b.key));
  }
}

/** One window per target and night: overlapping windows of the same night say the same thing twice. */
function bestPerNight<T extends { where: { slug: string }; window: TimeWindow }>(ranked: T[]): T[] {
  const seen = new Set<string>();
  return ranked.filter((s) => {
    const key = `${s.where.slug}:${nightOf(s.window)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function placeOf(event: PlaceCandidate, places: Place[]): Place | undefined {
  if (event.placeId !== null) return places.find((p) => p.id === event.placeId);
  if (event.lon === null || event.lat === null) return undefined;
  let best: Place | undefined;
  let bestDistance = PLACE_RADIUS_METRES;
  for (const place of places) {
    const distance = metresBetween(event.lon, event.lat, place.lon, place.lat);
    if (distance <= bestDistance) {
      best = place;
      bestDistance = distance;
    }
  }
  return best;
}

/** Equirectangular distance: exact enough within a city. */
function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const radians = Math.PI / 180;
  const x = (lon2 - lon1) * radians * Math.cos(((lat1 + lat2) / 2) * radians);
  const y = (lat2 - lat1) * radians;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

function boxAround(places: Place[]) {
  const dLat = PLACE_RADIUS_METRES / 111_000;
  const dLon = dLat / Math.cos((59.3 * Math.PI) / 180);
  return {
    minLon: Math.min(...places.map((p) => p.lon)) - dLon,
    maxLon: Math.max(...places.map((p) => p.lon)) + dLon,
    minLat: Math.min(...places.map((p) => p.lat)) - dLat,
    maxLat: Math.max(...places.map((p) => p.lat)) + dLat,
  };
}

function groupSum(rows: { type: string; events: number }[], group: TypeGroup): number {
  return sum(rows.filter((r) => typeGroupOf(r.type) === group).map((r) => r.events));
}

function periodOf(filter: PictureFilter): { from: string; to: string } {
  return { from: filter.from, to: filter.to };
}

export function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

export function monthsOf(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, monthsBetween(from, to)) }, (_, i) => addMonths(from, i));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
