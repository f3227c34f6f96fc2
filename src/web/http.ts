// Sending cached public responses with validators, so browsers and proxies can revalidate cheaply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageCache } from './page-cache.ts';

export interface Rendered {
  body: string;
  status: number;
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
  reply.header('content-type', contentType);
  if (page.status !== 200) return reply.code(page.status).header('cache-control', 'no-store').send(page.body);
  // Browsers ask again every time (a 304 when nothing changed), so logged work shows at once; a proxy or
  // CDN in front may serve a page for 30 s, which is what takes the load of a rush.
  reply.header('etag', page.etag).header('cache-control', 'public, max-age=0, must-revalidate, s-maxage=30');
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.code(200).send(page.body);
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
