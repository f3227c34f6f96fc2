// Islandsmodellen: cases recorded by officers, opened only by those allowed and only with a stated reason
// (every open is audited), and a public follow-up that uses only the yearly share of cases where the
// model was applied, and only when there are enough cases that no single family can be picked out.
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/types.ts';
import { addMonths, stockholmDate } from '../../domain/iso-week.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { recordAudit } from '../auth/service.ts';
import { icelandMessages } from './messages.ts';
import { type CaseValues, createIcelandRepo, type IcelandCase, type IcelandMeasure } from './repo.ts';
import { DEFAULT_MEASURES, mayOpen, mayUpdate, newReference, type Purpose } from './rules.ts';

/** Who is acting, with their roles in the LPO of the request. */
export interface CaseActor {
  id: number;
  roles: Role[];
}

export interface OpenReason {
  purpose: Purpose;
  text: string;
}

export type OutcomeValues = Pick<
  CaseValues,
  'measures' | 'alertedAt' | 'arrivedAt' | 'applied' | 'notAppliedReason'
>;

export interface MeasureChange {
  key: string;
  labelSv: string;
  labelEn: string;
  position: number;
  active: boolean;
}

export interface NewMeasure {
  labelSv: string;
  labelEn: string;
  position: number;
}

export interface RetentionRow {
  lpo: string;
  policeAreaId: number;
  year: number;
  /** Case details removed (decided or not). */
  removed: number;
  /** Of them, decided (applied yes or no): what the public share counts. */
  decided: number;
  applied: number;
}

export interface RetentionReport {
  /** Cases that happened before this date are removed. */
  cutoff: string;
  dryRun: boolean;
  removed: number;
  rows: RetentionRow[];
}

export const CASES_PER_PAGE = 50;

