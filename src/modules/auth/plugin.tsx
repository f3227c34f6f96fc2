// The staff side's request plumbing: cookies, DB-backed sessions, CSRF tokens and the signed-in user.
// Registered only around staff routes, so public pages carry no session cost and set no cookie.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, PoliceArea } from '../../db/types.ts';
import type { Action } from '../../domain/permissions.ts';
import { type Lang, langPrefix, messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { may, type StaffUser } from './service.ts';
import { createSessionStore } from './session-store.ts';
import { ForbiddenPage } from './views/pages.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    staffUser: StaffUser | undefined;
    /** The LPO named by the route's :lpo, once the user's access to it has been checked. */
    staffArea: PoliceArea | undefined;
  }
  interface FastifyContextConfig {
    /** What the route does; the guard lets through only users whose role in :lpo may do it. */
    action?: Action;
  }
}

export interface StaffRoute {
  method: string;
  url: string;
  action: Action | undefined;
}

export const SESSION_COOKIE = 'mbl_session';
const EIGHT_HOURS_MS = 8 * 3_600_000;

export const staffPlumbing = fp(
  async (
    app: FastifyInstance,
    options: { db: Kysely<Database>; secret: string; routeTable: StaffRoute[] },
  ) => {
    await app.register(fastifyFormbody, { bodyLimit: 65_536 });
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret: options.secret,
      cookieName: SESSION_COOKIE,
      store: createSessionStore(options.db),
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: EIGHT_HOURS_MS },
    });
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/session',
      getToken: (req) => csrfFromBody(req),
    });
    app.decorateRequest('staffUser', undefined);
    app.decorateRequest('staffArea', undefined);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD')
          options.routeTable.push({ method, url: route.url, action: route.config?.action });
      }
    });
    // preValidation: after the body is parsed, before it is validated, so a wrong role gets 403, not 400.
    app.addHook('preValidation', async (request, reply) => {
      const userId = request.session.userId;
      request.staffUser = userId === undefined ? undefined : await app.services.auth.loadUser(userId);
      // Every state-changing staff request carries the form's CSRF token.
      if (request.method !== 'GET' && request.method !== 'HEAD') await checkCsrf(app, request, reply);
      await guard(app, request, reply);
    });
  },
  { name: 'staff-plumbing' },
);

function checkCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
  });
}

/** Routes that name an action need a signed-in user whose role in the route's LPO allows it. */
async function guard(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const action = request.routeOptions.config.action;
  if (!action) return;
  const lang: Lang = request.url.startsWith('/en/') ? 'en' : 'sv';
  const user = signedIn(request, reply, lang);
  if (!user) return;
  const slug = (request.params as { lpo?: string }).lpo;
  const area = slug ? await app.services.areas.findPoliceArea(slug) : undefined;
  if (!area) {
    await reply.code(404).type('text/html; charset=utf-8').send(notFoundPage(lang, request.url).body);
    return;
  }
  if (!allowed(request, reply, user, area.id, action)) return;
  request.staffArea = area;
}

function csrfFromBody(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

/** The signed-in user, or a redirect to the sign-in page (undefined: the reply has been sent). */
export function signedIn(request: FastifyRequest, reply: FastifyReply, lang: Lang): StaffUser | undefined {
  if (request.staffUser) return request.staffUser;
  const back = encodeURIComponent(request.url);
  void reply.redirect(`${langPrefix(lang)}/staff/login?next=${back}`, 303);
  return undefined;
}

/** The user and LPO the guard has checked; for handlers of routes that name an action. */
export function guarded(request: FastifyRequest): { user: StaffUser; area: PoliceArea } {
  const { staffUser: user, staffArea: area } = request;
  if (!user || !area) throw new Error(`${request.routeOptions.url} has no action, so nothing was checked`);
  return { user, area };
}

/** True when the user may do the action in that LPO; otherwise answers 403 and returns false. */
export function allowed(
  request: FastifyRequest,
  reply: FastifyReply,
  user: StaffUser,
  policeAreaId: number,
  action: Action,
): boolean {
  if (may(user, policeAreaId, action)) return true;
  request.log.warn({ userId: user.id, policeAreaId, action }, 'forbidden');
  const lang: Lang = request.url.startsWith('/en/') ? 'en' : 'sv';
  void reply
    .code(403)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderPage(
        { lang, title: messages(lang).forbiddenTitle, alternatePath: '/staff' },
        <ForbiddenPage lang={lang} />,
      ),
    );
  return false;
}
