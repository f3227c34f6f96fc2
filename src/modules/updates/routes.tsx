// Public updates: the news pages, Atom/RSS/JSON feeds of an LPO and of a commitment, and following by
// e-mail (double opt-in, one-click unsubscribe). Pages and feeds are cached until an update changes.
import fastifyFormbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import { BadFormError, HTML, sendCached } from '../../web/http.ts';
import { type Lang, langPrefix, messages } from '../../web/i18n.ts';
import { type FeedLink, renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { FEED_CONTENT_TYPES, renderFeed } from './feeds.ts';
import { updateMessages } from './messages.ts';
import {
  type CommitmentRef,
  FEED_FORMATS,
  type FeedFormat,
  FOLLOW_PATHS,
  feedPath,
  newsPath,
} from './paths.ts';
import type { UpdateView } from './service.ts';
import {
  type FollowForm,
  FollowFormPage,
  type FollowOptions,
  feedLinks,
  MessagePage,
  NewsListPage,
  UpdatePage,
} from './views/public.tsx';

/** Updates shown on an LPO page; the list page shows more. */
const LPO_PAGE_UPDATES = 5;
const COMMITMENT_PAGE_UPDATES = 10;
const LIST_PAGE_UPDATES = 50;
const FEED_UPDATES = 30;
/** Sign-ups per client: enough for a household, too few to flood anyone with confirmation mails. */
const FOLLOW_RATE = { max: 5, timeWindow: '10 minutes' };
const FOLLOW_FORM = 'follow';

const SlugParam = Type.String({ pattern: '^[a-z0-9-]{1,60}$' });
const IdParams = Type.Object({ slug: SlugParam, id: Type.String({ maxLength: 20 }) });
const CommitmentParams = Type.Object({
  slug: SlugParam,
  year: Type.String({ pattern: '^[0-9]{4}$' }),
  key: SlugParam,
});
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const FollowQuery = Type.Object({
  lpo: Type.Optional(SlugParam),
  year: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
  key: Type.Optional(SlugParam),
});
const FollowBody = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
  lpo: Type.Optional(Type.String({ maxLength: 60 })),
  year: Type.Optional(Type.String({ maxLength: 10 })),
  key: Type.Optional(Type.String({ maxLength: 60 })),
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  website: Type.Optional(Type.String({ maxLength: 1000 })),
});

