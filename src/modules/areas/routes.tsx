// The start page (LPO list with search) and the areas API.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { slugify } from '../../domain/geometry.ts';
import { HTML, JSON_TYPE, sendCached } from '../../web/http.ts';
import { messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { ErrorResponse, LpoDetail, LpoSummary } from '../promises/api-schema.ts';
import type { PoliceAreaListing } from './views/start-page.tsx';
import { StartPage } from './views/start-page.tsx';

const SearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) });

export const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const lang of ['sv', 'en'] as const) {
    app.get(
      lang === 'sv' ? '/' : '/en',
      { schema: { hide: true, querystring: SearchQuery } },
      async (request, reply) => {
        const query = (request.query.q ?? '').trim();
        const key = `page:${lang}:start:${query.toLowerCase()}:${app.services.promises.today()}`;
        return sendCached(request, reply, app.pageCache, key, HTML, async () => {
          const areas = await listings(app, query);
          const t = messages(lang);
          const body = renderPage(
            {
              lang,
              title: query ? t.matchesFor(query) : t.siteName,
              description: t.startIntro,
              alternatePath: lang === 'sv' ? '/en' : '/',
              query,
            },
            <StartPage lang={lang} areas={areas} query={query} />,
          );
          return { status: 200, body };
        });
      },
    );
  }

  app.get(
    '/api/v1/lpos',
    {
      schema: {
        tags: ['areas'],
        summary: 'All local police areas',
        response: { 200: Type.Array(LpoSummary) },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, app.pageCache, 'api:lpos', JSON_TYPE, async () => {
        const areas = await listings(app, '');
        const body = await Promise.all(
          areas.map(async (a) => ({
            slug: a.slug,
            name: a.name,
            region: a.region,
            districtAreas: a.districtAreas,
            years: (await app.services.promises.publishedYears(a.slug)).map((y) => y.year),
            currentYear: a.currentYear ?? null,
          })),
        );
        return { status: 200, body: JSON.stringify(body) };
      }),
  );

  app.get(
    '/api/v1/lpos/:slug',
    {
      schema: {
        tags: ['areas'],
        summary: 'A local police area: its districts and published promises',
        params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }) }),
        response: { 200: LpoDetail, 404: ErrorResponse },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, app.pageCache, `api:lpo:${request.params.slug}`, JSON_TYPE, async () => {
        const area = await app.services.areas.findPoliceArea(request.params.slug);
        if (!area) {
          const message = `No local police area "${request.params.slug}"`;
          return { status: 404, body: JSON.stringify({ statusCode: 404, error: 'Not Found', message }) };
        }
        const districts = await app.services.areas.districtsOf(area.id);
        const promises = await app.services.promises.publishedYears(area.slug);
        const body = {
          slug: area.slug,
          name: area.name,
          region: area.region,
          districts: districts.map((d) => ({
            slug: d.slug,
            name: d.name,
            districtArea: d.districtArea,
            confidence: d.confidence,
            centroid: d.centroid,
          })),
          promises: promises.map((p) => ({ year: p.year, title: p.title, demo: p.isDemo })),
        };
        return { status: 200, body: JSON.stringify(body) };
      }),
  );
};

/** LPOs, filtered by a search on their name or the names of the districts they cover. */
async function listings(app: FastifyInstance, query: string): Promise<PoliceAreaListing[]> {
  const needle = slugify(query);
  const result: PoliceAreaListing[] = [];
  for (const area of await app.services.areas.listPoliceAreas()) {
    const districts = await app.services.areas.districtsOf(area.id);
    const nameMatches = needle === '' || slugify(area.name).includes(needle);
    const matchedDistricts =
      needle === '' ? [] : districts.filter((d) => d.slug.includes(needle)).map((d) => d.name);
    const areaMatches = districts.some((d) => d.districtArea && slugify(d.districtArea).includes(needle));
    if (!nameMatches && matchedDistricts.length === 0 && !areaMatches) continue;
    result.push({
      slug: area.slug,
      name: area.name,
      region: area.region,
      districtAreas: [
        ...new Set(districts.map((d) => d.districtArea).filter((a): a is string => a !== null)),
      ],
      matchedDistricts,
      currentYear: await app.services.promises.currentYear(area.slug),
    });
  }
  return result;
}