export function createIcelandService(db: Kysely<Database>) {
  const repo = createIcelandRepo(db);

  async function caseFor(
    policeAreaId: number,
    actor: CaseActor,
    reference: string,
  ): Promise<IcelandCase | undefined> {
    const found = await repo.findByReference(policeAreaId, reference);
    return found && mayOpen(actor.roles, actor.id, found.created_by) ? found : undefined;
  }

  return {
    /**
     * Decided cases (applied yes/no); cases still open are not counted yet. Years whose older details
     * were removed by retention add their kept tallies, as weighted occurrences on the year's first day
     * in the period (the removed cases were the year's earliest).
     */
    async occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
      const outcomes = await repo.outcomesBetween(policeAreaId, period.from, period.to);
      const detailed: Occurrence[] = outcomes
        .filter((o) => o.applied !== null)
        .map((o) => ({ date: o.occurred_on, ok: o.applied === true }));
      const yearly = await repo.yearlyBetween(
        policeAreaId,
        Number(period.from.slice(0, 4)),
        Number(period.to.slice(0, 4)),
      );
      const kept: Occurrence[] = yearly.flatMap((y) => {
        const first = `${String(y.year).padStart(4, '0')}-01-01`;
        const date = first < period.from ? period.from : first;
        return [
          { date, count: y.applied, ok: true },
          { date, count: y.cases - y.applied, ok: false },
        ].filter((o) => o.count > 0);
      });
      return [...kept, ...detailed];
    },

    /** The LPO's checklist, all measures (inactive too); an LPO without one starts with the default. */
    async measures(policeAreaId: number): Promise<IcelandMeasure[]> {
      const measures = await repo.measures(policeAreaId);
      if (measures.length > 0) return measures;
      await repo.insertMeasures(
        DEFAULT_MEASURES.map((m, i) => ({
          police_area_id: policeAreaId,
          key: m.key,
          label_sv: m.sv,
          label_en: m.en,
          position: (i + 1) * 10,
        })),
      );
      return repo.measures(policeAreaId);
    },

    async saveChecklist(
      policeAreaId: number,
      actorId: number,
      changes: MeasureChange[],
      added: NewMeasure | undefined,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inTrx = createIcelandRepo(trx);
        const existing = new Set((await inTrx.measures(policeAreaId)).map((m) => m.key));
        for (const change of changes.filter((c) => existing.has(c.key))) {
          await inTrx.updateMeasure(policeAreaId, change.key, {
            label_sv: change.labelSv,
            label_en: change.labelEn,
            position: change.position,
            active: change.active,
          });
        }
        const addedKey = added ? uniqueKey(slugOf(added.labelSv), existing) : undefined;
        if (added && addedKey) {
          await inTrx.insertMeasures([
            {
              police_area_id: policeAreaId,
              key: addedKey,
              label_sv: added.labelSv,
              label_en: added.labelEn,
              position: added.position,
            },
          ]);
        }
        await recordAudit(trx, {
          userId: actorId,
          policeAreaId,
          action: 'iceland.checklist',
          entity: 'iceland_measure',
          detail: { changed: changes.length, ...(addedKey ? { added: addedKey } : {}) },
        });
      });
    },

    /** References, dates and status of the cases the actor may open, newest first; audited. */
    async listCases(policeAreaId: number, actor: CaseActor, page: number) {
      const ownOnly = !actor.roles.includes('lead') && !actor.roles.includes('social_services');
      const { rows, total } = await repo.listPage(
        policeAreaId,
        ownOnly ? actor.id : undefined,
        CASES_PER_PAGE,
        (page - 1) * CASES_PER_PAGE,
      );
      await recordAudit(db, {
        userId: actor.id,
        policeAreaId,
        action: 'iceland.list',
        entity: 'iceland_case',
        detail: { page, shown: rows.length, ownOnly },
      });
      return { rows, total, ownOnly, pages: Math.max(1, Math.ceil(total / CASES_PER_PAGE)) };
    },

    /** The case when the actor may open it (else undefined: a 404, whether or not it exists). */
    caseFor,

    /** Opens a case for reading: writes who, when and why to the audit log first. */
    async openCase(
      policeAreaId: number,
      actor: CaseActor,
      reference: string,
      reason: OpenReason,
    ): Promise<IcelandCase | undefined> {
      const found = await caseFor(policeAreaId, actor, reference);
      if (!found) return undefined;
      await recordAudit(db, {
        userId: actor.id,
        policeAreaId,
        action: 'iceland.read',
        entity: 'iceland_case',
        entityId: found.reference,
        reason: reasonText(reason),
        detail: { purpose: reason.purpose },
      });
      return found;
    },

    /**
     * Records a case under a new random reference. A repeated submission id records nothing and gives the
     * case it created before (undefined if that one is not the actor's to see).
     */
    async createCase(
      policeAreaId: number,
      actor: CaseActor,
      submissionId: string,
      values: CaseValues,
      recordedYear: number,
    ): Promise<{ reference: string | undefined; created: boolean }> {
      const result = await db.transaction().execute(async (trx) => {
        const inTrx = createIcelandRepo(trx);
        let reference = newReference(recordedYear);
        while (await inTrx.referenceTaken(reference)) reference = newReference(recordedYear);
        if (!(await inTrx.insertCase(policeAreaId, actor.id, reference, submissionId, values))) {
          return { reference: undefined, created: false };
        }
        await recordAudit(trx, {
          userId: actor.id,
          policeAreaId,
          action: 'iceland.create',
          entity: 'iceland_case',
          entityId: reference,
          detail: { applied: values.applied },
        });
        return { reference, created: true };
      });
      if (result.created) return result;
      const earlier = await repo.findBySubmission(submissionId);
      const visible =
        earlier?.police_area_id === policeAreaId && mayOpen(actor.roles, actor.id, earlier.created_by);
      return { reference: visible ? earlier.reference : undefined, created: false };
    },

    /** Updates measures, social services' times and whether the model was applied; false: no such case. */
    async updateOutcome(
      policeAreaId: number,
      actor: CaseActor,
      reference: string,
      values: OutcomeValues,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const inTrx = createIcelandRepo(trx);
        const found = await inTrx.findByReference(policeAreaId, reference);
        if (!found || !mayUpdate(actor.roles, actor.id, found.created_by)) return false;
        await inTrx.updateOutcome(found.id, values);
        await recordAudit(trx, {
          userId: actor.id,
          policeAreaId,
          action: 'iceland.update',
          entity: 'iceland_case',
          entityId: reference,
          detail: { applied: values.applied },
        });
        return true;
      });
    },

    /** Social services' protection assessment; false: no such case in the LPO. */
    async assess(
      policeAreaId: number,
      actor: CaseActor,
      reference: string,
      done: boolean,
      at: Date | null,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const inTrx = createIcelandRepo(trx);
        const found = await inTrx.findByReference(policeAreaId, reference);
        if (!found || !actor.roles.includes('social_services')) return false;
        await inTrx.updateAssessment(found.id, done, done ? at : null);
        await recordAudit(trx, {
          userId: actor.id,
          policeAreaId,
          action: 'iceland.assess',
          entity: 'iceland_case',
          entityId: reference,
          detail: { done },
        });
        return true;
      });
    },

    /**
     * Removes the details of cases that happened more than `olderThanMonths` before `now` (Stockholm
     * date), after adding their tallies to iceland_yearly, in one transaction; audited per LPO.
     */
    async retention(options: {
      olderThanMonths: number;
      now: Date;
      dryRun: boolean;
    }): Promise<RetentionReport> {
      const cutoff = addMonths(stockholmDate(options.now), -options.olderThanMonths);
      return db.transaction().execute(async (trx) => {
        const inTrx = createIcelandRepo(trx);
        const rows: RetentionRow[] = (await inTrx.tallyBefore(cutoff)).map((r) => ({
          lpo: r.slug,
          policeAreaId: r.police_area_id,
          year: Number(r.year),
          removed: Number(r.removed),
          decided: Number(r.decided),
          applied: Number(r.applied),
        }));
        const removed = rows.reduce((n, r) => n + r.removed, 0);
        if (options.dryRun || removed === 0) return { cutoff, dryRun: options.dryRun, removed, rows };
        for (const row of rows) await inTrx.addToYearly(row.policeAreaId, row.year, row.decided, row.applied);
        const deleted = await inTrx.deleteBefore(cutoff);
        if (deleted !== removed) throw new Error(`retention counted ${removed} cases but deleted ${deleted}`);
        for (const policeAreaId of new Set(rows.map((r) => r.policeAreaId))) {
          const ofArea = rows.filter((r) => r.policeAreaId === policeAreaId);
          await recordAudit(trx, {
            userId: null,
            policeAreaId,
            action: 'iceland.retention',
            entity: 'iceland_case',
            detail: {
              cutoff,
              olderThanMonths: options.olderThanMonths,
              removed: ofArea.reduce((n, r) => n + r.removed, 0),
              years: ofArea.map((r) => ({ year: r.year, cases: r.decided, applied: r.applied })),
            },
          });
        }
        return { cutoff, dryRun: false, removed, rows };
      });
    },
  };
}

export type IcelandService = ReturnType<typeof createIcelandService>;

/** The reason as kept in the audit log: the purpose in Swedish, and the text when one was given. */
function reasonText(reason: OpenReason): string {
  const label = icelandMessages('sv').purpose[reason.purpose];
  return reason.text ? `${label}: ${reason.text}` : label;
}

function slugOf(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'atgard';
}

function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}
