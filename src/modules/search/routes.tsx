// Site search (/sok, /en/search) and its JSON twin (/api/v1/search).
// Not kept in the page cache: every query is a new key, so caching them would push the hot LPO pages out
// of the bounded cache; an indexed search takes a few milliseconds. ETags still spare the bandwidth.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { checkQuery, MAX_QUERY_LENGTH, segmentsToHtml } from '../../domain/search-text.ts';
import { HTML, JSON_TYPE } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { etagOf } from '../../web/page-cache.ts';
import { searchMessages } from './messages.ts';
import { MAX_RESULTS, type SearchOutcome } from './service.ts';
import { SearchPage, searchPath } from './views/search-page.tsx';

// The page checks the length itself, so that a long query gets the form back with a message.
const PageQuery = Type.Object({ q: Type.Optional(Type.String()) });

const SearchResultJson = Type.Object({
  kind: Type.Union([
    Type.Literal('lpo'),
    Type.Literal('promise'),
    Type.Literal('commitment'),
    Type.Literal('update'),
    Type.Literal('place'),
    Type.Literal('district'),
  ]),
  title: Type.String(),
  titleHtml: Type.String({ description: 'The title as HTML: text escaped, matched words in <mark>.' }),
  snippetHtml: Type.String({ description: 'An excerpt as HTML: text escaped, matched words in <mark>.' }),
  url: Type.String({ description: 'Path of the page, in the language asked for.' }),
  lpo: Type.Union([Type.String(), Type.Null()], { description: 'Name of the local police area.' }),
  year: Type.Union([Type.Integer(), Type.Null()], { description: 'Year of the promise.' }),
  date: Type.Union([Type.String(), Type.Null()], { description: 'Publication day of an update.' }),
  match: Type.Union([Type.Literal('text'), Type.Literal('name')], {
    description: '"text" when words matched (with Swedish word forms); "name" when only a name was similar.',
  }),
});

const SearchResponse = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: `Number of results (at most ${MAX_RESULTS}).` }),
  suggestion: Type.Union([Type.String(), Type.Null()], {
    description: 'A similar name to search for instead, when the words found nothing.',
  }),
  results: Type.Array(SearchResultJson),
});

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const lang of ['sv', 'en'] as const) {
    app.get(searchPath(lang), { schema: { hide: true, querystring: PageQuery } }, async (request, reply) => {
      const t = searchMessages(lang);
      const raw = request.query.q ?? '';
      const checked = checkQuery(raw);
      const outcome = checked.ok ? await app.services.search.search(checked.query) : undefined;
      const query = checked.ok ? checked.query : raw;
      const body = renderPage(
        {
          lang,
          title: outcome?.query ? t.title(outcome.query) : t.heading,
          alternatePath: searchPath(lang === 'sv' ? 'en' : 'sv', outcome?.query),
          query: checked.ok ? checked.query : '',
        },
        <SearchPage
          lang={lang}
          query={query}
          outcome={outcome}
          {...(checked.ok ? {} : { error: t.tooLong })}
          capped={(outcome?.results.length ?? 0) >= MAX_RESULTS}
          limit={MAX_RESULTS}
        />,
      );
      if (!checked.ok) return reply.code(400).type(HTML).header('cache-control', 'no-store').send(body);
      return sendWithEtag(request, reply, HTML, body);
    });
  }

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search promises, commitments, updates, places, districts and local police areas',
        description:
          'Swedish full-text search (word forms count: "trygghetsvandring" finds "trygghetsvandringar"), ' +
          'plus names of places, districts and local police areas that are spelt similarly.',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH }),
          lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
        }),
        response: { 200: SearchResponse },
      },
    },
    async (request, reply) => {
      const checked = checkQuery(request.query.q);
      const outcome = await app.services.search.search(checked.ok ? checked.query : '');
      const body = JSON.stringify(searchJson(outcome, request.query.lang ?? 'sv'));
      return sendWithEtag(request, reply, JSON_TYPE, body);
    },
  );
};

function searchJson(outcome: SearchOutcome, lang: Lang): Static<typeof SearchResponse> {
  return {
    query: outcome.query,
    total: outcome.results.length,
    suggestion: outcome.suggestion,
    results: outcome.results.map((r) => ({
      kind: r.kind,
      title: r.title.map((s) => s.text).join(''),
      titleHtml: segmentsToHtml(r.title),
      snippetHtml: segmentsToHtml(r.snippet),
      url: r.path[lang],
      lpo: r.lpoName,
      year: r.year,
      date: r.date,
      match: r.match,
    })),
  };
}

/** Same validators as the cached pages (see sendCached), computed per request. */
function sendWithEtag(request: FastifyRequest, reply: FastifyReply, type: string, body: string) {
  const etag = etagOf(body);
  reply
    .type(type)
    .header('etag', etag)
    .header('cache-control', 'public, max-age=0, must-revalidate, s-maxage=30');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.code(200).send(body);
}