export async function updatesRoutes(app: FastifyInstance): Promise<void> {
  // This context's own form parsing and rate limit (the staff context has its own).
  await app.register(fastifyFormbody, { bodyLimit: 16_384 });
  await app.register(rateLimit, { global: false });
  // RFC 8058 one-click unsubscribes may come as multipart/form-data; their body says nothing we need.
  app.addContentTypeParser('multipart/form-data', { bodyLimit: 16_384 }, (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
    payload.on('error', (error) => done(error));
  });

  const { areas, promises, updates } = app.services;

  for (const lang of ['sv', 'en'] as const) {
    const t = messages(lang);
    const m = updateMessages(lang);
    const newsBase = newsPath(lang, ':slug');

    app.get(
      newsBase,
      { schema: { hide: true, params: Type.Object({ slug: SlugParam }) } },
      (request, reply) => {
        const { slug } = request.params as { slug: string };
        return sendCached(
          request,
          reply,
          app.pageCache,
          `news:${lang}:${slug}:${promises.today()}`,
          HTML,
          async () => {
            const area = await areas.findPoliceArea(slug);
            if (!area) return notFoundPage(lang, request.url, t.notFoundLpo(slug));
            const follow = followOptions(app, lang, area, undefined);
            const body = renderPage(
              {
                lang,
                title: m.newsFrom(area.name),
                alternatePath: newsPath(other(lang), slug),
                feeds: follow.feeds,
              },
              <NewsListPage
                lang={lang}
                lpoName={area.name}
                lpoSlug={slug}
                updates={await updates.latest(area.id, LIST_PAGE_UPDATES)}
                follow={follow}
              />,
            );
            return { status: 200, body };
          },
        );
      },
    );

    app.get(`${newsBase}/:id`, { schema: { hide: true, params: IdParams } }, (request, reply) => {
      const { slug, id } = request.params as Static<typeof IdParams>;
      const key = `news:${lang}:${slug}:${id}:${promises.today()}`;
      return sendCached(request, reply, app.pageCache, key, HTML, async () => {
        const area = await areas.findPoliceArea(slug);
        if (!area) return notFoundPage(lang, request.url, t.notFoundLpo(slug));
        const update = /^\d{1,9}$/.test(id) ? await updates.find(area.id, Number(id)) : undefined;
        if (!update) return notFoundPage(lang, request.url);
        const body = renderPage(
          {
            lang,
            title: update.title,
            description: update.body.slice(0, 160),
            alternatePath: newsPath(other(lang), slug, update.id),
            feeds: feedLinks(lang, slug, m.feedTitleLpo(area.name)),
          },
          <UpdatePage lang={lang} lpoName={area.name} lpoSlug={slug} update={update} />,
        );
        return { status: 200, body };
      });
    });

    for (const format of FEED_FORMATS) {
      app.get(
        `${langPrefix(lang)}/lpo/:slug/feed.${format}`,
        { schema: { hide: true, params: Type.Object({ slug: SlugParam }) } },
        (request, reply) =>
          sendFeed(app, request, reply, lang, format, (request.params as { slug: string }).slug, undefined),
      );
      app.get(
        `${langPrefix(lang)}/lpo/:slug/:year/:key/feed.${format}`,
        { schema: { hide: true, params: CommitmentParams } },
        (request, reply) => {
          const { slug, year, key } = request.params as Static<typeof CommitmentParams>;
          return sendFeed(app, request, reply, lang, format, slug, { year: Number(year), key });
        },
      );
    }

    const paths = FOLLOW_PATHS[lang];

    app.get(paths.form, { schema: { hide: true, querystring: FollowQuery } }, async (request, reply) => {
      if (!updates.mailEnabled) return reply.callNotFound();
      const query = request.query as Static<typeof FollowQuery>;
      const scope = await followScope(app, query.lpo, query.year, query.key);
      if (!scope) return reply.callNotFound();
      return sendFollowForm(reply, lang, scope, 200);
    });

    app.post(
      paths.form,
      { schema: { hide: true, body: FollowBody }, config: { rateLimit: FOLLOW_RATE } },
      async (request, reply) => {
        if (!updates.mailEnabled) return reply.callNotFound();
        if (crossSite(request)) throw new ForbiddenError('cross-site form post');
        const body = (request.body ?? {}) as Static<typeof FollowBody>;
        const scope = await followScope(app, body.lpo, body.year, body.key);
        if (!scope) throw new BadFormError('unknown local police area or commitment');
        if (!app.formTokens.verify(FOLLOW_FORM, body.token)) {
          return sendFollowForm(reply, lang, scope, 400, m.formExpired, body.email);
        }
        // A filled-in hidden field is a bot: it gets the same answer and nothing is stored or sent.
        if (body.website) return reply.redirect(paths.sent, 303);
        const result = await updates.subscribe({
          lang,
          email: body.email ?? '',
          area: scope.area,
          commitmentId: scope.commitment?.id ?? null,
        });
        if (!result.ok) return sendFollowForm(reply, lang, scope, 400, m.invalidEmail, body.email);
        return reply.redirect(paths.sent, 303);
      },
    );

    app.get(paths.sent, { schema: { hide: true } }, async (_request, reply) =>
      sendMessage(reply, lang, FOLLOW_PATHS[other(lang)].sent, {
        heading: m.checkEmailHeading,
        text: m.checkEmailText,
        back: { label: t.allAreas, href: `${langPrefix(lang)}/` },
      }),
    );

    app.get(
      `${paths.confirm}/:token`,
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as Static<typeof TokenParams>;
        const pending = await updates.pendingByToken(token);
        const alternate = `${FOLLOW_PATHS[other(lang)].confirm}/${token}`;
        if (!pending) return sendBadLink(reply, lang, alternate);
        // A button, not an action on GET: mail scanners open links, and must not confirm for anyone.
        return sendMessage(reply, lang, alternate, {
          heading: m.confirmHeading,
          text: m.confirmText(pending.what),
          button: { label: m.confirmButton, action: `${paths.confirm}/${token}` },
        });
      },
    );

    app.post(
      `${paths.confirm}/:token`,
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as Static<typeof TokenParams>;
        const confirmed = await updates.confirm(token);
        const alternate = `${FOLLOW_PATHS[other(lang)].confirm}/${token}`;
        if (!confirmed) return sendBadLink(reply, lang, alternate);
        return sendMessage(reply, lang, alternate, {
          heading: m.confirmedHeading,
          text: m.confirmedText(confirmed.what),
        });
      },
    );

    app.get(
      `${paths.unsubscribe}/:token`,
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as Static<typeof TokenParams>;
        const found = await updates.byUnsubscribeToken(token);
        const alternate = `${FOLLOW_PATHS[other(lang)].unsubscribe}/${token}`;
        if (!found) return sendBadLink(reply, lang, alternate);
        return sendMessage(reply, lang, alternate, {
          heading: m.unsubscribeHeading,
          text: m.unsubscribeText(found.what),
          button: { label: m.unsubscribeButton, action: `${paths.unsubscribe}/${token}` },
        });
      },
    );

    // The one-click POST of RFC 8058 (List-Unsubscribe-Post) and our page's button: both unsubscribe at once.
    app.post(
      `${paths.unsubscribe}/:token`,
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as Static<typeof TokenParams>;
        const alternate = `${FOLLOW_PATHS[other(lang)].unsubscribe}/${token}`;
        if (!(await updates.unsubscribe(token))) return sendBadLink(reply, lang, alternate);
        return sendMessage(reply, lang, alternate, {
          heading: m.unsubscribedHeading,
          text: m.unsubscribedText,
        });
      },
    );
  }
}

