// Helginsatsen: weekend shifts, the places they visit, and which shifts make a week "staffed".
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database, WeekendShift } from '../../db/types.ts';
import { isoWeekKey, isoWeekOf, isoWeeksInYear, isoYearRange, stockholmDate } from '../../domain/iso-week.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { type FieldError, formatFieldErrors, validate } from '../../domain/validation.ts';
import { countsAsWeekendShift } from '../../domain/weekend.ts';
import { recordAudit } from '../auth/service.ts';
import { createWeekendRepo } from './repo.ts';
import { PlaceFile } from './schema.ts';
import { parseShift, type ShiftErrors, type ShiftForm } from './shift-input.ts';
import type { Place } from './tables.ts';

export class PlaceImportError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The place file is not valid:\n${formatFieldErrors(errors)}`);
  }
}

export interface WeekendWorkSummary {
  shifts: number;
  qualifyingShifts: number;
  officerShifts: number;
  premisesInspected: number;
  youthContacts: number;
  recent: {
    date: string;
    officers: number;
    /** Place names, for people to read. */
    places: string[];
    premisesInspected: number;
    youthContacts: number;
  }[];
}

/** A shift as the staff pages show it. */
export interface ShiftView {
  id: number;
  startsAt: Date;
  endsAt: Date;
  officers: number;
  places: { slug: string; name: string }[];
  premisesInspected: number;
  youthContacts: number;
  note: string | null;
  isDemo: boolean;
  /** True when the shift makes its ISO week staffed (the default rule in domain/weekend.ts). */
  countsAsStaffed: boolean;
  /** A shift planned from the situation picture, not yet carried out. */
  planned: boolean;
}

/** How many of the ISO year's weeks are staffed up to today, and whether this week already is. */
export interface StaffedWeeks {
  year: number;
  weeksInYear: number;
  staffed: number;
  currentWeek: number;
  currentWeekStaffed: boolean;
}

export type LogShiftResult = { ok: true; id: number; created: boolean } | { ok: false; errors: ShiftErrors };

/** A shift planned ahead, e.g. from a suggestion of the situation picture. */
export interface PlanShiftRequest {
  policeAreaId: number;
  userId: number;
  submissionId: string;
  startsAt: Date;
  endsAt: Date;
  officers: number;
  /** Slugs of the LPO's places. */
  places: string[];
  note: string;
}

export interface LogShiftRequest {
  policeAreaId: number;
  userId: number;
  /** The form's one-time id: the same id twice gives the first shift back. */
  submissionId: string;
  form: ShiftForm;
  /** The Stockholm date today; shifts cannot start after it. */
  today: string;
}

const swedishOrder = new Intl.Collator('sv');

export function createWeekendService(db: Kysely<Database>) {
  const repo = createWeekendRepo(db);

  /** Shifts whose Stockholm start date lies in the period (dates inclusive). */
  async function shiftsIn(policeAreaId: number, period: Period): Promise<WeekendShift[]> {
    const { from, to } = utcRangeAround(period);
    const shifts = await repo.between(policeAreaId, from, to);
    return shifts.filter((s) => inPeriod(stockholmDate(s.starts_at), period));
  }

  /** One occurrence per shift that counts toward a staffed week. */
  async function occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
    // Only the two columns the rule reads: a year of whole rows costs twice as much on PGlite.
    const { from, to } = utcRangeAround(period);
    const starts = await repo.doneStarts(policeAreaId, from, to);
    return starts
      .filter((s) => countsAsWeekendShift({ startsAt: s.starts_at, officers: s.officers }))
      .map((s) => ({ date: stockholmDate(s.starts_at) }))
      .filter((o) => inPeriod(o.date, period));
  }

  /** The LPO's places in Swedish alphabetical order. */
  async function places(policeAreaId: number): Promise<Place[]> {
    const rows = await repo.places(policeAreaId);
    return rows.sort((a, b) => swedishOrder.compare(a.name, b.name));
  }

  async function placesBySlug(policeAreaId: number): Promise<Map<string, Place>> {
    return new Map((await repo.places(policeAreaId)).map((p) => [p.slug, p]));
  }

  async function importPlaces(area: { id: number; slug: string }, input: unknown): Promise<number> {
    const result = validate(PlaceFile, input);
    if (!result.ok) throw new PlaceImportError(result.errors);
    const file = result.value;
    const errors: FieldError[] = [];
    if (file.lpo !== area.slug) errors.push({ field: 'lpo', message: `is not "${area.slug}"` });
    const seen = new Set<string>();
    for (const [i, place] of file.places.entries()) {
      if (seen.has(place.slug)) errors.push({ field: `places[${i}].slug`, message: 'used twice' });
      seen.add(place.slug);
    }
    if (errors.length > 0) throw new PlaceImportError(errors);
    await db.transaction().execute((trx) =>
      repo.upsertPlaces(
        trx,
        file.places.map((p) => ({ police_area_id: area.id, ...p })),
      ),
    );
    return file.places.length;
  }

  return {
    occurrences,
    places,

    async summary(policeAreaId: number, period: Period, recentCount = 5): Promise<WeekendWorkSummary> {
      const shifts = await shiftsIn(policeAreaId, period);
      const known = await placesBySlug(policeAreaId);
      return {
        shifts: shifts.length,
        qualifyingShifts: shifts.filter(qualifies).length,
        officerShifts: sum(shifts.map((s) => s.officers)),
        premisesInspected: sum(shifts.map((s) => s.premises_inspected)),
        youthContacts: sum(shifts.map((s) => s.youth_contacts)),
        recent: shifts
          .slice(-recentCount)
          .reverse()
          .map((s) => ({
            date: stockholmDate(s.starts_at),
            officers: s.officers,
            places: s.places.map((slug) => known.get(slug)?.name ?? slug),
            premisesInspected: s.premises_inspected,
            youthContacts: s.youth_contacts,
          })),
      };
    },

    /** Imports a place file (see PlaceFile) for the LPO; returns the number of places in it. */
    async importPlaceFile(area: { id: number; slug: string }, file: string): Promise<number> {
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new PlaceImportError([{ field: '', message: `${file}: ${(error as Error).message}` }]);
      }
      return importPlaces(area, input);
    },

    /** Checks and stores a shift from the form; one shift per submission id, all in one transaction. */
    async logShift(request: LogShiftRequest): Promise<LogShiftResult> {
      const known = await placesBySlug(request.policeAreaId);
      const parsed = parseShift(request.form, { placeSlugs: new Set(known.keys()), today: request.today });
      if (!parsed.ok) return parsed;
      const shift = parsed.value;
      return db.transaction().execute(async (trx) => {
        const id = await repo.insertShift(trx, {
          police_area_id: request.policeAreaId,
          starts_at: shift.startsAt,
          ends_at: shift.endsAt,
          officers: shift.officers,
          places: JSON.stringify(shift.places),
          premises_inspected: shift.premisesInspected,
          youth_contacts: shift.youthContacts,
          note: shift.note,
          is_demo: false,
          submission_id: request.submissionId,
          created_by: request.userId,
        });
        if (id !== undefined) {
          await recordAudit(trx, {
            userId: request.userId,
            policeAreaId: request.policeAreaId,
            action: 'shift.create',
            entity: 'weekend_shift',
            entityId: String(id),
          });
          return { ok: true, id, created: true };
        }
        const existing = await repo.shiftIdBySubmission(trx, request.policeAreaId, request.submissionId);
        // The id is a random UUID from our own form: another LPO's shift with it means a forged form.
        if (existing === undefined) {
          throw Object.assign(new Error('submission id belongs to another local police area'), {
            statusCode: 400,
          });
        }
        return { ok: true, id: existing, created: false };
      });
    },

    /** Stores a planned shift: listed as planned, and counted as no work until it is logged as done. */
    async planShift(request: PlanShiftRequest): Promise<{ id: number; created: boolean }> {
      return db.transaction().execute(async (trx) => {
        const id = await repo.insertShift(trx, {
          police_area_id: request.policeAreaId,
          starts_at: request.startsAt,
          ends_at: request.endsAt,
          officers: request.officers,
          places: JSON.stringify(request.places),
          premises_inspected: 0,
          youth_contacts: 0,
          note: request.note,
          is_demo: false,
          submission_id: request.submissionId,
          created_by: request.userId,
          status: 'planned',
        });
        if (id !== undefined) {
          await recordAudit(trx, {
            userId: request.userId,
            policeAreaId: request.policeAreaId,
            action: 'shift.plan',
            entity: 'weekend_shift',
            entityId: String(id),
          });
          return { id, created: true };
        }
        const existing = await repo.shiftIdBySubmission(trx, request.policeAreaId, request.submissionId);
        if (existing === undefined) {
          throw Object.assign(new Error('submission id belongs to another local police area'), {
            statusCode: 400,
          });
        }
        return { id: existing, created: false };
      });
    },

    /** One shift of the LPO (undefined for another LPO's id). */
    async shift(policeAreaId: number, id: number): Promise<ShiftView | undefined> {
      const row = await repo.find(policeAreaId, id);
      return row ? toView(row, await placesBySlug(policeAreaId)) : undefined;
    },

    async latestShifts(policeAreaId: number, limit: number): Promise<ShiftView[]> {
      const [rows, known] = await Promise.all([repo.latest(policeAreaId, limit), placesBySlug(policeAreaId)]);
      return rows.map((row) => toView(row, known));
    },

    async staffedWeeks(policeAreaId: number, today: string): Promise<StaffedWeeks> {
      const { year, week } = isoWeekOf(today);
      const weeks = new Set(
        (await occurrences(policeAreaId, { from: isoYearRange(year).from, to: today })).map((o) =>
          isoWeekKey(o.date),
        ),
      );
      return {
        year,
        weeksInYear: isoWeeksInYear(year),
        staffed: weeks.size,
        currentWeek: week,
        currentWeekStaffed: weeks.has(isoWeekKey(today)),
      };
    },
  };
}

function qualifies(shift: WeekendShift): boolean {
  // A planned shift is not work done: it makes no week staffed until it is logged.
  return (
    shift.status === 'done' && countsAsWeekendShift({ startsAt: shift.starts_at, officers: shift.officers })
  );
}

/** The period widened by a day each side in UTC; callers keep shifts by their Stockholm calendar date. */
function utcRangeAround(period: Period): { from: Date; to: Date } {
  const from = new Date(`${period.from}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  const to = new Date(`${period.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 2);
  return { from, to };
}

function inPeriod(date: string, period: Period): boolean {
  return date >= period.from && date <= period.to;
}

function toView(row: WeekendShift, known: Map<string, Place>): ShiftView {
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    officers: row.officers,
    // Shifts from before the place list hold plain names: show them as they are.
    places: row.places.map((slug) => ({ slug, name: known.get(slug)?.name ?? slug })),
    premisesInspected: row.premises_inspected,
    youthContacts: row.youth_contacts,
    note: row.note,
    isDemo: row.is_demo,
    countsAsStaffed: qualifies(row),
    planned: row.status === 'planned',
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
