// Kysely table types of the iceland module's own tables (added to Database in db/types.ts).
import type { ColumnType } from 'kysely';

/** One initial measure of an LPO's checklist. Never deleted, only made inactive: old cases name it. */
export interface IcelandMeasureTable {
  police_area_id: number;
  key: string;
  label_sv: string;
  label_en: string;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Decided cases whose details were removed by retention, tallied per LPO and year. */
export interface IcelandYearlyTable {
  police_area_id: number;
  year: number;
  cases: number;
  applied: number;
}

export interface IcelandTables {
  iceland_measure: IcelandMeasureTable;
  iceland_yearly: IcelandYearlyTable;
}
