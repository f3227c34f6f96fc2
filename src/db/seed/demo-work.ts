// Generated demo work for LPO Globen: weekend shifts, safety walks and Iceland-model outcomes. Not real
// police work: it is generated from a fixed seed up to the day the demo is first loaded, marked
// is_demo, and labelled "demodata" wherever it is shown.
import type { Insertable, Transaction } from 'kysely';
import { addDays, isoWeekStart, isoWeeksInYear } from '../../domain/iso-week.ts';
import { type Random, seededRandom } from '../../domain/random.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import type { Database, IcelandCaseTable, SafetyWalkTable, WeekendShiftTable } from '../types.ts';

export const DEMO_SEED = 20260101;

/** Places the weekend operation visits: slugs of Globen's places (seed/places/globen.json). */
export const GLOBEN_DEMO_PLACES = [
  'avicii-arena',
  '3arena',
  'hovet',
  'gullmarsplan',
  'globen-t-bana',
  'skarpnack-t-bana',
  'alvsjo-station',
  'liljeholmen',
  'arsta-centrum',
  'hammarbyhojden',
  'bagarmossen-centrum',
  'vastertorp',
  'krogar-globen-city',
  'krogar-liljeholmstorget',
] as const;

const WALK_PARTNERS = [
  'Stadsdelsförvaltningen',
  'Stockholmshem',
  'Familjebostäder',
  'Boende i området',
  'Trafikförvaltningen',
];

const NOT_APPLIED_REASONS = [
  'Barnen var inte på plats när polisen kom',
  'Ärendet kom till polisen först dagen efter',
];

export interface DemoWork {
  shifts: Insertable<WeekendShiftTable>[];
  walks: Insertable<SafetyWalkTable>[];
  cases: Insertable<IcelandCaseTable>[];
}

/** The demo work for the given years, up to and including `until` (planned walks may lie after it). */
export function generateDemoWork(
  policeAreaId: number,
  districtIds: number[],
  years: number[],
  until: string,
  seed = DEMO_SEED,
): DemoWork {
  const random = seededRandom(seed);
  const work: DemoWork = { shifts: [], walks: [], cases: [] };
  for (const year of years) {
    work.shifts.push(...weekendShifts(random, policeAreaId, year, until));
    work.walks.push(...safetyWalks(random, policeAreaId, districtIds, year, until));
    work.cases.push(...icelandCases(random, policeAreaId, districtIds, year, until));
  }
  return work;
}

function weekendShifts(random: Random, policeAreaId: number, year: number, until: string) {
  const shifts: Insertable<WeekendShiftTable>[] = [];
  for (let week = 1; week <= isoWeeksInYear(year); week++) {
    const friday = addDays(isoWeekStart(year, week), 4);
    if (friday > until) break;
    const staffed = random.chance(0.86);
    // Some weeks only get a single officer out: logged, but the week does not count as staffed.
    const count = staffed ? random.int(1, 3) : random.chance(0.3) ? 1 : 0;
    for (let i = 0; i < count; i++) {
      const date = addDays(friday, random.int(0, 1));
      if (date > until) continue;
      const startsAt = stockholmInstant(date, `${random.int(18, 21)}:00`);
      shifts.push({
        police_area_id: policeAreaId,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + random.int(6, 8) * 3_600_000),
        officers: staffed ? random.int(2, 6) : 1,
        places: JSON.stringify(random.sample(GLOBEN_DEMO_PLACES, random.int(2, 4))),
        premises_inspected: random.int(0, 4),
        youth_contacts: random.int(0, 15),
        note: null,
        is_demo: true,
      });
    }
  }
  return shifts;
}

function safetyWalks(
  random: Random,
  policeAreaId: number,
  districtIds: number[],
  year: number,
  until: string,
) {
  const plan =
    year < Number(until.slice(0, 4)) ? ['04-22', '05-20', '09-16', '10-14'] : ['04-21', '09-22', '12-03'];
  return plan.map((monthDay) => {
    const date = `${year}-${monthDay}`;
    return {
      police_area_id: policeAreaId,
      district_id: random.pick(districtIds),
      walk_date: date,
      status: date <= until ? ('done' as const) : ('planned' as const),
      partners: JSON.stringify(random.sample(WALK_PARTNERS, random.int(2, 3))),
      observations_count: date <= until ? random.int(3, 12) : 0,
      is_demo: true,
    };
  });
}

function icelandCases(
  random: Random,
  policeAreaId: number,
  districtIds: number[],
  year: number,
  until: string,
) {
  const cases: Insertable<IcelandCaseTable>[] = [];
  const earlierYear = year < Number(until.slice(0, 4));
  for (
    let day = `${year}-01-01`;
    day <= `${year}-12-31` && day <= until;
    day = addDays(day, random.int(9, 20))
  ) {
    // The earlier year has one case where the model was not applied; the recent few are still open.
    const open = day > addDays(until, -5);
    const applied = open ? null : !(earlierYear && cases.length === 7);
    const alertedAt = stockholmInstant(day, `${random.int(0, 23)}:${random.int(10, 59)}`);
    cases.push({
      police_area_id: policeAreaId,
      reference: pseudonymousReference(random, year),
      occurred_on: day,
      district_id: random.pick(districtIds),
      children: random.int(1, 3),
      applied,
      not_applied_reason: applied === false ? random.pick(NOT_APPLIED_REASONS) : null,
      social_services_alerted_at: alertedAt,
      social_services_arrived_at: new Date(alertedAt.getTime() + random.int(30, 180) * 60_000),
      is_demo: true,
    });
  }
  return cases;
}

/** A reference that says nothing about the family, the place or the order of cases. */
function pseudonymousReference(random: Random, year: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 8; i++) code += random.pick([...alphabet]);
  return `IM-${year}-${code}`;
}

export async function insertDemoWork(trx: Transaction<Database>, work: DemoWork): Promise<void> {
  if (work.shifts.length > 0) await trx.insertInto('weekend_shift').values(work.shifts).execute();
  if (work.walks.length > 0) await trx.insertInto('safety_walk').values(work.walks).execute();
  if (work.cases.length > 0) await trx.insertInto('iceland_case').values(work.cases).execute();
}
