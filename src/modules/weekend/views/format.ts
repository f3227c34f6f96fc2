// How the weekend pages write shifts: Stockholm dates and clock times, numbers in the page's language.
import { stockholmDate, weekday } from '../../../domain/iso-week.ts';
import { formatDate } from '../../../domain/target-text.ts';
import { DEFAULT_STAFFED_WEEK_RULE, type StaffedWeekRule } from '../../../domain/weekend.ts';
import type { Lang } from '../../../web/i18n.ts';
import { weekendMessages } from '../messages.ts';
import type { ShiftView } from '../service.ts';

const stockholmClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'HH:MM' on Stockholm's clocks. */
export function clockTime(instant: Date): string {
  return stockholmClock.format(instant);
}

/** "fredag 20 november 2026". */
export function formatDay(date: string, lang: Lang): string {
  return `${weekendMessages(lang).weekdays[weekday(date) - 1] ?? ''} ${formatDate(date, lang)}`;
}

/** "fredag 20 november 2026, 21:00–03:00 (dagen efter)". */
export function formatSpan(shift: Pick<ShiftView, 'startsAt' | 'endsAt'>, lang: Lang): string {
  const startDate = stockholmDate(shift.startsAt);
  const nextDay = stockholmDate(shift.endsAt) !== startDate ? ` ${weekendMessages(lang).nextDay}` : '';
  return `${formatDay(startDate, lang)}, ${clockTime(shift.startsAt)}–${clockTime(shift.endsAt)}${nextDay}`;
}

/** The staffed-week rule in words, e.g. "… börjar fredag–söndag har minst 2 poliser". */
export function staffedRuleText(lang: Lang, rule: StaffedWeekRule = DEFAULT_STAFFED_WEEK_RULE): string {
  const m = weekendMessages(lang);
  const days = [...rule.weekdays].sort((a, b) => a - b);
  const name = (day: number) => m.weekdays[day - 1] ?? '';
  const first = days[0];
  const last = days[days.length - 1];
  const consecutive = first !== undefined && last !== undefined && last - first === days.length - 1;
  const text =
    consecutive && days.length > 2 ? `${name(first)}–${name(last)}` : days.map((d) => name(d)).join(', ');
  return m.staffedRule(text, rule.minOfficers);
}
