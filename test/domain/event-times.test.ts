// The times the importer reads from the police's records: `datetime` with its offset, and the clock time in
// the title, in Stockholm time. Both are read character by character; a wrong reading puts an event in the
// wrong hour, day or month of the picture.
import { describe, expect, it } from 'vitest';
import {
  localMonthStart,
  parseOffsetDateTime,
  stockholmLocalParts,
  titleOccurrence,
} from '../../src/modules/situation/import/local-time.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("the police API's datetime", () => {
  it.each([
    ['2026-08-22 8:13:44 +02:00', '2026-08-22T06:13:44.000Z'],
    ['2026-08-22 08:13:44 +02:00', '2026-08-22T06:13:44.000Z'],
    ['2026-08-22T08:13+0200', '2026-08-22T06:13:00.000Z'],
    ['2026-08-22 08:13 -05:30', '2026-08-22T13:43:00.000Z'],
    [' 2026-08-22 8:13:44 +02:00 ', '2026-08-22T06:13:44.000Z'],
    ['2024-02-29 10:00:00 +01:00', '2024-02-29T09:00:00.000Z'],
  ])('reads %j as %s', (text, expected) => {
    expect(iso(parseOffsetDateTime(text))).toBe(expected);
  });

  it.each([
    '2026-02-29 10:00:00 +01:00',
    '2026-04-31 10:00 +02:00',
    '2026-08-22 24:00 +02:00',
    '2026-08-22 8:60 +02:00',
    '2026-08-22 8:13:44 +15:00',
    '2026-08-22 8:13:44',
    '2026-8-22 8:13 +02:00',
    '2026-08-22  8:13 +02:00',
    '2026-08-22 8:13:44 +02:00x',
    '2026-08-22 123:13 +02:00',
    '2026-08-22 8:13:4 +02:00',
    '2026-08-22 8:13:44 +2:00',
    '',
  ])('refuses %j', (text) => {
    expect(parseOffsetDateTime(text)).toBeNull();
  });
});

describe("the title's clock time", () => {
  const published = new Date('2026-08-22T06:00:00Z');

  it.each([
    ['22 augusti 03.47, Misshandel, Stockholm', '2026-08-22T01:47:00.000Z'],
    ['22 Augusti 3:47, Rån, Stockholm', '2026-08-22T01:47:00.000Z'],
    ['2 augusti 03.47, Brand, Stockholm', '2026-08-02T01:47:00.000Z'],
    ['22 AUGUSTI 03.47', '2026-08-22T01:47:00.000Z'],
  ])('reads %j in Stockholm summer time', (title, expected) => {
    expect(iso(titleOccurrence(title, published))).toBe(expected);
  });

  it.each([
    '22 augusti 03.475, Rån',
    '22 augustus 03.47, Rån',
    '22 augusti 03.4, Rån',
    '22 augusti 03.47x',
    '22  augusti 03.47',
    '22 augusti 24.00',
    '123 augusti 03.47',
    'Misshandel, Stockholm',
  ])('finds no time in %j', (title) => {
    expect(titleOccurrence(title, published)).toBeNull();
  });

  it('puts a late-December event published in January in the year before', () => {
    const january = new Date('2027-01-01T10:00:00Z');
    expect(iso(titleOccurrence('31 december 23.50, Rån, Stockholm', january))).toBe(
      '2026-12-31T22:50:00.000Z',
    );
    // Published before it happened: not this event's time.
    expect(titleOccurrence('22 augusti 03.47, Rån', january)).toBeNull();
  });

  it('takes the earlier of the autumn night’s two 02.30s, and the hour after a skipped spring one', () => {
    expect(iso(titleOccurrence('27 oktober 02.30, Rån', new Date('2024-10-27T05:00:00Z')))).toBe(
      '2024-10-27T00:30:00.000Z',
    );
    expect(iso(titleOccurrence('31 mars 02.30, Rån', new Date('2024-03-31T05:00:00Z')))).toBe(
      '2024-03-31T01:30:00.000Z',
    );
  });
});

describe('Stockholm-local parts', () => {
  it('gives both instants of the autumn overlap the same local hour, and the right month', () => {
    for (const instant of ['2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z']) {
      const parts = stockholmLocalParts(new Date(instant));
      expect(parts).toMatchObject({ year: 2024, month: 10, day: 27, weekday: 7, hour: 2 });
      expect(localMonthStart(parts)).toBe('2024-10-01');
    }
    // New Year's Eve at 23:30 UTC is already January in Stockholm.
    const parts = stockholmLocalParts(new Date('2025-12-31T23:30:00Z'));
    expect(parts).toMatchObject({ year: 2026, month: 1, day: 1, weekday: 4, hour: 0 });
    expect(localMonthStart(parts)).toBe('2026-01-01');
  });
});
