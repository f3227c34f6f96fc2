// Kysely table types of the event importer's own bookkeeping (added to SituationTables).
import type { ColumnType } from 'kysely';

/** A point learnt to be a municipality or county centroid, not the scene of an event. */
export interface EventCentroidTable {
  lat: number;
  lon: number;
  location_name: string;
  learnt_at: ColumnType<Date, Date | undefined, Date>;
}

/** How far an interrupted import of one file got (see docs/situation-import.md). */
export interface EventImportCheckpointTable {
  file_key: string;
  run_started_at: Date;
  records_done: ColumnType<string, number, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface EventImportTables {
  event_centroid: EventCentroidTable;
  event_import_checkpoint: EventImportCheckpointTable;
}