interface FollowScope {
  area: PoliceArea;
  commitment: { id: number; title: string; ref: CommitmentRef } | undefined;
}

async function followScope(
  app: FastifyInstance,
  lpo: string | undefined,
  year: string | undefined,
  key: string | undefined,
): Promise<FollowScope | undefined> {
  const area =
    lpo && /^[a-z0-9-]{1,60}$/.test(lpo) ? await app.services.areas.findPoliceArea(lpo) : undefined;
  if (!area) return undefined;
  if (year === undefined && key === undefined) return { area, commitment: undefined };
  if (!year || !key || !/^\d{4}$/.test(year)) return undefined;
  const commitment = await app.services.updates.commitment(area.id, Number(year), key);
  if (!commitment) return undefined;
  return {
    area,
    commitment: { id: commitment.id, title: commitment.title, ref: { year: commitment.year, key } },
  };
}

function sendFollowForm(
  reply: FastifyReply,
  lang: Lang,
  scope: FollowScope,
  status: number,
  error?: string,
  email?: string,
) {
  const m = updateMessages(lang);
  const app = reply.server;
  const form: FollowForm = {
    token: app.formTokens.issue(FOLLOW_FORM),
    lpoSlug: scope.area.slug,
    commitment: scope.commitment?.ref,
  };
  const what = scope.commitment
    ? m.commitmentSubject(scope.commitment.title, scope.area.name)
    : m.lpoSubject(scope.area.name);
  const query = new URLSearchParams({ lpo: scope.area.slug });
  if (scope.commitment) {
    query.set('year', String(scope.commitment.ref.year));
    query.set('key', scope.commitment.ref.key);
  }
  return reply
    .code(status)
    .type(HTML)
    .header('cache-control', 'no-store')
    .send(
      renderPage(
        { lang, title: m.followHeading, alternatePath: `${FOLLOW_PATHS[other(lang)].form}?${query}` },
        <FollowFormPage lang={lang} what={what} form={form} error={error} email={email ?? ''} />,
      ),
    );
}

function sendMessage(
  reply: FastifyReply,
  lang: Lang,
  alternatePath: string,
  page: Parameters<typeof MessagePage>[0],
) {
  return reply
    .type(HTML)
    .header('cache-control', 'no-store')
    .send(renderPage({ lang, title: page.heading, alternatePath }, <MessagePage {...page} />));
}

function sendBadLink(reply: FastifyReply, lang: Lang, alternatePath: string) {
  const m = updateMessages(lang);
  reply.code(404);
  return sendMessage(reply, lang, alternatePath, {
    heading: m.badLinkHeading,
    text: m.badLinkText,
    back: { label: messages(lang).allAreas, href: `${langPrefix(lang)}/` },
  });
}

