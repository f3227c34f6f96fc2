// Numbers and dates of the dialogue pages, in the page's language (Stockholm time).
import { stockholmDate } from '../../../domain/iso-week.ts';
import { formatDate } from '../../../domain/target-text.ts';
import type { Lang } from '../../../web/i18n.ts';

const months = {
  sv: new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
};
const times = new Intl.DateTimeFormat('sv-SE', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** "november 2026" / "November 2026". */
export function formatMonth(instant: Date, lang: Lang): string {
  return months[lang].format(instant);
}

/** "25 november 2026, 14:05" in Stockholm time. */
export function formatDateTime(instant: Date, lang: Lang): string {
  return `${formatDate(stockholmDate(instant), lang)}, ${times.format(instant)}`;
}
