// Kysely table types of the dialogue module's own tables (added to Database in db/types.ts).
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AgeBand, Category, Moderation, TimeBand } from './model.ts';

/** One resident's answer to "where and when do you feel unsafe?". Nothing in it names the sender. */
export interface DialogueInputTable {
  id: Generated<number>;
  submission_id: string;
  police_area_id: number;
  district_id: number;
  place_id: number | null;
  /** ISO weekday 1–7; null when it varies. */
  weekday: number | null;
  time_band: TimeBand;
  categories: ColumnType<Category[], string, string>;
  free_text: string | null;
  age_band: AgeBand | null;
  /** Null when there is no free text: only text is moderated. */
  moderation: Moderation | null;
  moderated_by: number | null;
  moderated_at: Date | null;
  moderation_note: string | null;
  submitted_at: Date;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface DialogueTables {
  dialogue_input: DialogueInputTable;
}

export type DialogueInput = Selectable<DialogueInputTable>;
