// Small pieces shared by the safety-walk pages.
import { formatNumberSv } from '../../../domain/target-text.ts';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { walkMessages } from '../messages.ts';

export function walksPath(lang: Lang, lpo: string, rest = ''): string {
  return `${langPrefix(lang)}/staff/${lpo}/trygghetsvandringar${rest}`;
}

export function observationPath(lang: Lang, lpo: string, id: number): string {
  return `${langPrefix(lang)}/staff/${lpo}/iakttagelser/${id}`;
}

/** A coordinate with five decimals (about a metre), with a decimal comma on Swedish pages. */
export function formatCoordinate(n: number, lang: Lang): string {
  const text = n.toFixed(5);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

export function formatKm(metres: number, lang: Lang): string {
  const km = Math.round(metres / 100) / 10;
  return lang === 'sv' ? formatNumberSv(km) : String(km);
}

/** Partner names in the page's language; the demo's free-text names are shown as they are. */
export function partnerNames(partners: string[], other: string | null, lang: Lang): string[] {
  const labels: Record<string, string> = walkMessages(lang).partnerLabel;
  return [...partners.map((p) => labels[p] ?? p), ...(other ? [other] : [])];
}
