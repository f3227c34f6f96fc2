// Builds the Fastify app: external plugins, then our services, then each module's routes.

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/types.ts';
import { areaRoutes } from './modules/areas/routes.tsx';
import { type AreasService, createAreasService } from './modules/areas/service.ts';
import { type StaffRoute, staffPlumbing } from './modules/auth/plugin.tsx';
import { authRoutes } from './modules/auth/routes.tsx';
import { type AuthService, createAuthService } from './modules/auth/service.ts';
import { userAdminRoutes } from './modules/auth/users-routes.tsx';
import { dialogueRoutes } from './modules/dialogue/routes.tsx';
import { createDialogueService, type DialogueService } from './modules/dialogue/service.ts';
import { dialogueStaffRoutes } from './modules/dialogue/staff-routes.tsx';
import { icelandStaffRoutes } from './modules/iceland/staff-routes.tsx';
import { promiseRoutes } from './modules/promises/routes.tsx';
import { createPromisesService, type PromisesService } from './modules/promises/service.ts';
import { promiseStaffRoutes } from './modules/promises/staff-routes.tsx';
import { reportRoutes } from './modules/report/routes.tsx';
import { safetyWalkStaffRoutes } from './modules/safetywalks/staff-routes.tsx';
import { searchRoutes } from './modules/search/routes.tsx';
import { createSearchService, type SearchService } from './modules/search/service.ts';
import { situationRoutes } from './modules/situation/routes.tsx';
import { createSituationService, type SituationService } from './modules/situation/service.ts';
import { situationStaffRoutes } from './modules/situation/staff-routes.tsx';
import { updatesRoutes } from './modules/updates/routes.tsx';
import { createUpdatesService, type UpdatesService } from './modules/updates/service.ts';
import { updatesStaffRoutes } from './modules/updates/staff-routes.tsx';
import { weekendStaffRoutes } from './modules/weekend/staff-routes.tsx';
import { createFormTokens, type FormTokens } from './web/form-token.ts';
import { HTML } from './web/http.ts';
import { type Messages, messages } from './web/i18n.ts';
import { renderPage } from './web/layout.tsx';
import { notFoundPage } from './web/not-found.tsx';
import { createPageCache, type PageCache } from './web/page-cache.ts';
import { securityHeaders } from './web/security-headers.ts';

export interface Services {
  areas: AreasService;
  promises: PromisesService;
  auth: AuthService;
  dialogue: DialogueService;
  search: SearchService;
  situation: SituationService;
  updates: UpdatesService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    pageCache: PageCache;
    config: Config;
    /** Every staff route with the action it requires (the authorization test walks it). */
    staffRoutes: StaffRoute[];
    /** Signed, time-limited tokens for public forms that have no session (src/web/form-token.ts). */
    formTokens: FormTokens;
  }
}

