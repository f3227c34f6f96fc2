// Helginsatsen: weekend shifts, and which of them make a week "staffed".
import type { Kysely } from 'kysely';
import type { Database, WeekendShift } from '../../db/types.ts';
import { stockholmDate } from '../../domain/iso-week.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { countsAsWeekendShift } from '../../domain/weekend.ts';
import { createWeekendRepo } from './repo.ts';

export interface WeekendWorkSummary {
  shifts: number;
  qualifyingShifts: number;
  officerShifts: number;
  premisesInspected: number;
  youthContacts: number;
  recent: {
    date: string;
    officers: number;
    places: string[];
    premisesInspected: number;
    youthContacts: number;
  }[];
}

export function createWeekendService(db: Kysely<Database>) {
  const repo = createWeekendRepo(db);

  /** Shifts whose Stockholm start date lies in the period (dates inclusive). */
  async function shiftsIn(policeAreaId: number, period: Period): Promise<WeekendShift[]> {
    // Widen by a day each side in UTC, then keep by the Stockholm calendar date.
    const from = new Date(`${period.from}T00:00:00Z`);
    from.setUTCDate(from.getUTCDate() - 1);
    const to = new Date(`${period.to}T00:00:00Z`);
    to.setUTCDate(to.getUTCDate() + 2);
    const shifts = await repo.between(policeAreaId, from, to);
    return shifts.filter((s) => {
      const date = stockholmDate(s.starts_at);
      return date >= period.from && date <= period.to;
    });
  }

  return {
    /** One occurrence per shift that counts toward a staffed week. */
    async occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
      const shifts = await shiftsIn(policeAreaId, period);
      return shifts
        .filter((s) => countsAsWeekendShift({ startsAt: s.starts_at, officers: s.officers }))
        .map((s) => ({ date: stockholmDate(s.starts_at) }));
    },

    async summary(policeAreaId: number, period: Period, recentCount = 5): Promise<WeekendWorkSummary> {
      const shifts = await shiftsIn(policeAreaId, period);
      const qualifying = shifts.filter((s) =>
        countsAsWeekendShift({ startsAt: s.starts_at, officers: s.officers }),
      );
      return {
        shifts: shifts.length,
        qualifyingShifts: qualifying.length,
        officerShifts: sum(shifts.map((s) => s.officers)),
        premisesInspected: sum(shifts.map((s) => s.premises_inspected)),
        youthContacts: sum(shifts.map((s) => s.youth_contacts)),
        recent: shifts
          .slice(-recentCount)
          .reverse()
          .map((s) => ({
            date: stockholmDate(s.starts_at),
            officers: s.officers,
            places: s.places,
            premisesInspected: s.premises_inspected,
            youthContacts: s.youth_contacts,
          })),
      };
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
