// Stockholm local time for imported events, computed from the EU summer-time rule instead of Intl: the
// importer does this for every row, and Intl's formatToParts is too slow at a million rows.

import { SWEDISH_MONTHS } from '../../../domain/target-text.ts';

const HOUR_MS = 3_600_000;

/** Last Sunday of a month at 01:00 UTC: when Europe's summer time starts (March) and ends (October). */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, day, 1);
}

const dstCache = new Map<number, [number, number]>();

/** A UTC year [start, end) and its summer time [summerStart, summerEnd). */
interface YearSpan {
  start: number;
  end: number;
  summerStart: number;
  summerEnd: number;
}

// The year of the last instant asked about: the next is nearly always in it too, and is then answered
// without a Date to find its year.
let lastYear: YearSpan = { start: 0, end: -1, summerStart: 0, summerEnd: 0 };

/** Stockholm's offset from UTC in hours at an instant: 2 in summer time, 1 otherwise. */
export function stockholmOffsetHours(instantMs: number): 1 | 2 {
  if (!(instantMs >= lastYear.start && instantMs < lastYear.end)) lastYear = yearSpan(instantMs);
  return instantMs >= lastYear.summerStart && instantMs < lastYear.summerEnd ? 2 : 1;
}

function yearSpan(instantMs: number): YearSpan {
  const year = new Date(instantMs).getUTCFullYear();
  let span = dstCache.get(year);
  if (!span) {
    span = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    dstCache.set(year, span);
  }
  return {
    start: Date.UTC(year, 0, 1),
    end: Date.UTC(year + 1, 0, 1),
    summerStart: span[0],
    summerEnd: span[1],
  };
}

/** Shared between all the instants of an hour (stockholmLocalParts): read, never changed. */
export interface LocalParts {
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month: number;
  readonly day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
}

// The parts of the hours seen, by hour since 1970: events cluster in time, so most hours recur. The
// offset changes on a whole hour (01:00 UTC), so every instant of an hour has the same parts.
const hourParts = new Map<number, LocalParts>();
const MAX_HOURS = 100_000;

export function stockholmLocalParts(instant: Date): LocalParts {
  const hourKey = Math.floor(instant.getTime() / HOUR_MS);
  let parts = hourParts.get(hourKey);
  if (parts === undefined) {
    parts = computeLocalParts(hourKey * HOUR_MS);
    if (hourParts.size >= MAX_HOURS) hourParts.clear();
    hourParts.set(hourKey, parts);
  }
  return parts;
}

function computeLocalParts(instantMs: number): LocalParts {
  const local = new Date(instantMs + stockholmOffsetHours(instantMs) * HOUR_MS);
  const weekday = local.getUTCDay();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: weekday === 0 ? 7 : weekday,
    hour: local.getUTCHours(),
  };
}

const monthStarts = new Map<number, string>();

