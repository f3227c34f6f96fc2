import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, IcelandCaseTable } from '../../db/types.ts';
import type { IcelandMeasureTable } from './tables.ts';

export type IcelandCase = Selectable<IcelandCaseTable>;
export type IcelandMeasure = Selectable<IcelandMeasureTable>;

/** What a new case stores (the reference and the recording officer come from the service). */
export interface CaseValues {
  occurredOn: string;
  districtId: number;
  children: number;
  eligibility: string[];
  measures: string[];
  alertedAt: Date | null;
  arrivedAt: Date | null;
  applied: boolean | null;
  notAppliedReason: string | null;
}

export function createIcelandRepo(db: Kysely<Database>) {
  return {
    /** Outcomes only (date, applied): what the target needs, nothing that describes a family. */
    outcomesBetween(policeAreaId: number, from: string, to: string) {
      return db
        .selectFrom('iceland_case')
        .select(['occurred_on', 'applied'])
        .where('police_area_id', '=', policeAreaId)
        .where('occurred_on', '>=', from)
        .where('occurred_on', '<=', to)
        .orderBy('occurred_on')
        .execute();
    },

    yearlyBetween(policeAreaId: number, fromYear: number, toYear: number) {
      return db
        .selectFrom('iceland_yearly')
        .select(['year', 'cases', 'applied'])
        .where('police_area_id', '=', policeAreaId)
        .where('year', '>=', fromYear)
        .where('year', '<=', toYear)
        .orderBy('year')
        .execute();
    },

    /** A page of the LPO's cases, newest first; only the recording officer's when createdBy is given. */
    async listPage(policeAreaId: number, createdBy: number | undefined, limit: number, offset: number) {
      let query = db.selectFrom('iceland_case').where('police_area_id', '=', policeAreaId);
      if (createdBy !== undefined) query = query.where('created_by', '=', createdBy);
      const [rows, total] = await Promise.all([
        query
          .select(['reference', 'occurred_on', 'applied', 'protection_assessment_done'])
          .orderBy('occurred_on', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    findByReference(policeAreaId: number, reference: string) {
      return db
        .selectFrom('iceland_case')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('reference', '=', reference)
        .executeTakeFirst();
    },

    findBySubmission(submissionId: string) {
      return db
        .selectFrom('iceland_case')
        .select(['police_area_id', 'reference', 'created_by'])
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
    },

    async referenceTaken(reference: string): Promise<boolean> {
      const row = await db
        .selectFrom('iceland_case')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Inserts the case unless its submission id was already used; true when a row was written. */
    async insertCase(
      policeAreaId: number,
      createdBy: number,
      reference: string,
      submissionId: string,
      values: CaseValues,
    ): Promise<boolean> {
      const rows = await db
        .insertInto('iceland_case')
        .values({
          police_area_id: policeAreaId,
          reference,
          occurred_on: values.occurredOn,
          district_id: values.districtId,
          children: values.children,
          eligibility: JSON.stringify(values.eligibility),
          measures: JSON.stringify(values.measures),
          social_services_alerted_at: values.alertedAt,
          social_services_arrived_at: values.arrivedAt,
          applied: values.applied,
          not_applied_reason: values.notAppliedReason,
          created_by: createdBy,
          submission_id: submissionId,
          is_demo: false,
        })
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .execute();
      return rows.length > 0;
    },

    async updateOutcome(
      caseId: number,
      values: Pick<CaseValues, 'measures' | 'alertedAt' | 'arrivedAt' | 'applied' | 'notAppliedReason'>,
    ): Promise<void> {
      await db
        .updateTable('iceland_case')
        .set({
          measures: JSON.stringify(values.measures),
          social_services_alerted_at: values.alertedAt,
          social_services_arrived_at: values.arrivedAt,
          applied: values.applied,
          not_applied_reason: values.notAppliedReason,
        })
        .where('id', '=', caseId)
        .execute();
    },

    async updateAssessment(caseId: number, done: boolean, at: Date | null): Promise<void> {
      await db
        .updateTable('iceland_case')
        .set({ protection_assessment_done: done, protection_assessment_at: at })
        .where('id', '=', caseId)
        .execute();
    },

    measures(policeAreaId: number) {
      return db
        .selectFrom('iceland_measure')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .orderBy('position')
        .orderBy('key')
        .execute();
    },

    async insertMeasures(
      rows: { police_area_id: number; key: string; label_sv: string; label_en: string; position: number }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('iceland_measure')
        .values(rows)
        .onConflict((oc) => oc.columns(['police_area_id', 'key']).doNothing())
        .execute();
    },

    async updateMeasure(
      policeAreaId: number,
      key: string,
      values: { label_sv: string; label_en: string; position: number; active: boolean },
    ): Promise<void> {
      await db
        .updateTable('iceland_measure')
        .set(values)
        .where('police_area_id', '=', policeAreaId)
        .where('key', '=', key)
        .execute();
    },

    /** Cases before a date per LPO and year of the case: all of them, the decided and the applied. */
    tallyBefore(cutoff: string) {
      const year = sql`extract(year from c.occurred_on)`;
      return db
        .selectFrom('iceland_case as c')
        .innerJoin('police_area as a', 'a.id', 'c.police_area_id')
        .select((eb) => [
          'c.police_area_id',
          'a.slug',
          sql<number>`cast(${year} as integer)`.as('year'),
          eb.fn.countAll<string>().as('removed'),
          eb.fn.count<string>('c.applied').as('decided'),
          sql<string>`count(*) filter (where c.applied)`.as('applied'),
        ])
        .where('c.occurred_on', '<', cutoff)
        .groupBy(['c.police_area_id', 'a.slug', year])
        .orderBy('a.slug')
        .orderBy('year')
        .execute();
    },

    /** Adds removed cases' tallies to what earlier retention runs kept. */
    async addToYearly(policeAreaId: number, year: number, cases: number, applied: number): Promise<void> {
      await db
        .insertInto('iceland_yearly')
        .values({ police_area_id: policeAreaId, year, cases, applied })
        .onConflict((oc) =>
          oc.columns(['police_area_id', 'year']).doUpdateSet({
            cases: sql`iceland_yearly.cases + excluded.cases`,
            applied: sql`iceland_yearly.applied + excluded.applied`,
          }),
        )
        .execute();
    },

    async deleteBefore(cutoff: string): Promise<number> {
      const result = await db.deleteFrom('iceland_case').where('occurred_on', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
