// Public situation picture (lägesbild) and its open data: the page per LPO (Swedish and English), a CSV
// and a JSON API, all with the same suppression of small counts, cached until the data changes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { GROUP_TYPES, TYPE_GROUPS } from '../../domain/event-types.ts';
import { suppress } from '../../domain/suppression.ts';
import { DAY_BANDS } from '../../domain/time-bands.ts';
import { HTML, JSON_TYPE, type Rendered, sendCached } from '../../web/http.ts';
import { type Lang, messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { toCsv } from '../auth/audit-log.ts';
import { lastTwelveMonths } from '../dialogue/service.ts';
import { ErrorResponse } from '../promises/api-schema.ts';
import { publicPicturePath } from './filter.ts';
import { situationMessages } from './messages.ts';
import type { PublicPicture } from './service.ts';
import { PublicPicturePage, publicCsvPath, SOURCE_URL } from './views/public-page.tsx';

const SlugParam = Type.String({ pattern: '^[a-z0-9-]{1,60}$' });
const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])) });
const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: 'The number of events, or null when under the suppression threshold.',
});
const GroupKey = Type.Union([
  Type.Literal('violence_public'),
  Type.Literal('robbery'),
  Type.Literal('other'),
]);
const BandKey = Type.Union([
  Type.Literal('night'),
  Type.Literal('morning'),
  Type.Literal('day'),
  Type.Literal('evening'),
]);

export const SituationResponse = Type.Object(
  {
    lpo: Type.String(),
    name: Type.String(),
    title: Type.String({
      description: 'What the figures are: published police events, not crime statistics.',
    }),
    source: Type.Object({ name: Type.String(), url: Type.String() }),
    licence: Type.Object({
      events: Type.String(),
      aggregation: Type.String(),
      aggregationUrl: Type.String(),
    }),
    period: Type.Object({
      from: Type.String({ description: 'First month, YYYY-MM.' }),
      to: Type.String({ description: 'Last month, YYYY-MM (inclusive).' }),
    }),
    suppressionThreshold: Type.Integer(),
    latestEventAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    typeGroups: Type.Array(
      Type.Object({
        key: GroupKey,
        label: Type.String(),
        types: Type.Union([Type.Array(Type.String()), Type.Null()]),
      }),
    ),
    districts: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
    monthly: Type.Array(
      Type.Object({
        month: Type.String({ description: 'YYYY-MM' }),
        district: Type.String({ description: 'The district slug.' }),
        group: GroupKey,
        events: Count,
        suppressed: Type.Boolean(),
      }),
    ),
    weekdayBands: Type.Array(
      Type.Object({
        weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday.' }),
        band: BandKey,
        hours: Type.String({ description: 'Stockholm local time, e.g. 00-06.' }),
        events: Count,
        suppressed: Type.Boolean(),
      }),
    ),
  },
  { $id: 'SituationResponse' },
);
type SituationResponse = Static<typeof SituationResponse>;

export const situationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const lang of ['sv', 'en'] as const) {
    const path = publicPicturePath(lang, ':slug');
    app.get(path, { schema: { hide: true } }, (request, reply) =>
      publicPage(app, request, reply, lang, (request.params as { slug: string }).slug),
    );
    app.get(publicCsvPath(lang, ':slug'), { schema: { hide: true } }, (request, reply) =>
      publicCsv(app, request, reply, lang, (request.params as { slug: string }).slug),
    );
  }

  app.get(
    '/api/v1/lpos/:slug/situation',
    {
      schema: {
        tags: ['situation'],
        summary:
          'The public situation picture: published police events per month, district, type group and time of day',
        description:
          'Counts of the events the Swedish Police Authority publishes on polisen.se, placed in the LPO’s districts: not crime statistics. Counts under the suppression threshold are null. Events: public information, reuse under the Swedish PSI law (2010:566); this aggregation: CC0 1.0.',
        params: Type.Object({ slug: SlugParam }),
        querystring: LangQuery,
        response: { 200: SituationResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const lang = request.query.lang ?? 'sv';
      const key = `api:situation:${lang}:${slug}:${app.services.promises.today()}`;
      return sendCached(request, reply, app.pageCache, key, JSON_TYPE, async () => {
        const picture = await pictureOf(app, slug);
        if (!picture) return notFoundJson(`No local police area "${slug}"`);
        return { status: 200, body: JSON.stringify(situationJson(picture, lang)) };
      });
    },
  );
};

async function pictureOf(app: FastifyInstance, slug: string): Promise<PublicPicture | undefined> {
  const area = await app.services.areas.findPoliceArea(slug);
  return area ? app.services.situation.publicPicture(area) : undefined;
}

function publicPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  slug: string,
) {
  const key = `page:situation:${lang}:${slug}:${app.services.promises.today()}`;
  return sendCached(request, reply, app.pageCache, key, HTML, async () => {
    const picture = await pictureOf(app, slug);
    if (!picture) return notFoundPage(lang, request.url, messages(lang).notFoundLpo(slug));
    const dialogue = await app.services.dialogue.summary(
      picture.area.id,
      lastTwelveMonths(app.services.promises.today()),
      app.config.suppressionThreshold,
    );
    const m = situationMessages(lang);
    const body = renderPage(
      {
        lang,
        title: m.publicHeading(picture.area.name),
        description: m.notCrimeStatistics,
        alternatePath: publicPicturePath(lang === 'sv' ? 'en' : 'sv', slug),
      },
      <PublicPicturePage lang={lang} picture={picture} dialogue={dialogue} />,
    );
    return { status: 200, body };
  });
}