/** The first day of the parts' month, 'YYYY-MM-01' (a few hundred distinct ones: kept, not rebuilt). */
export function localMonthStart(parts: LocalParts): string {
  const key = parts.year * 12 + parts.month;
  let start = monthStarts.get(key);
  if (start === undefined) {
    start = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-01`;
    monthStarts.set(key, start);
  }
  return start;
}

/**
 * The instant Stockholm's clocks show the given wall-clock time (the earlier one in the autumn overlap;
 * a time skipped in spring is read as the hour after). Null for a date that does not exist.
 */
export function stockholmWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!dayExists(asUtc, day)) return null;
  // Summer time first: in the autumn overlap the earlier instant wins.
  if (stockholmOffsetHours(asUtc - 2 * HOUR_MS) === 2) return new Date(asUtc - 2 * HOUR_MS);
  return new Date(asUtc - HOUR_MS);
}

/**
 * Parses the police API's datetime (any offset); null when it is not a real date and time. The form is
 * YYYY-MM-DD[ T]H[H]:MM[:SS][ ](+|-)HH[:]MM — "2026-08-22 8:13:44 +02:00": the police write single-digit
 * hours without a leading zero. Read character by character: a regex match and its array per event
 * were a tenth of the reader's time.
 */
export function parseOffsetDateTime(text: string): Date | null {
  const t = text.trim();
  const year = digitsAt(t, 0, 4);
  const month = digitsAt(t, 5, 2);
  const day = digitsAt(t, 8, 2);
  if (year < 0 || month < 0 || day < 0 || t[4] !== '-' || t[7] !== '-' || (t[10] !== ' ' && t[10] !== 'T'))
    return null;
  const hourDigits = digitsAt(t, 12, 1) < 0 ? 1 : 2;
  const hour = digitsAt(t, 11, hourDigits);
  let at = 11 + hourDigits;
  const minute = t[at] === ':' ? digitsAt(t, at + 1, 2) : -1;
  at += 3;
  let second = 0;
  if (t[at] === ':') {
    second = digitsAt(t, at + 1, 2);
    at += 3;
  }
  if (t[at] === ' ') at++;
  const sign = t[at] === '-' ? -1 : t[at] === '+' ? 1 : 0;
  const offH = digitsAt(t, at + 1, 2);
  at += 3;
  if (t[at] === ':') at++;
  const offM = digitsAt(t, at, 2);
  if (hour < 0 || minute < 0 || second < 0 || sign === 0 || offH < 0 || offM < 0 || at + 2 !== t.length)
    return null;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offH > 14) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!dayExists(asUtc, day)) return null;
  return new Date(asUtc - sign * (offH * 60 + offM) * 60_000);
}

/** Whether Date.UTC kept the day (the 31st of a 30-day month rolls over). Every month has day 1–28. */
function dayExists(asUtc: number, day: number): boolean {
  return day <= 28 || new Date(asUtc).getUTCDate() === day;
}

/** The number written with `count` ASCII digits at `at`; -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// "2026-08-22 20:15" or "2026-08-22T20:15": Stockholm wall-clock time without an offset (CSV).
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export function parseStockholmLocal(text: string): Date | null {
  const m = LOCAL_DATETIME.exec(text.trim());
  if (!m) return null;
  return stockholmWallClock(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
}

/** ISO 8601 with an offset or Z ("2026-08-22T20:15:00+02:00"), or Stockholm local time. */
export function parseCsvDateTime(text: string): Date | null {
  const trimmed = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const withOffset = parseOffsetDateTime(trimmed.replace(/Z$/, '+00:00'));
    if (withOffset) return withOffset;
  }
  return parseStockholmLocal(trimmed);
}

const DAY_MS = 24 * HOUR_MS;
const MONTH_NUMBERS = new Map(SWEDISH_MONTHS.map((name, i) => [name, i + 1]));

/**
 * When the event happened, from the title ("22 augusti 03.47, Misshandel, Stockholm"), in Stockholm time.
 * The title has no year: it is the publication's, or the year before for a late-December event published
 * in January. Null when the title has no time, or one that does not fit before the publication.
 * The title is read character by character (a regex on a lower-cased copy per event cost more): day (1–2
 * digits), space, month name in any case, space, hour (1–2 digits), '.' or ':', minutes, end of word.
 */
export function titleOccurrence(title: string, published: Date): Date | null {
  const t = title.trim();
  const dayDigits = t[1] === ' ' ? 1 : 2;
  const day = digitsAt(t, 0, dayDigits);
  const monthStart = dayDigits + 1;
  const monthEnd = t.indexOf(' ', monthStart);
  if (day < 0 || t[dayDigits] !== ' ' || monthEnd <= monthStart) return null;
  const month = MONTH_NUMBERS.get(t.slice(monthStart, monthEnd).toLowerCase());
  const hourDigits = digitsAt(t, monthEnd + 2, 1) < 0 ? 1 : 2;
  const hour = digitsAt(t, monthEnd + 1, hourDigits);
  const separator = monthEnd + 1 + hourDigits;
  const minute = digitsAt(t, separator + 1, 2);
  if (month === undefined || hour < 0 || minute < 0 || (t[separator] !== '.' && t[separator] !== ':'))
    return null;
  if (continuesWord(t, separator + 3)) return null;
  const publishedYear = stockholmLocalParts(published).year;
  for (let year = publishedYear; year >= publishedYear - 1; year--) {
    const candidate = stockholmWallClock(year, month, day, hour, minute);
    if (!candidate) return null;
    const lead = published.getTime() - candidate.getTime();
    // Published up to two months after it happened; a day's slack the other way for late corrections.
    if (lead >= -DAY_MS && lead <= 62 * DAY_MS) return candidate;
  }
  return null;
}

/** Whether the character at `at` is a word character (\w) once lower-cased, as a regex's \b sees it. */
function continuesWord(text: string, at: number): boolean {
  if (at >= text.length) return false;
  return /^\w/.test(text.slice(at, at + 1).toLowerCase());
}
