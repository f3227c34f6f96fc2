// Kysely table types of the safetywalks module's own tables (added to Database in db/types.ts).
import type { ColumnType, Generated } from 'kysely';
import type { ObservationStatus } from '../../domain/observation-status.ts';
import type { ObservationCategory } from './model.ts';

/** Something a safety walk found at a point, followed up with the organisation that owns the place. */
export interface ObservationTable {
  id: Generated<number>;
  safety_walk_id: number;
  police_area_id: number;
  /** WGS84. */
  lon: number;
  lat: number;
  category: ObservationCategory;
  description: string;
  /** The organisation it is sent to, e.g. "Stockholm stad, trafikkontoret". */
  owner: string | null;
  status: Generated<ObservationStatus>;
  created_at: ColumnType<Date, never, never>;
  submission_id: string | null;
}

/** One change of an observation's status: the history behind "sent 3 May, fixed 20 May". */
export interface ObservationEventTable {
  id: Generated<number>;
  observation_id: number;
  status: ObservationStatus;
  /** The day it happened (Stockholm calendar date), as entered. */
  at: string;
  comment: string | null;
  user_id: number | null;
  created_at: ColumnType<Date, never, never>;
}

export interface SafetyWalkTables {
  observation: ObservationTable;
  observation_event: ObservationEventTable;
}
