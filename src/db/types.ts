// Table types for Kysely. Dates (`date` columns) are read as 'YYYY-MM-DD' strings; timestamps as Date.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DialogueTables } from '../modules/dialogue/tables.ts';
import type { IcelandTables } from '../modules/iceland/tables.ts';
import type { PromiseHistoryTables } from '../modules/promises/tables.ts';
import type { SafetyWalkTables } from '../modules/safetywalks/tables.ts';
import type { SearchTables } from '../modules/search/tables.ts';
import type { SituationTables } from '../modules/situation/tables.ts';
import type { UpdatesTables } from '../modules/updates/tables.ts';
import type { WeekendTables } from '../modules/weekend/tables.ts';

type CreatedAt = ColumnType<Date, never, never>;
/** jsonb: written as a JSON string, read back parsed. */
export type Json<T> = ColumnType<T, string, string>;

export interface PoliceAreaTable {
  id: Generated<number>;
  slug: string;
  name: string;
  region: string;
  created_at: CreatedAt;
}

export interface DistrictAreaTable {
  id: Generated<number>;
  slug: string;
  name: string;
  municipality: string;
}

export interface DistrictTable {
  id: Generated<number>;
  slug: string;
  /** Display name, e.g. "Skarpnäcks gård". */
  name: string;
  /** Name as in the source GeoJSON, e.g. "SKARPNÄCKS GÅRD". */
  source_name: string;
  district_area_id: number | null;
  boundary: Json<GeoJSONPolygon>;
  /** [lon, lat] of the polygon's centroid, for labels and distances. */
  centroid: Json<[number, number]>;
}

export interface PoliceAreaDistrictTable {
  police_area_id: number;
  district_id: number;
  /** 'confirmed' or 'probable' (e.g. the Vantör split, pending the police's own definition). */
  confidence: 'confirmed' | 'probable';
}

export interface PromiseTable {
  id: Generated<number>;
  police_area_id: number;
  year: number;
  valid_from: string;
  valid_to: string;
  title: string;
  status: 'draft' | 'published';
  published_at: Date | null;
  is_demo: boolean;
  /** The whole promise document as imported (schema: PromiseFile). */
  document: Json<unknown>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CommitmentTable {
  id: Generated<number>;
  promise_id: number;
  key: string;
  position: number;
  kind: 'weekend_operation' | 'safety_walks' | 'iceland_model' | 'custom';
  title: string;
}

export interface WeekendShiftTable {
  id: Generated<number>;
  police_area_id: number;
  starts_at: Date;
  ends_at: Date;
  officers: number;
  /** Slugs of the LPO's places (table place); older rows may hold plain names. */
  places: Json<string[]>;
  premises_inspected: number;
  youth_contacts: number;
  note: string | null;
  is_demo: boolean;
  /** The form's one-time id: a repeated submit finds the shift instead of adding another. */
  submission_id: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  /** 'planned' when planned from the situation picture; only 'done' shifts count as work (0008). */
  status: ColumnType<'planned' | 'done', 'planned' | 'done' | undefined, 'planned' | 'done'>;
}

export interface SafetyWalkTable {
  id: Generated<number>;
  police_area_id: number;
  district_id: number | null;
  walk_date: string;
  status: 'planned' | 'done' | 'cancelled';
  partners: Json<string[]>;
  /** Observations counted by hand (the demo); walks with rows in `observation` are counted from those. */
  observations_count: number;
  is_demo: boolean;
  created_at: CreatedAt;
  /** The route walked: a GeoJSON LineString or MultiLineString, [lon, lat] in WGS84. */
  route: ColumnType<
    | { type: 'LineString'; coordinates: number[][] }
    | { type: 'MultiLineString'; coordinates: number[][][] }
    | null,
    string | null,
    string | null
  >;
  notes: string | null;
  partners_other: string | null;
  submission_id: string | null;
  created_by: number | null;
  /** The day it was carried out (may differ from the planned walk_date). */
  done_at: string | null;
}

/** Iceland-model case outcome: a pseudonymous reference only, never a name or personal number. */
export interface IcelandCaseTable {
  id: Generated<number>;
  police_area_id: number;
  reference: string;
  occurred_on: string;
  district_id: number | null;
  children: number;
  applied: boolean | null;
  not_applied_reason: string | null;
  social_services_alerted_at: Date | null;
  social_services_arrived_at: Date | null;
  is_demo: boolean;
  created_at: CreatedAt;
  /** The officer who recorded it (null for demo cases). */
  created_by: number | null;
  /** Why the case qualifies: keys of ICELAND_ELIGIBILITY. */
  eligibility: ColumnType<string[], string | undefined, string>;
  /** Keys of the LPO's iceland_measure checklist that were done. */
  measures: ColumnType<string[], string | undefined, string>;
  protection_assessment_done: boolean | null;
  protection_assessment_at: Date | null;
  submission_id: string | null;
}

/** A figure measured outside the system for a target whose source is 'reported'. */
export interface TargetReportTable {
  id: Generated<number>;
  commitment_id: number;
  target_index: number;
  reported_on: string;
  value: number;
  ok: boolean | null;
  area: string | null;
  note: string | null;
  created_at: CreatedAt;
}

/** Which seed sets have been loaded, so a second start adds nothing. */
export interface SeedRunTable {
  name: string;
  loaded_at: CreatedAt;
  detail: Json<unknown>;
}

export type { Role } from '../domain/permissions.ts';

import type { Role } from '../domain/permissions.ts';

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: CreatedAt;
}

export interface MembershipTable {
  user_id: number;
  police_area_id: number;
  role: Role;
}

export interface SessionTable {
  /** SHA-256 of the session id in the cookie: a leaked table does not give working cookies. */
  id: string;
  user_id: number | null;
  data: Json<Record<string, unknown>>;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  user_id: number | null;
  police_area_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface Database
  extends WeekendTables,
    SafetyWalkTables,
    IcelandTables,
    PromiseHistoryTables,
    SituationTables,
    DialogueTables,
    UpdatesTables,
    SearchTables {
  app_user: AppUserTable;
  membership: MembershipTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  police_area: PoliceAreaTable;
  district_area: DistrictAreaTable;
  district: DistrictTable;
  police_area_district: PoliceAreaDistrictTable;
  promise: PromiseTable;
  commitment: CommitmentTable;
  weekend_shift: WeekendShiftTable;
  safety_walk: SafetyWalkTable;
  iceland_case: IcelandCaseTable;
  target_report: TargetReportTable;
  seed_run: SeedRunTable;
}

export interface GeoJSONPolygon {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export type PoliceArea = Selectable<PoliceAreaTable>;
export type District = Selectable<DistrictTable>;
export type PromiseRow = Selectable<PromiseTable>;
export type CommitmentRow = Selectable<CommitmentTable>;
export type WeekendShift = Selectable<WeekendShiftTable>;
