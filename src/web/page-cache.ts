// Rendered public pages kept in memory, per URL and day, until the data behind them changes. Public
// pages are the hot path (a local news story can send thousands at once); rendering and querying per
// request would cap throughput at a fraction of what the server can send.
import { createHash } from 'node:crypto';

export interface CachedPage {
  /** Encoded once: turning a 10 kB string into bytes on every request is measurable. */
  body: Buffer;
  etag: string;
  status: number;
}

export interface PageCache {
  /** The cached page for key, rendering it once when missing or older than the time to live. */
  get(key: string, render: () => Promise<{ body: string; status: number }>): Promise<CachedPage>;
  clear(): void;
  readonly size: number;
}

/** Pages older than ttlMs are rendered again, so changes made by another process show up too. */
export function createPageCache(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): PageCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { page: Promise<CachedPage>; at: number }>();
  return {
    get(key, render) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < options.ttlMs) return hit.page;
      const page = render().then(({ body, status }) => ({
        body: Buffer.from(body),
        status,
        etag: etagOf(body),
      }));
      // Only successful pages are kept: an unknown address must not grow the cache.
      page.then(
        (p) => p.status !== 200 && entries.delete(key),
        () => entries.delete(key),
      );
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, { page, at: now() });
      return page;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}
