// Calendar helpers over plain 'YYYY-MM-DD' strings (calendar dates in Europe/Stockholm). Dates are
// handled as whole days counted from 1970-01-01, so no time zone or DST can shift them. Only
// stockholmDate/stockholmParts look at a real instant; they are the one place that uses Intl time zones.

const DAY_MS = 86_400_000;

export interface IsoWeek {
  year: number;
  week: number;
}

/** Whole days since 1970-01-01 for a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round(d.getTime() / DAY_MS);
}

/** The 'YYYY-MM-DD' date of a day number (see dayNumber). */
export function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  return `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** True for a well-formed, real calendar date ('2026-02-30' is not). */
export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && fromDayNumber(dayNumber(date)) === date;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** Days from a to b: 0 for the same date, negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: Monday 1 .. Sunday 7. */
export function weekday(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return mod(dayNumber(date) + 3, 7) + 1;
}

export function isoWeekOf(date: string): IsoWeek {
  // The ISO week belongs to the year that holds its Thursday.
  const thursday = dayNumber(date) - weekday(date) + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const jan1 = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** 53 when the ISO year has a week 53 (e.g. 2020, 2026), else 52. */
export function isoWeeksInYear(year: number): 52 | 53 {
  // 28 December always lies in the last ISO week of its year.
  return isoWeekOf(`${String(year).padStart(4, '0')}-12-28`).week === 53 ? 53 : 52;
}

/** '2026-W07'. */
export function isoWeekKey(date: string): string {
  const { year, week } = isoWeekOf(date);
  return `${year}-W${pad2(week)}`;
}

/** The Monday of an ISO week. */
export function isoWeekStart(year: number, week: number): string {
  // 4 January always lies in ISO week 1.
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  return addDays(jan4, 1 - weekday(jan4) + (week - 1) * 7);
}

/** The first and last day (Monday and Sunday) of an ISO year. */
export function isoYearRange(year: number): { from: string; to: string } {
  return { from: isoWeekStart(year, 1), to: addDays(isoWeekStart(year, isoWeeksInYear(year)), 6) };
}

/** '2026-02'. */
export function monthKey(date: string): string {
  return date.slice(0, 7);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/** The same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const year = Math.floor(total / 12);
  const month = mod(total, 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const stockholmFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The calendar date in Stockholm at an instant. */
export function stockholmDate(instant: Date): string {
  return stockholmParts(instant).date;
}

const HOUR_MS = 3_600_000;
/** Stockholm's UTC offset per UTC hour: since 1970 it changes only on whole UTC hours. */
const offsetByHour = new Map<number, number>();

/** Date, ISO weekday (Mon=1) and hour (0-23) in Stockholm at an instant. */
export function stockholmParts(instant: Date): { date: string; weekday: number; hour: number } {
  const ms = instant.getTime();
  // Intl's formatToParts costs microseconds per call, and staff pages call this for every shift.
  if (!(ms >= 0)) return stockholmPartsOf(instant);
  const hourStart = Math.floor(ms / HOUR_MS) * HOUR_MS;
  let offset = offsetByHour.get(hourStart);
  if (offset === undefined) {
    const start = stockholmPartsOf(new Date(hourStart));
    offset = Date.parse(`${start.date}T${pad2(start.hour)}:00:00Z`) - hourStart;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hourStart, offset);
  }
  const local = new Date(ms + offset);
  const date = local.toISOString().slice(0, 10);
  return { date, weekday: weekday(date), hour: local.getUTCHours() };
}

function stockholmPartsOf(instant: Date): { date: string; weekday: number; hour: number } {
  const parts = stockholmFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  return { date, weekday: weekday(date), hour: Number(part('hour')) % 24 };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
