// What a batch of new events adds to the rollups (rollups.ts), counted by the reader as it reads them.
// Adding these counts costs the database a fraction of counting the batch's months again from `event`
// (a third of a bulk load's time went to that), and only works for a batch stored whole as new
// (importer.ts); any other batch has its months counted again. No database code here: the reader's
// worker thread builds these.
import { TYPE_GROUPS, type TypeGroup, typeGroupOf } from '../../../domain/event-types.ts';
import { WEEKEND_NIGHT_SLOTS, weekendNightHour } from '../../../domain/time-bands.ts';

/** The rows to add to each rollup, as columns (one entry per row; the SQL unnests them). */
export interface AddedCounts {
  /** The Stockholm-local months ('YYYY-MM-01') of the events counted. */
  months: string[];
  /** event_rollup_month: district × month × type. */
  month: { districtIds: number[]; months: string[]; types: string[]; events: number[] };
  /**
   * event_rollup_weekend: district × month × type group, with the counts of the 36 hours from Friday 18
   * to Sunday 06 (time-bands.ts weekendNightHour): WEEKEND_NIGHT_SLOTS numbers per row, one row after the
   * other.
   */
  weekend: { districtIds: number[]; months: string[]; typeGroups: TypeGroup[]; counts: number[] };
  /** event_rollup_area_hour: LPO × month × weekday × hour, a count per type group. */
  areaHour: {
    policeAreaIds: number[];
    months: string[];
    weekdays: number[];
    hours: number[];
    violencePublic: number[];
    robbery: number[];
    other: number[];
  };
}

/** Which LPOs a district belongs to (police_area_district), as the import found it when it started. */
export type DistrictCoverage = ReadonlyMap<number, readonly number[]>;

const HOURS_OF_WEEK = 7 * 24;

/**
 * Counts of one month, in typed arrays and maps keyed by numbers or by the reader's cached month and type
 * strings (V8 hashes those once): string keys built per event cost more than reading the event.
 */
interface MonthCounts {
  byDistrict: Map<number, DistrictCounts>;
  /** Per LPO: events by type group × hour of the week. */
  byArea: Map<number, Int32Array>;
}

interface DistrictCounts {
  byType: Map<string, { events: number; group: number }>;
  /** Events by type group × hour of the week (only the weekend nights' are used). */
  byHour: Int32Array;
  /** The month's counts of the district's LPOs (MonthCounts.byArea). */
  areas: Int32Array[];
}

export class BatchCounts {
  private readonly byMonth = new Map<string, MonthCounts>();

  constructor(private readonly coverage: DistrictCoverage) {}

  /** One event (weekday 1 = Monday). Events in no district are in no rollup. */
  add(districtId: number | null, month: string, type: string, weekday: number, hour: number): void {
    let counts = this.byMonth.get(month);
    if (!counts) {
      counts = { byDistrict: new Map(), byArea: new Map() };
      this.byMonth.set(month, counts);
    }
    if (districtId === null) return;
    const district = counts.byDistrict.get(districtId) ?? this.newDistrict(counts, districtId);
    let ofType = district.byType.get(type);
    if (!ofType) {
      ofType = { events: 0, group: TYPE_GROUPS.indexOf(typeGroupOf(type)) };
      district.byType.set(type, ofType);
    }
    ofType.events++;
    const slot = ofType.group * HOURS_OF_WEEK + (weekday - 1) * 24 + hour;
    (district.byHour[slot] as number)++;
    for (const area of district.areas) (area[slot] as number)++;
  }

  private newDistrict(counts: MonthCounts, districtId: number): DistrictCounts {
    const areas = (this.coverage.get(districtId) ?? []).map((policeAreaId) => {
      let area = counts.byArea.get(policeAreaId);
      if (!area) {
        area = new Int32Array(TYPE_GROUPS.length * HOURS_OF_WEEK);
        counts.byArea.set(policeAreaId, area);
      }
      return area;
    });
    const district = { byType: new Map(), byHour: new Int32Array(TYPE_GROUPS.length * HOURS_OF_WEEK), areas };
    counts.byDistrict.set(districtId, district);
    return district;
  }

  hasMonth(month: string): boolean {
    return this.byMonth.has(month);
  }

  take(): AddedCounts {
    const added: AddedCounts = {
      months: [...this.byMonth.keys()],
      month: { districtIds: [], months: [], types: [], events: [] },
      weekend: { districtIds: [], months: [], typeGroups: [], counts: [] },
      areaHour: {
        policeAreaIds: [],
        months: [],
        weekdays: [],
        hours: [],
        violencePublic: [],
        robbery: [],
        other: [],
      },
    };
    for (const [month, counts] of this.byMonth) {
      for (const [districtId, district] of counts.byDistrict) {
        takeMonth(added.month, districtId, month, district.byType);
        takeWeekend(added.weekend, districtId, month, district.byHour);
      }
      for (const [policeAreaId, byHour] of counts.byArea)
        takeAreaHours(added.areaHour, policeAreaId, month, byHour);
    }
    return added;
  }
}

function takeMonth(
  rows: AddedCounts['month'],
  districtId: number,
  month: string,
  byType: DistrictCounts['byType'],
): void {
  for (const [type, { events }] of byType)
    pushRow(rows, { districtIds: districtId, months: month, types: type, events });
}

function takeWeekend(
  rows: AddedCounts['weekend'],
  districtId: number,
  month: string,
  byHour: Int32Array,
): void {
  for (const [group, typeGroup] of TYPE_GROUPS.entries()) {
    const nights = Array.from({ length: WEEKEND_NIGHT_SLOTS }, (_, slot) => {
      const { weekday, hour } = weekendNightHour(slot);
      return byHour[group * HOURS_OF_WEEK + (weekday - 1) * 24 + hour] as number;
    });
    if (nights.every((events) => events === 0)) continue;
    rows.districtIds.push(districtId);
    rows.months.push(month);
    rows.typeGroups.push(typeGroup);
    rows.counts.push(...nights);
  }
}

function takeAreaHours(
  rows: AddedCounts['areaHour'],
  policeAreaId: number,
  month: string,
  byHour: Int32Array,
): void {
  for (let hourOfWeek = 0; hourOfWeek < HOURS_OF_WEEK; hourOfWeek++) {
    const [violencePublic, robbery, other] = TYPE_GROUPS.map(
      (_, group) => byHour[group * HOURS_OF_WEEK + hourOfWeek] as number,
    ) as [number, number, number];
    if (violencePublic + robbery + other === 0) continue;
    const weekday = Math.floor(hourOfWeek / 24) + 1;
    const hour = hourOfWeek % 24;
    pushRow(rows, {
      policeAreaIds: policeAreaId,
      months: month,
      weekdays: weekday,
      hours: hour,
      violencePublic,
      robbery,
      other,
    });
  }
}

/** Appends one row to the columns. */
function pushRow<T extends { [K in keyof T]: unknown[] }>(
  columns: T,
  row: { [K in keyof T]: T[K][number] },
): void {
  for (const key of Object.keys(row) as (keyof T)[]) columns[key].push(row[key]);
}
