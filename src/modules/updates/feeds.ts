// Atom 1.0, RSS 2.0 and JSON Feed 1.1 of an LPO's updates or one commitment's, with absolute links.
import { Feed } from 'feed';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import type { Lang } from '../../web/i18n.ts';
import { type FeedFormat, newsPath } from './paths.ts';
import type { UpdateView } from './service.ts';

export interface FeedMeta {
  lang: Lang;
  lpoSlug: string;
  lpoName: string;
  title: string;
  description: string;
  /** The page the feed belongs to (absolute). */
  pageUrl: string;
  /** The feed's own address in each format (absolute). */
  feedUrls: Record<FeedFormat, string>;
  publicUrl: string;
  /** Used as the feed's "updated" when it has no entries yet. */
  fallbackUpdated: Date;
}

export const FEED_CONTENT_TYPES = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const satisfies Record<FeedFormat, string>;

export function renderFeed(format: FeedFormat, meta: FeedMeta, updates: UpdateView[]): string {
  // Atom titles are typed html and RSS readers treat titles as html: escape them there, not in JSON.
  const feed = buildFeed(meta, updates, format === 'json' ? (s) => s : escapeHtml);
  if (format === 'atom') return feed.atom1();
  if (format === 'rss') return feed.rss2();
  return toJsonFeed11(feed.json1(), meta.lang);
}

function buildFeed(meta: FeedMeta, updates: UpdateView[], text: (s: string) => string): Feed {
  const newest = updates.reduce<Date | undefined>(
    (latest, u) => (latest === undefined || u.updatedAt > latest ? u.updatedAt : latest),
    undefined,
  );
  const author = { name: `Lokalpolisområde ${meta.lpoName}`, link: meta.pageUrl };
  const feed = new Feed({
    id: meta.feedUrls.atom,
    title: text(meta.title),
    description: text(meta.description),
    link: meta.pageUrl,
    language: meta.lang,
    updated: newest ?? meta.fallbackUpdated,
    generator: 'Medborgarlöfte',
    feedLinks: meta.feedUrls,
    author,
    copyright: 'CC0 1.0',
  });
  for (const update of updates) {
    const url = `${meta.publicUrl}${newsPath(meta.lang, meta.lpoSlug, update.id)}`;
    feed.addItem({
      id: url,
      title: text(update.title),
      link: url,
      date: update.updatedAt,
      published: stockholmInstant(update.publishedOn, '00:00'),
      content: update.html,
      author: [author],
    });
  }
  return feed;
}

/** The `feed` package writes JSON Feed 1; 1.1 adds `language` and `authors` (and deprecates `author`). */
function toJsonFeed11(json1: string, lang: Lang): string {
  const feed = JSON.parse(json1) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const upgrade = (o: Record<string, unknown>) => {
    if (o.author) {
      o.authors = [o.author];
      delete o.author;
    }
  };
  upgrade(feed);
  feed.items.forEach(upgrade);
  return JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language: lang }, null, 2);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
