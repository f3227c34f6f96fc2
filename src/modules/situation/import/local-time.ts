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

/** Stockholm's offset from UTC in hours at an instant: 2 in summer time, 1 otherwise. */
export function stockholmOffsetHours(instantMs: number): 1 | 2 {
  const year = new Date(instantMs).getUTCFullYear();
  let span = dstCache.get(year);
  if (!span) {
    span = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    dstCache.set(year, span);
  }
  return instantMs >= span[0] && instantMs < span[1] ? 2 : 1;
}

export interface LocalParts {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
}

export function stockholmLocalParts(instant: Date): LocalParts {
  const local = new Date(instant.getTime() + stockholmOffsetHours(instant.getTime()) * HOUR_MS);
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
  if (new Date(asUtc).getUTCDate() !== day) return null;
  for (const offset of [2, 1]) {
    const candidate = asUtc - offset * HOUR_MS;
    if (stockholmOffsetHours(candidate) === offset) return new Date(candidate);
  }
  return new Date(asUtc - HOUR_MS);
}

// "2026-08-22 8:13:44 +02:00": the police API writes single-digit hours without a leading zero.
const POLICE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))? ?([+-])(\d{2}):?(\d{2})$/;

/** Parses the police API's datetime (any offset); null when it is not a real date and time. */
export function parseOffsetDateTime(text: string): Date | null {
  const m = POLICE_DATETIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second, offH, offM] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) =>
    Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offH > 14) return null;
  const sign = m[7] === '-' ? -1 : 1;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(asUtc).getUTCDate() !== day) return null;
  return new Date(asUtc - sign * (offH * 60 + offM) * 60_000);
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

const TITLE_TIME = /^(\d{1,2}) ([a-zåäö]+) (\d{1,2})[.:](\d{2})\b/;
const DAY_MS = 24 * HOUR_MS;

/**
 * When the event happened, from the title ("22 augusti 03.47, Misshandel, Stockholm"), in Stockholm time.
 * The title has no year: it is the publication's, or the year before for a late-December event published
 * in January. Null when the title has no time, or one that does not fit before the publication.
 */
export function titleOccurrence(title: string, published: Date): Date | null {
  const m = TITLE_TIME.exec(title.trim().toLowerCase());
  if (!m) return null;
  const month = SWEDISH_MONTHS.indexOf(m[2] ?? '') + 1;
  if (month === 0) return null;
  const publishedYear = stockholmLocalParts(published).year;
  for (const year of [publishedYear, publishedYear - 1]) {
    const candidate = stockholmWallClock(year, month, Number(m[1]), Number(m[3]), Number(m[4]));
    if (!candidate) return null;
    const lead = published.getTime() - candidate.getTime();
    // Published up to two months after it happened; a day's slack the other way for late corrections.
    if (lead >= -DAY_MS && lead <= 62 * DAY_MS) return candidate;
  }
  return null;
}
