// Sending cached public responses with validators, so browsers and proxies can revalidate cheaply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache } from './page-cache.ts';

export interface Rendered {
  body: string;
  status: number;
}

// Browsers ask again every time (a 304 when nothing changed), so logged work shows at once; a proxy or
// CDN in front may serve a page for 30 s, which is what takes the load of a rush.
const CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=30';

/** The headers of a cached 200 page, built once per page: the hot path sets them in one call. */
const okHeaders = new WeakMap<CachedPage, Readonly<Record<string, string>>>();

function headersOf(page: CachedPage, contentType: string): Readonly<Record<string, string>> {
  let headers = okHeaders.get(page);
  if (headers?.['content-type'] !== contentType) {
    headers = { 'content-type': contentType, etag: page.etag, 'cache-control': CACHE_CONTROL };
    okHeaders.set(page, headers);
  }
  return headers;
}

export async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  key: string,
  contentType: string,
  render: () => Promise<Rendered>,
): Promise<FastifyReply> {
  const page = await cache.get(key, render);
  if (page.status !== 200) {
    return reply
      .code(page.status)
      .headers({ 'content-type': contentType, 'cache-control': 'no-store' })
      .send(page.body);
  }
  reply.headers(headersOf(page, contentType));
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.send(page.body);
}

/** A request no form of ours sends (a forged or broken post): answered 400 by the app's error page. */
export class BadFormError extends Error {
  readonly statusCode = 400;
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
