// Kysely table types of the promises module's own tables (added to Database in db/types.ts).
import type { ColumnType, Generated } from 'kysely';

export interface PromiseVersionTable {
  id: Generated<number>;
  promise_id: number;
  version: number;
  status: 'draft' | 'published';
  /** The whole promise document as saved (schema: PromiseFile). */
  document: ColumnType<unknown, string, string>;
  /** What changed from the previous version, one line each ("title", "commitments[helginsats].targets[0].value: 3 → 4"). */
  changes: ColumnType<string[], string, string>;
  changed_by: number | null;
  changed_at: Generated<Date>;
}

export interface PromiseHistoryTables {
  promise_version: PromiseVersionTable;
}
