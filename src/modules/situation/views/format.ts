// How the situation pages write numbers, months, periods and shares, in the page's language.
import { addMonths, stockholmDate } from '../../../domain/iso-week.ts';
import { formatDate, formatMonth, formatPercent, monthName } from '../../../domain/target-text.ts';
import type { TimeWindow } from '../../../domain/time-bands.ts';
import { clockHour } from '../../../domain/time-bands.ts';
import type { Lang } from '../../../web/i18n.ts';
import { situationMessages } from '../messages.ts';

/** "mar" for the chart's axis. */
export function shortMonth(month: string, lang: Lang): string {
  return monthName(month, lang).slice(0, 3);
}

/** "december 2025–november 2026" for from '2025-12-01', to '2026-12-01' (exclusive). */
export function formatPeriod(from: string, to: string, lang: Lang): string {
  const last = addMonths(to, -1);
  return last === from ? formatMonth(from, lang) : `${formatMonth(from, lang)}–${formatMonth(last, lang)}`;
}

/** The part as a percentage of the whole, or "–" when the whole is 0. */
export function formatShare(part: number, whole: number, lang: Lang): string {
  return whole === 0 ? '–' : formatPercent((100 * part) / whole, lang);
}

export function formatDay(instant: Date, lang: Lang): string {
  return formatDate(stockholmDate(instant), lang);
}

const clock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "22 augusti 2026 03:47". */
export function formatWhen(instant: Date, lang: Lang): string {
  return `${formatDay(instant, lang)} ${clock.format(instant)}`;
}

/** "fredag 21–03". */
export function formatWindow(window: TimeWindow, lang: Lang): string {
  const m = situationMessages(lang);
  const weekday = m.weekdays[window.weekday - 1] ?? '';
  return m.windowName(
    weekday,
    clockHour(window.startHour).slice(0, 2),
    clockHour(window.startHour + window.hours).slice(0, 2),
  );
}