async function sendFeed(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  format: FeedFormat,
  slug: string,
  commitment: CommitmentRef | undefined,
) {
  const { areas, promises, updates } = app.services;
  const scope = commitment ? `${commitment.year}:${commitment.key}` : 'lpo';
  const key = `feed:${lang}:${slug}:${scope}:${format}:${promises.today()}`;
  return sendCached(request, reply, app.pageCache, key, FEED_CONTENT_TYPES[format], async () => {
    const area = await areas.findPoliceArea(slug);
    const found =
      area && commitment ? await updates.commitment(area.id, commitment.year, commitment.key) : undefined;
    if (!area || (commitment && !found)) {
      return {
        status: 404,
        body: format === 'json' ? '{"error":"Not Found"}' : '<?xml version="1.0"?><error/>',
      };
    }
    const m = updateMessages(lang);
    const base = app.config.publicUrl;
    const list = found
      ? await updates.latestAbout(area.id, found.id, FEED_UPDATES)
      : await updates.latest(area.id, FEED_UPDATES);
    const pagePath = commitment
      ? `${langPrefix(lang)}/lpo/${slug}/${commitment.year}/${commitment.key}`
      : `${langPrefix(lang)}/lpo/${slug}`;
    const feedUrls = Object.fromEntries(
      FEED_FORMATS.map((f) => [f, `${base}${feedPath(lang, slug, f, commitment)}`]),
    ) as Record<FeedFormat, string>;
    const body = renderFeed(
      format,
      {
        lang,
        lpoSlug: slug,
        lpoName: area.name,
        title: found ? m.feedTitleCommitment(found.title, area.name) : m.feedTitleLpo(area.name),
        description: m.feedDescriptionLpo(area.name),
        pageUrl: `${base}${pagePath}`,
        feedUrls,
        publicUrl: base,
        fallbackUpdated: new Date(`${promises.today()}T00:00:00Z`),
      },
      list,
    );
    return { status: 200, body };
  });
}

/** What an LPO page offers for following: its feeds, and the e-mail form when mail is configured. */
function followOptions(
  app: FastifyInstance,
  lang: Lang,
  area: PoliceArea,
  commitment: { title: string; ref: CommitmentRef } | undefined,
): FollowOptions {
  const m = updateMessages(lang);
  const title = commitment ? m.feedTitleCommitment(commitment.title, area.name) : m.feedTitleLpo(area.name);
  return {
    feeds: feedLinks(lang, area.slug, title, commitment?.ref),
    form: app.services.updates.mailEnabled
      ? { token: app.formTokens.issue(FOLLOW_FORM), lpoSlug: area.slug, commitment: commitment?.ref }
      : undefined,
  };
}

/** The news and follow options of an LPO's promise page. */
export async function lpoPageNews(
  app: FastifyInstance,
  lang: Lang,
  area: PoliceArea,
): Promise<{ updates: UpdateView[]; follow: FollowOptions; feeds: FeedLink[] }> {
  const follow = followOptions(app, lang, area, undefined);
  return {
    updates: await app.services.updates.latest(area.id, LPO_PAGE_UPDATES),
    follow,
    feeds: follow.feeds,
  };
}

/** The news and follow options of a commitment's page (none when the commitment is not stored). */
export async function commitmentPageNews(
  app: FastifyInstance,
  lang: Lang,
  area: PoliceArea,
  ref: CommitmentRef,
): Promise<{ updates: UpdateView[]; follow: FollowOptions; feeds: FeedLink[] } | undefined> {
  const commitment = await app.services.updates.commitment(area.id, ref.year, ref.key);
  if (!commitment) return undefined;
  const follow = followOptions(app, lang, area, { title: commitment.title, ref });
  return {
    updates: await app.services.updates.latestAbout(area.id, commitment.id, COMMITMENT_PAGE_UPDATES),
    follow,
    feeds: follow.feeds,
  };
}

/**
 * A form post from another site's page. Browsers say so in Sec-Fetch-Site, and in Origin; with our
 * no-referrer policy Chromium sends `Origin: null` for our own forms, so "null" alone proves nothing.
 */
function crossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  const allowed = [new URL(request.server.config.publicUrl).origin, `${request.protocol}://${request.host}`];
  return !allowed.includes(origin);
}

function other(lang: Lang): Lang {
  return lang === 'sv' ? 'en' : 'sv';
}

class ForbiddenError extends Error {
  readonly statusCode = 403;
}
