// Public promise pages (Swedish at /lpo/…, English at /en/lpo/…) and the promise API.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { describeEvaluation, statusLabel } from '../../domain/target-text.ts';
import { HTML, JSON_TYPE, type Rendered, sendCached } from '../../web/http.ts';
import { type Lang, messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { commitmentPageNews, lpoPageNews } from '../updates/routes.tsx';
import { CommitmentDetailResponse, ErrorResponse, PromiseResponse } from './api-schema.ts';
import { promiseJsonSchema } from './json-schema.ts';
import type { CommitmentProgress, PromiseProgress } from './service.ts';
import { CommitmentPage } from './views/commitment-page.tsx';
import { PromisePage, promisePath } from './views/promise-page.tsx';

const SlugParam = Type.String({ pattern: '^[a-z0-9-]{1,60}$' });
const YearParam = Type.String({ pattern: '^[0-9]{1,4}$', description: 'The promise year, e.g. 2026.' });
const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])) });

export const promiseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const lang of ['sv', 'en'] as const) {
    const prefix = lang === 'sv' ? '' : '/en';
    app.get(`${prefix}/lpo/:slug`, { schema: { hide: true } }, (request, reply) =>
      promisePage(app, request, reply, lang, (request.params as { slug: string }).slug, undefined),
    );
    app.get(`${prefix}/lpo/:slug/:year`, { schema: { hide: true } }, (request, reply) => {
      const params = request.params as { slug: string; year: string };
      return promisePage(app, request, reply, lang, params.slug, params.year);
    });
    app.get(`${prefix}/lpo/:slug/:year/:key`, { schema: { hide: true } }, (request, reply) => {
      const params = request.params as { slug: string; year: string; key: string };
      return commitmentPage(app, request, reply, lang, params);
    });
  }

  app.get(
    '/api/v1/lpos/:slug/promises/:year',
    {
      schema: {
        tags: ['promises'],
        summary: 'A published promise with live progress of every commitment',
        params: Type.Object({ slug: SlugParam, year: YearParam }),
        querystring: LangQuery,
        response: { 200: PromiseResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { slug, year } = request.params;
      const lang = request.query.lang ?? 'sv';
      return sendCached(
        request,
        reply,
        app.pageCache,
        `api:promise:${lang}:${slug}:${year}`,
        JSON_TYPE,
        async () => {
          const progress = await app.services.promises.progress(slug, Number(year));
          if (!progress) return notFoundJson(`No published promise for "${slug}" in ${year}`);
          return { status: 200, body: JSON.stringify(await promiseJson(app, progress, lang)) };
        },
      );
    },
  );

  app.get(
    '/api/v1/lpos/:slug/promises/:year/commitments/:key',
    {
      schema: {
        tags: ['promises'],
        summary: 'One commitment: its targets, progress and the value at the end of each week',
        params: Type.Object({ slug: SlugParam, year: YearParam, key: SlugParam }),
        querystring: LangQuery,
        response: { 200: CommitmentDetailResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { slug, year, key } = request.params;
      const lang = request.query.lang ?? 'sv';
      const cacheKey = `api:commitment:${lang}:${slug}:${year}:${key}`;
      return sendCached(request, reply, app.pageCache, cacheKey, JSON_TYPE, async () => {
        const progress = await app.services.promises.progress(slug, Number(year));
        const item = progress?.commitments.find((c) => c.commitment.key === key);
        if (!progress || !item)
          return notFoundJson(`No commitment "${key}" in ${slug}'s promise for ${year}`);
        const body = {
          lpo: slug,
          year: progress.promise.year,
          commitment: commitmentJson(item, lang),
          weekly: item.targets
            .filter((t) => !t.suppressed)
            .map((t) => ({ targetIndex: t.index, points: t.weekly })),
        };
        return { status: 200, body: JSON.stringify(body) };
      });
    },
  );

  app.get(
    '/api/schemas/promise.json',
    { schema: { tags: ['promises'], summary: 'The JSON Schema of a promise file (for `promise import`)' } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').send(promiseJsonSchema()),
  );
};

function notFoundJson(message: string): Rendered {
  return { status: 404, body: JSON.stringify({ statusCode: 404, error: 'Not Found', message }) };
}

async function promisePage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  slug: string,
  yearParam: string | undefined,
) {
  const { promises, areas } = app.services;
  const key = `page:${lang}:${slug}:${yearParam ?? 'current'}:${promises.today()}`;
  return sendCached(request, reply, app.pageCache, key, HTML, async () => {
    const area = await areas.findPoliceArea(slug);
    if (!area) return notFoundPage(lang, request.url, messages(lang).notFoundLpo(slug));
    const year = yearParam === undefined ? await promises.currentYear(slug) : Number(yearParam);
    const progress =
      year === undefined || !/^\d{4}$/.test(String(year)) ? undefined : await promises.progress(slug, year);
    const years = await promises.publishedYears(slug);
    if (!progress) {
      const links = years.map((y) => ({
        href: promisePath(lang, slug, y.year),
        label: `${y.year}: ${y.title}`,
      }));
      return notFoundPage(lang, request.url, messages(lang).notFoundYear(area.name, yearParam ?? ''), links);
    }
    const districts = await areas.districtsOf(area.id);
    const news = await lpoPageNews(app, lang, area);
    const body = renderPage(
      {
        lang,
        title: `${progress.promise.document.title}`,
        description: progress.promise.document.introduction.slice(0, 160),
        alternatePath: promisePath(
          lang === 'sv' ? 'en' : 'sv',
          slug,
          yearParam === undefined ? undefined : year,
        ),
        feeds: news.feeds,
      },
      <PromisePage
        lang={lang}
        lpoName={area.name}
        lpoSlug={slug}
        progress={progress}
        districts={districts}
        years={years}
        suppressionThreshold={app.config.suppressionThreshold}
        demoWork={await promises.hasDemoWork(area.id)}
        changes={await promises.publishedChanges(progress.promise.id)}
        news={news}
      />,
    );
    return { status: 200, body };
  });
}

async function commitmentPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  params: { slug: string; year: string; key: string },
) {
  const { promises, areas } = app.services;
  const key = `page:${lang}:${params.slug}:${params.year}:${params.key}:${promises.today()}`;
  return sendCached(request, reply, app.pageCache, key, HTML, async () => {
    const area = await areas.findPoliceArea(params.slug);
    if (!area) return notFoundPage(lang, request.url, messages(lang).notFoundLpo(params.slug));
    const progress = /^\d{4}$/.test(params.year)
      ? await promises.progress(params.slug, Number(params.year))
      : undefined;
    const item = progress?.commitments.find((c) => c.commitment.key === params.key);
    if (!progress || !item) {
      return notFoundPage(lang, request.url, messages(lang).notFoundYear(area.name, params.year), [
        { href: promisePath(lang, params.slug), label: messages(lang).lpo(area.name) },
      ]);
    }
    const news = await commitmentPageNews(app, lang, area, { year: progress.promise.year, key: params.key });
    if (!news) return notFoundPage(lang, request.url);
    const body = renderPage(
      {
        lang,
        title: `${item.commitment.title} – ${progress.promise.document.title}`,
        feeds: news.feeds,
        alternatePath: promisePath(
          lang === 'sv' ? 'en' : 'sv',
          params.slug,
          progress.promise.year,
          params.key,
        ),
      },
      <CommitmentPage
        lang={lang}
        lpoName={area.name}
        lpoSlug={params.slug}
        year={progress.promise.year}
        promiseTitle={progress.promise.document.title}
        item={item}
        suppressionThreshold={app.config.suppressionThreshold}
        demoWork={await promises.hasDemoWork(area.id)}
        news={news}
      />,
    );
    return { status: 200, body };
  });
}

async function promiseJson(app: FastifyInstance, progress: PromiseProgress, lang: Lang) {
  const doc = progress.promise.document;
  return {
    lpo: progress.promise.lpoSlug,
    year: doc.year,
    title: doc.title,
    validFrom: doc.validFrom,
    validTo: doc.validTo,
    introduction: doc.introduction,
    ...(doc.situation ? { situation: doc.situation } : {}),
    problems: doc.problems ?? [],
    partners: doc.partners,
    followUpChannels: doc.followUpChannels,
    footnotes: doc.footnotes ?? [],
    demo:
      progress.promise.is_demo || (await app.services.promises.hasDemoWork(progress.promise.police_area_id)),
    today: progress.today,
    evaluatedYear: progress.year,
    commitments: progress.commitments.map((c) => commitmentJson(c, lang)),
  };
}

function commitmentJson(item: CommitmentProgress, lang: Lang) {
  const c = item.commitment;
  return {
    key: c.key,
    kind: c.kind,
    title: c.title,
    text: c.text,
    actors: c.actors,
    ...(c.unmeasuredText ? { unmeasuredText: c.unmeasuredText } : {}),
    measurable: c.targets.length > 0,
    targets: item.targets.map((tp) => ({
      index: tp.index,
      target: tp.target,
      suppressed: tp.suppressed,
      evaluation: tp.suppressed
        ? null
        : {
            ...tp.evaluation,
            statusLabel: statusLabel(tp.evaluation.status, lang),
            explanation: describeEvaluation(tp.evaluation, tp.target, lang),
          },
    })),
  };
}
