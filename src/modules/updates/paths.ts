// Where the updates module's pages and feeds live, in each language.
import { type Lang, langPrefix } from '../../web/i18n.ts';

export type FeedFormat = 'atom' | 'rss' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['atom', 'rss', 'json'];

export const FEED_TYPES = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  json: 'application/feed+json',
} as const satisfies Record<FeedFormat, string>;

/** A commitment by its promise year and key, as in its public address. */
export interface CommitmentRef {
  year: number;
  key: string;
}

const NEWS_SEGMENT = { sv: 'nyheter', en: 'updates' } as const;

/** '/lpo/globen/nyheter' or '/en/lpo/globen/updates', with '/<id>' for one update. */
export function newsPath(lang: Lang, lpoSlug: string, id?: number): string {
  return `${langPrefix(lang)}/lpo/${lpoSlug}/${NEWS_SEGMENT[lang]}${id === undefined ? '' : `/${id}`}`;
}

/** '/lpo/globen/feed.atom' or '/lpo/globen/2026/helginsats/feed.rss' (English under /en). */
export function feedPath(
  lang: Lang,
  lpoSlug: string,
  format: FeedFormat,
  commitment?: CommitmentRef,
): string {
  const scope = commitment ? `/${commitment.year}/${commitment.key}` : '';
  return `${langPrefix(lang)}/lpo/${lpoSlug}${scope}/feed.${format}`;
}

export const FOLLOW_PATHS = {
  sv: { form: '/folj', sent: '/folj/skickat', confirm: '/folj/bekrafta', unsubscribe: '/folj/avsluta' },
  en: {
    form: '/en/follow',
    sent: '/en/follow/sent',
    confirm: '/en/follow/confirm',
    unsubscribe: '/en/follow/unsubscribe',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** '/staff/globen/nyheter' or '/en/staff/globen/updates'. */
export function staffNewsPath(lang: Lang, lpoSlug: string): string {
  return `${langPrefix(lang)}/staff/${lpoSlug}/${NEWS_SEGMENT[lang]}`;
}

export const STAFF_SEGMENTS = {
  sv: { new: 'ny', remove: 'ta-bort' },
  en: { new: 'new', remove: 'delete' },
} as const satisfies Record<Lang, Record<string, string>>;
