// Addresses of the dialogue pages, Swedish and English.
import { type Lang, langPrefix } from '../../web/i18n.ts';

/** '/tyck-till' or '/en/tell-us', with the query given (already encoded). */
export function formPath(lang: Lang, query = ''): string {
  return `${lang === 'sv' ? '/tyck-till' : '/en/tell-us'}${query ? `?${query}` : ''}`;
}

export function receiptPath(lang: Lang, submissionId: string): string {
  return `${lang === 'sv' ? '/tyck-till/tack' : '/en/tell-us/thanks'}/${submissionId}`;
}

export function resultsPath(lang: Lang, lpoSlug?: string): string {
  const path = lang === 'sv' ? '/tyck-till/resultat' : '/en/tell-us/results';
  return lpoSlug ? `${path}?lpo=${encodeURIComponent(lpoSlug)}` : path;
}

export function moderationPath(lang: Lang, lpoSlug: string): string {
  return `${langPrefix(lang)}/staff/${lpoSlug}/${lang === 'sv' ? 'tyck-till' : 'tell-us'}`;
}
