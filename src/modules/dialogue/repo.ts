// SQL of the dialogue module. Aggregates are computed in the database: the public summary never loads
// single inputs, only counts and approved texts.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DialogueInput, DialogueInputTable } from './tables.ts';

export interface Span {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface InputDetail extends DialogueInput {
  district_name: string;
  place_name: string | null;
}

export function createDialogueRepo(db: Kysely<Database>) {
  function inSpan(policeAreaId: number, span: Span) {
    return db
      .selectFrom('dialogue_input')
      .where('police_area_id', '=', policeAreaId)
      .where('submitted_at', '>=', span.from)
      .where('submitted_at', '<', span.to);
  }

  function withNames() {
    return db
      .selectFrom('dialogue_input as i')
      .innerJoin('district as d', 'd.id', 'i.district_id')
      .leftJoin('place as p', 'p.id', 'i.place_id')
      .selectAll('i')
      .select(['d.name as district_name', 'p.name as place_name']);
  }

  return {
    /** The new input's id, or undefined when its submission id is already stored. */
    async insert(
      trx: Transaction<Database>,
      input: Insertable<DialogueInputTable>,
    ): Promise<number | undefined> {
      const row = await trx
        .insertInto('dialogue_input')
        .values(input)
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async insertMany(trx: Transaction<Database>, inputs: Insertable<DialogueInputTable>[]): Promise<void> {
      for (let i = 0; i < inputs.length; i += 500) {
        await trx
          .insertInto('dialogue_input')
          .values(inputs.slice(i, i + 500))
          .execute();
      }
    },

    bySubmission(submissionId: string): Promise<InputDetail | undefined> {
      return withNames().where('i.submission_id', '=', submissionId).executeTakeFirst();
    },

    /** One input, only if it belongs to the LPO. */
    find(trx: Transaction<Database>, policeAreaId: number, id: number): Promise<DialogueInput | undefined> {
      return trx
        .selectFrom('dialogue_input')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async decide(
      trx: Transaction<Database>,
      id: number,
      decision: { moderation: 'approved' | 'rejected'; userId: number; at: Date; note: string | null },
    ): Promise<void> {
      await trx
        .updateTable('dialogue_input')
        .set({
          moderation: decision.moderation,
          moderated_by: decision.userId,
          moderated_at: decision.at,
          moderation_note: decision.note,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Texts waiting for a decision, oldest first. */
    pending(policeAreaId: number, limit: number): Promise<InputDetail[]> {
      return withNames()
        .where('i.police_area_id', '=', policeAreaId)
        .where('i.moderation', '=', 'pending')
        .orderBy('i.submitted_at')
        .orderBy('i.id')
        .limit(limit)
        .execute();
    },

    async moderationCounts(
      policeAreaId: number,
    ): Promise<Record<'pending' | 'approved' | 'rejected', number>> {
      const rows = await db
        .selectFrom('dialogue_input')
        .select(['moderation', db.fn.countAll<string>().as('n')])
        .where('police_area_id', '=', policeAreaId)
        .where('moderation', 'is not', null)
        .groupBy('moderation')
        .execute();
      const count = (m: string) => Number(rows.find((r) => r.moderation === m)?.n ?? 0);
      return { pending: count('pending'), approved: count('approved'), rejected: count('rejected') };
    },

    async total(policeAreaId: number, span: Span): Promise<{ inputs: number; demo: number }> {
      const row = await inSpan(policeAreaId, span)
        .select([db.fn.countAll<string>().as('n'), sql<string>`count(*) filter (where is_demo)`.as('demo')])
        .executeTakeFirst();
      return { inputs: Number(row?.n ?? 0), demo: Number(row?.demo ?? 0) };
    },

    async byCategory(policeAreaId: number, span: Span): Promise<{ key: string; n: number }[]> {
      const rows = await inSpan(policeAreaId, span)
        .innerJoin(sql<{ value: string }>`jsonb_array_elements_text(categories)`.as('c'), (join) =>
          join.onTrue(),
        )
        .select(['c.value as key', db.fn.countAll<string>().as('n')])
        .groupBy('c.value')
        .execute();
      return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
    },

    async byDistrict(policeAreaId: number, span: Span): Promise<{ districtId: number; n: number }[]> {
      const rows = await inSpan(policeAreaId, span)
        .select(['district_id', db.fn.countAll<string>().as('n')])
        .groupBy('district_id')
        .execute();
      return rows.map((r) => ({ districtId: r.district_id, n: Number(r.n) }));
    },

    async byWhen(
      policeAreaId: number,
      span: Span,
    ): Promise<{ weekday: number | null; timeBand: string; n: number }[]> {
      const rows = await inSpan(policeAreaId, span)
        .select(['weekday', 'time_band', db.fn.countAll<string>().as('n')])
        .groupBy(['weekday', 'time_band'])
        .execute();
      return rows.map((r) => ({ weekday: r.weekday, timeBand: r.time_band, n: Number(r.n) }));
    },

    /** Approved texts, newest first. */
    approvedTexts(policeAreaId: number, span: Span, limit: number): Promise<InputDetail[]> {
      return withNames()
        .where('i.police_area_id', '=', policeAreaId)
        .where('i.submitted_at', '>=', span.from)
        .where('i.submitted_at', '<', span.to)
        .where('i.moderation', '=', 'approved')
        .orderBy('i.submitted_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type DialogueRepo = ReturnType<typeof createDialogueRepo>;
