// When a weekend-operation (helginsats) shift counts toward "this week was staffed".
import { stockholmParts } from './iso-week.ts';

export interface StaffedWeekRule {
  /** ISO weekdays (Mon = 1) on which a shift must start. */
  weekdays: number[];
  minOfficers: number;
}

/** The default the promise page states: a shift Friday–Sunday with at least two officers. */
export const DEFAULT_STAFFED_WEEK_RULE: StaffedWeekRule = { weekdays: [5, 6, 7], minOfficers: 2 };

export function countsAsWeekendShift(
  shift: { startsAt: Date; officers: number },
  rule: StaffedWeekRule = DEFAULT_STAFFED_WEEK_RULE,
): boolean {
  return shift.officers >= rule.minOfficers && rule.weekdays.includes(stockholmParts(shift.startsAt).weekday);
}
