// Kysely table types of the weekend module's own tables (added to Database in db/types.ts).
import type { Generated, Selectable } from 'kysely';

export const PLACE_KINDS = ['transit', 'licensed_premises', 'arena', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A place the weekend operation visits: a transit hub, licensed premises, an arena. WGS84. */
export interface PlaceTable {
  id: Generated<number>;
  police_area_id: number;
  /** Stable name in URLs and in weekend_shift.places, e.g. 'avicii-arena'. */
  slug: string;
  name: string;
  kind: PlaceKind;
  lon: number;
  lat: number;
}

export interface WeekendTables {
  place: PlaceTable;
}

export type Place = Selectable<PlaceTable>;
