// Addresses of the yearly report, shared by its routes, its page and the promise page's link to it.
import { type Lang, langPrefix } from '../../web/i18n.ts';

/** '/lpo/globen/2026/rapport' (sv), '/en/lpo/globen/2026/report' (en); with '.pdf' for the PDF. */
export function reportPath(
  lang: Lang,
  lpoSlug: string,
  year: number,
  format: 'html' | 'pdf' = 'html',
): string {
  return `${langPrefix(lang)}/lpo/${lpoSlug}/${year}/${reportName(lang)}${format === 'pdf' ? '.pdf' : ''}`;
}

export function reportName(lang: Lang): string {
  return lang === 'sv' ? 'rapport' : 'report';
}
