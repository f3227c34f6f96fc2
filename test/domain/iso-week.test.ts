import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  isIsoDate,
  isoWeekKey,
  isoWeekOf,
  isoWeekStart,
  isoWeeksInYear,
  isoYearRange,
  monthKey,
  stockholmDate,
  stockholmParts,
  weekday,
} from '../../src/domain/iso-week.ts';

/** Any real date from 1900 to 2199. */
const anyDate = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays('1900-01-01', n));

describe('ISO week facts', () => {
  it('knows the weeks at the turn of the year', () => {
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
    expect(isoWeekKey('2025-12-28')).toBe('2025-W52');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2026-02-12')).toBe('2026-W07');
    expect(isoWeekOf('2026-11-25')).toEqual({ year: 2026, week: 48 });
  });

  it('knows which years have 53 weeks', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2015)).toBe(53);
  });

  it('gives the Monday of a week and the span of an ISO year', () => {
    expect(isoWeekStart(2026, 1)).toBe('2025-12-29');
    expect(isoWeekStart(2026, 53)).toBe('2026-12-28');
    expect(isoWeekStart(2021, 1)).toBe('2021-01-04');
    expect(isoYearRange(2026)).toEqual({ from: '2025-12-29', to: '2027-01-03' });
  });

  it('does day arithmetic over month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(weekday('2026-11-25')).toBe(3);
    expect(weekday('2027-01-03')).toBe(7);
    expect(monthKey('2026-02-12')).toBe('2026-02');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });

  it('reads Stockholm dates across DST and midnight', () => {
    // 23:30 UTC on 31 December is already 1 January in Stockholm (UTC+1).
    expect(stockholmDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // Summer time (UTC+2): 22:30 UTC is 00:30 the next day.
    expect(stockholmParts(new Date('2026-06-05T22:30:00Z'))).toEqual({
      date: '2026-06-06',
      weekday: 6,
      hour: 0,
    });
    expect(stockholmParts(new Date('2026-11-25T12:00:00Z'))).toEqual({
      date: '2026-11-25',
      weekday: 3,
      hour: 13,
    });
  });
});

describe('ISO week properties', () => {
  it('every date lies in the seven days from its week Monday', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const { year, week } = isoWeekOf(date);
        const monday = isoWeekStart(year, week);
        expect(weekday(monday)).toBe(1);
        expect(monday <= date).toBe(true);
        expect(date < addDays(monday, 7)).toBe(true);
        expect(week).toBeGreaterThanOrEqual(1);
        expect(week).toBeLessThanOrEqual(isoWeeksInYear(year));
      }),
    );
  });

  it('weeks in a year equals the distinct week keys over the ISO year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2150 }), (year) => {
        const { from, to } = isoYearRange(year);
        const keys = new Set<string>();
        for (let d = from; d <= to; d = addDays(d, 1)) keys.add(isoWeekKey(d));
        expect(keys.size).toBe(isoWeeksInYear(year));
        expect([...keys].every((k) => k.startsWith(`${year}-W`))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('addDays and daysBetween undo each other', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const later = addDays(date, n);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
      }),
    );
  });

  it('consecutive days step the weekday by one', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(weekday(addDays(date, 1))).toBe((weekday(date) % 7) + 1);
      }),
    );
  });
});
