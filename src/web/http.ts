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
  reply.header('etag', page.etag).header('cache-control', 'public, max-age=60, stale-while-revalidate=60');
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.code(200).send(page.body);
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