export interface AppOptions {
  db: Kysely<Database>;
  config: Config;
  /** Injectable clock: tests and demos can fix "today". */
  clock?: () => Date;
  logger?: boolean | { level: string };
  databaseKind?: 'pglite' | 'postgres';
  /** Signs session cookies when config.sessionSecret is unset (tests; `serve` keeps one in DATA_DIR). */
  sessionSecret?: string;
}

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'static');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    trustProxy: options.config.trustProxy,
    // Our URLs are case-sensitive slugs; a trailing slash should still find the page.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A malformed or overlong URL is refused before routing, so before our hooks: answer it ourselves.
    frameworkErrors: sendMalformedUrl,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  // The same security headers on every answer, worked out once (src/web/security-headers.ts).
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders(request.protocol === 'https'));
    done();
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Medborgarlöfte API',
        version: '1',
        description:
          'Public, read-only API of citizen promises (medborgarlöften): local police areas, their promises, and live progress of each commitment. Texts are in Swedish; `?lang=en` gives status labels and explanations in English.',
        license: { name: 'CC0 1.0 (data)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      },
      tags: [
        { name: 'areas', description: 'Local police areas and their districts' },
        { name: 'promises', description: 'Promises, commitments and progress' },
        { name: 'search', description: 'Search across promises, updates, places and districts' },
        { name: 'operations', description: 'Health' },
      ],
    },
  });
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1d', index: false });

  const clock = options.clock ?? (() => new Date());
  const pageCache = createPageCache({ ttlMs: 60_000, maxEntries: 2000 });
  const areas = createAreasService(options.db);
  const promises = createPromisesService(options.db, {
    areas,
    clock,
    suppressionThreshold: options.config.suppressionThreshold,
    onChange: () => pageCache.clear(),
  });
  const auth = createAuthService(options.db, clock);
  const search = createSearchService(options.db, { today: promises.today });
  const situation = createSituationService(options.db, {
    areas,
    promises,
    suppressionThreshold: options.config.suppressionThreshold,
  });
  // Signs session cookies, public form tokens and unsubscribe links.
  const sessionSecret =
    options.config.sessionSecret ?? options.sessionSecret ?? randomBytes(32).toString('hex');
  const updates = createUpdatesService(options.db, {
    areas,
    promises,
    clock,
    publicUrl: options.config.publicUrl,
    mailEnabled: options.config.smtpUrl !== undefined,
    secret: sessionSecret,
    onChange: () => pageCache.clear(),
  });
  const dialogue = createDialogueService(options.db, {
    areas,
    promises,
    clock,
    onChange: () => pageCache.clear(),
  });
  app.decorate('services', { areas, promises, auth, search, situation, updates, dialogue });
  app.decorate('formTokens', createFormTokens(sessionSecret, { clock }));
  app.decorate('pageCache', pageCache);
  app.decorate('config', options.config);

  // Before the routes: each plugin context takes the handlers that exist when it is registered.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: `No route ${request.method} ${request.url}` });
    }
    const lang = request.url === '/en' || request.url.startsWith('/en/') ? 'en' : 'sv';
    const page = notFoundPage(lang, request.url);
    return reply.code(404).type(HTML).send(page.body);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    if (request.url.startsWith('/api/')) {
      return reply.code(status).send({
        statusCode: status,
        error: status === 500 ? 'Internal Server Error' : error.name,
        message: status === 500 ? 'Something went wrong on our side.' : `Invalid request: ${error.message}`,
      });
    }
    const lang = request.url === '/en' || request.url.startsWith('/en/') ? 'en' : 'sv';
    const t = messages(lang);
    const text = status === 500 ? t.errorText : clientErrorText(error, status, t);
    return reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          { lang, title: t.errorTitle, alternatePath: lang === 'sv' ? '/en' : '/' },
          <ErrorPage title={t.errorTitle} text={text} />,
        ),
      );
  });

  await app.register(areaRoutes);
  await app.register(promiseRoutes);
  await app.register(situationRoutes);
  await app.register(dialogueRoutes, { formSecret: sessionSecret });
  await app.register(updatesRoutes);
  await app.register(searchRoutes);
  await app.register(reportRoutes);
  // Staff routes in their own context: sessions, cookies and CSRF exist only there.
  const staffRoutes: StaffRoute[] = [];
  app.decorate('staffRoutes', staffRoutes);
  await app.register(async (staff) => {
    await staff.register(staffPlumbing, { db: options.db, secret: sessionSecret, routeTable: staffRoutes });
    await staff.register(authRoutes);
    await staff.register(userAdminRoutes);
    await staff.register(weekendStaffRoutes);
    await staff.register(safetyWalkStaffRoutes);
    await staff.register(icelandStaffRoutes);
    await staff.register(promiseStaffRoutes);
    await staff.register(situationStaffRoutes);
    await staff.register(dialogueStaffRoutes);
    await staff.register(updatesStaffRoutes);
  });

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness and database check' } },
    async (_request, reply) => {
      await options.db.selectFrom('police_area').select('id').limit(1).execute();
      return reply
        .header('cache-control', 'no-store')
        .send({ status: 'ok', database: options.databaseKind ?? 'pglite' });
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}

/** 400 for a URL that cannot be decoded or has an overlong parameter, with the security headers. */
function sendMalformedUrl(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply
    .headers(securityHeaders(request.protocol === 'https'))
    .code(400)
    .header('cache-control', 'no-store');
  if (request.url.startsWith('/api/')) {
    void reply.send({ statusCode: 400, error: 'Bad Request', message: 'Malformed URL' });
    return;
  }
  const lang = request.url.startsWith('/en/') ? 'en' : 'sv';
  const t = messages(lang);
  void reply
    .type(HTML)
    .send(
      renderPage(
        { lang, title: t.errorTitle, alternatePath: lang === 'sv' ? '/en' : '/' },
        <ErrorPage title={t.errorTitle} text={t.badRequest} />,
      ),
    );
}

function clientErrorText(error: FastifyError, status: number, t: Messages): string {
  if (error.code?.startsWith('FST_CSRF')) return t.csrfFailed;
  if (status === 429) return t.tooManyRequests;
  if (status === 413) return t.tooLarge;
  return t.badRequest;
}

function ErrorPage({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
    </>
  );
}
