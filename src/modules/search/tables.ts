// Kysely table types of the search module's own tables (added to Database in db/types.ts).
import type { ColumnType, Generated } from 'kysely';

export type SearchKind = 'lpo' | 'promise' | 'commitment' | 'update' | 'place' | 'district';

/** One findable thing, derived from the public source tables; rebuilt whenever they change. */
export interface SearchDocumentTable {
  id: Generated<number>;
  kind: SearchKind;
  police_area_id: number;
  lpo_name: string;
  year: number | null;
  /** Where the result links to, per language. */
  path_sv: string;
  path_en: string;
  title: string;
  body: string;
  /** Folded name (lower case, no diacritics) of places, districts and LPOs: the trigram key. */
  name_key: string | null;
  visible_from: string | null;
  /** Generated from title (weight A) and body (weight B) with the Swedish configuration. */
  tsv: ColumnType<string, never, never>;
}

/** One row; every write to a source updates it, which orders writers and rebuilds. */
export interface SearchStateTable {
  id: ColumnType<boolean, never, never>;
  /** A change that may touch any LPO's documents (a district renamed): rebuild all. */
  rebuild_all: boolean;
  /** SEARCH_DOCUMENTS_VERSION of the app that built the documents. */
  version: number;
}

/** LPOs with a source change the index has not seen yet. */
export interface SearchStaleAreaTable {
  police_area_id: number;
}

export interface SearchTables {
  search_document: SearchDocumentTable;
  search_state: SearchStateTable;
  search_stale_area: SearchStaleAreaTable;
}
