// Kysely table types of the situation module's own tables (added to Database in db/types.ts).
import type { ColumnType, Selectable } from 'kysely';
import type { EventImportTables } from './import/tables.ts';

export type EventPlacement = 'point' | 'gazetteer' | 'unplaced';
export type PlacementConfidence = 'high' | 'medium' | 'low' | 'none';

/** An imported incident event (the police's public events, or rows of the generic CSV). */
export interface EventTable {
  /** With source_id, the primary key. */
  source: string;
  source_id: string;
  occurred_at: Date;
  /** When the police published it (null for CSV rows without it). */
  published_at: Date | null;
  /** First day of the Stockholm-local month, 'YYYY-MM-01'. */
  local_month: string;
  /** ISO weekday in Stockholm, 1 = Monday … 7 = Sunday. */
  local_weekday: number;
  /** Hour in Stockholm, 0–23. */
  local_hour: number;
  type: string;
  title: string;
  summary: string;
  url: string | null;
  location_name: string | null;
  lon: number | null;
  lat: number | null;
  district_id: number | null;
  place_id: number | null;
  placement: EventPlacement;
  placement_confidence: PlacementConfidence;
  placement_detail: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  imported_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Events per district, Stockholm-local month and type (0008; refreshed by rollups.ts). */
export interface EventRollupMonthTable {
  district_id: number;
  local_month: string;
  type: string;
  events: number;
}

/**
 * Events per district, month and type group in the weekend nights, Friday 18:00 to Sunday 06:00: the 36
 * hours' counts in order (time-bands.ts weekendNightHour; 0016; refreshed by rollups.ts).
 */
export interface EventRollupWeekendTable {
  district_id: number;
  local_month: string;
  type_group: 'violence_public' | 'robbery' | 'other';
  events: number[];
}

/** Events per LPO, month and type (0008): the monthly trend of a whole LPO. */
export interface EventRollupAreaMonthTable {
  police_area_id: number;
  local_month: string;
  type: string;
  events: number;
}

/** Events per LPO, month, weekday and hour, one column per type group (0008): the heatmap of a whole LPO. */
export interface EventRollupAreaHourTable {
  police_area_id: number;
  local_month: string;
  local_weekday: number;
  local_hour: number;
  violence_public: number;
  robbery: number;
  other: number;
}

/**
 * Per district and month, each type's events from January of the month's year through the month (0012;
 * refreshed by rollups.ts): district × type over any period from a few rows.
 */
export interface EventRollupYearToDateTable {
  local_month: string;
  district_id: number;
  events: YearToDateCounts;
}

/** Type → events; only types with at least one event. */
export type YearToDateCounts = Record<string, number>;

export interface SituationTables extends EventImportTables {
  event: EventTable;
  event_rollup_month: EventRollupMonthTable;
  event_rollup_weekend: EventRollupWeekendTable;
  event_rollup_area_month: EventRollupAreaMonthTable;
  event_rollup_area_hour: EventRollupAreaHourTable;
  event_rollup_year_to_date: EventRollupYearToDateTable;
}

export type EventRow = Selectable<EventTable>;