function publicCsv(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  slug: string,
) {
  const key = `csv:situation:${lang}:${slug}:${app.services.promises.today()}`;
  void reply.header('content-disposition', `attachment; filename="lagesbild-${slug}.csv"`);
  return sendCached(request, reply, app.pageCache, key, 'text/csv; charset=utf-8', async () => {
    const picture = await pictureOf(app, slug);
    if (!picture) return notFoundPage(lang, request.url, messages(lang).notFoundLpo(slug));
    const json = situationJson(picture, lang);
    const m = situationMessages(lang);
    const names = new Map(picture.districts.map((d) => [d.slug, d.name]));
    const header =
      lang === 'sv'
        ? ['månad', 'stadsdel', 'grupp', 'händelser', 'dold']
        : ['month', 'district', 'group', 'events', 'suppressed'];
    const rows = json.monthly.map((c) => [
      c.month,
      names.get(c.district) ?? c.district,
      m.groups[c.group],
      c.events === null ? m.fewerThan(picture.threshold) : String(c.events),
      c.suppressed ? (lang === 'sv' ? 'ja' : 'yes') : lang === 'sv' ? 'nej' : 'no',
    ]);
    const note = [
      `${m.notCrimeStatistics}. ${json.licence.events} ${json.licence.aggregation}. ${SOURCE_URL}`,
    ];
    return { status: 200, body: toCsv([note, header, ...rows]) };
  });
}

function situationJson(picture: PublicPicture, lang: Lang): SituationResponse {
  const m = situationMessages(lang);
  const slugs = new Map(picture.districts.map((d) => [d.id, d.slug]));
  const last = picture.months[picture.months.length - 1] ?? picture.from;
  return {
    lpo: picture.area.slug,
    name: picture.area.name,
    title: m.notCrimeStatistics,
    source: {
      name: lang === 'sv' ? 'Polismyndigheten, polisen.se' : 'Swedish Police Authority, polisen.se',
      url: SOURCE_URL,
    },
    licence: {
      events:
        lang === 'sv'
          ? 'Händelserna är allmän information från Polismyndigheten; vidareutnyttjande enligt lagen (2010:566).'
          : 'The events are public information from the Swedish Police Authority; reuse under the Swedish PSI law (2010:566).',
      aggregation: lang === 'sv' ? 'Sammanställningen: CC0 1.0' : 'The aggregation: CC0 1.0',
      aggregationUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
    },
    period: { from: picture.from.slice(0, 7), to: last.slice(0, 7) },
    suppressionThreshold: picture.threshold,
    latestEventAt: picture.latestEventAt ? picture.latestEventAt.toISOString() : null,
    typeGroups: TYPE_GROUPS.map((g) => ({
      key: g,
      label: m.groups[g],
      types: g === 'other' ? null : [...GROUP_TYPES[g]],
    })),
    districts: picture.districts.map((d) => ({ slug: d.slug, name: d.name })),
    monthly: picture.monthly.map((c) => ({
      month: c.month.slice(0, 7),
      district: slugs.get(c.districtId) ?? '',
      group: c.group,
      events: c.events,
      suppressed: c.events === null,
    })),
    weekdayBands: picture.weekdayBands.flatMap((row, d) =>
      row.map((n, b) => {
        const band = DAY_BANDS[b] ?? DAY_BANDS[0];
        const events = suppress(n, picture.threshold);
        return {
          weekday: d + 1,
          band: band.key,
          hours: `${String(band.from).padStart(2, '0')}-${String(band.to).padStart(2, '0')}`,
          events,
          suppressed: events === null,
        };
      }),
    ),
  };
}

function notFoundJson(message: string): Rendered {
  return { status: 404, body: JSON.stringify({ statusCode: 404, error: 'Not Found', message }) };
}
