// The situation picture's pure rules: whether a change between two counts is larger than chance, the
// weekend-operation time windows, and the hiding of small counts.
import { describe, expect, it } from 'vitest';
import { typeGroupOf, wholeFocusGroups } from '../src/domain/event-types.ts';
import { compareCounts, poissonUpperTail, twoSidedBinomialP } from '../src/domain/significance.ts';
import { protectTable, suppress } from '../src/domain/suppression.ts';
import {
  isEveningOrNight,
  isWeekendNight,
  isWeekendTime,
  nextDateOf,
  WEEKEND_NIGHT_SLOTS,
  weekendNightHour,
  weekendNightSlot,
  windowByKey,
  windowCells,
} from '../src/domain/time-bands.ts';
import { formatP } from '../src/modules/situation/messages.ts';

describe('compareCounts', () => {
  it('calls 30 against 12 larger than chance, and 14 against 10 within it', () => {
    const rise = compareCounts(30, 12);
    expect(rise.direction).toBe('up');
    expect(rise.significant).toBe(true);
    // Exact binomial test of 30 of 42 at one half, two-sided as twice the smaller tail: 2 × 0.00396.
    expect(rise.p).toBeCloseTo(0.0079, 4);
    const wobble = compareCounts(14, 10);
    expect(wobble.significant).toBe(false);
    expect(wobble.p).toBeCloseTo(0.541, 3);
    expect(compareCounts(5, 25).direction).toBe('down');
    expect(compareCounts(0, 0)).toMatchObject({ p: 1, significant: false, direction: 'same' });
  });

  it('weighs periods of different length', () => {
    // 20 events in one month against 60 in the three months before: the same rate.
    expect(compareCounts(20, 60, { currentLength: 1, previousLength: 3 }).significant).toBe(false);
    expect(compareCounts(20, 60).significant).toBe(true);
  });

  it('gives the same answer by the normal approximation for large counts', () => {
    expect(twoSidedBinomialP(10_200, 20_001, 0.5)).toBeCloseTo(twoSidedBinomialP(10_200, 20_000, 0.5), 2);
    expect(compareCounts(51_000, 49_000).significant).toBe(true);
  });

  it('is written as "p = 0,01" or "p < 0,001"', () => {
    expect(formatP(0.0123, 'sv')).toBe('p = 0,01');
    expect(formatP(0.0073, 'sv')).toBe('p = 0,007');
    expect(formatP(0.0004, 'sv')).toBe('p < 0,001');
    expect(formatP(0.34, 'en')).toBe('p = 0.34');
  });

  it('says how unlikely a high count at one place is', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(12, 1)).toBeLessThan(1e-6);
    expect(poissonUpperTail(2, 2)).toBeCloseTo(1 - 3 * Math.exp(-2), 10);
  });
});

describe('time bands and windows', () => {
  it('counts 18–06 as evening and night, and Friday 18 to Monday 06 as the weekend', () => {
    expect([17, 18, 23, 0, 5, 6].map(isEveningOrNight)).toEqual([false, true, true, true, true, false]);
    expect(isWeekendTime(5, 17)).toBe(false);
    expect(isWeekendTime(5, 18)).toBe(true);
    expect(isWeekendTime(7, 12)).toBe(true);
    expect(isWeekendTime(1, 5)).toBe(true);
    expect(isWeekendTime(1, 6)).toBe(false);
  });

  it('numbers the weekend nights’ 36 hours in order, Friday 18 to Sunday 06, and only those', () => {
    const slots: number[] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        if (!isWeekendNight(weekday, hour)) continue;
        const slot = weekendNightSlot(weekday, hour);
        expect(weekendNightHour(slot)).toEqual({ weekday, hour });
        slots.push(slot);
      }
    }
    expect(slots).toEqual(Array.from({ length: WEEKEND_NIGHT_SLOTS }, (_, slot) => slot));
    expect(weekendNightHour(0)).toEqual({ weekday: 5, hour: 18 });
    expect(weekendNightHour(35)).toEqual({ weekday: 7, hour: 5 });
  });

  it('runs a window past midnight into the next day, and finds its next date', () => {
    const friday = windowByKey('fri-21');
    if (!friday) throw new Error('no fri-21');
    expect(windowCells(friday).map((c) => `${c.weekday}:${c.hour}`)).toEqual([
      '5:21',
      '5:22',
      '5:23',
      '6:0',
      '6:1',
      '6:2',
    ]);
    // Wednesday 25 November 2026: the next Friday is the 27th; from a Friday, the one a week later.
    expect(nextDateOf(friday, '2026-11-25')).toBe('2026-11-27');
    expect(nextDateOf(friday, '2026-11-27')).toBe('2026-12-04');
  });
});

describe('type groups', () => {
  it('put the police’s type names in groups, and know a whole group when they see one', () => {
    expect(typeGroupOf('Misshandel, grov')).toBe('violence_public');
    expect(typeGroupOf('Rån väpnat')).toBe('robbery');
    expect(typeGroupOf('Stöld')).toBe('other');
    expect(wholeFocusGroups(['Rån', 'Rån väpnat', 'Rån övrigt', 'Rån, försök'])).toEqual(['robbery']);
    expect(wholeFocusGroups(['Rån'])).toBeUndefined();
    expect(wholeFocusGroups(['Rån', 'Rån väpnat', 'Rån övrigt', 'Rån, försök', 'Stöld'])).toBeUndefined();
  });
});

describe('suppression', () => {
  it('hides counts under the threshold, and a partner beside a lone hidden cell', () => {
    expect(suppress(3, 5)).toBeNull();
    expect(suppress(5, 5)).toBe(5);
    const table = protectTable(
      [
        [3, 20, 9],
        [10, 30, 7],
      ],
      5,
    );
    // Row 1 had one hidden cell (3): its smallest shown neighbour (9) goes too; column 1 then needs a
    // partner for the 3 (10), and row 2 one for the 10 (7).
    expect(table.cells).toEqual([
      [null, 20, null],
      [null, 30, null],
    ]);
    expect(table.rowTotals).toEqual([32, 47]);
    expect(table.total).toBe(79);
  });
});
