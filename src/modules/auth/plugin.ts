// The staff side's request plumbing: cookies, DB-backed sessions, CSRF tokens and the signed-in user.
// Registered only around staff routes, so public pages carry no session cost and set no cookie.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Action } from '../../domain/permissions.ts';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import { may, type StaffUser } from './service.ts';
import { createSessionStore } from './session-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staffUser: StaffUser | undefined;
  }
}

export const SESSION_COOKIE = 'mbl_session';
const EIGHT_HOURS_MS = 8 * 3_600_000;

export const staffPlumbing = fp(
  async (app: FastifyInstance, options: { db: Kysely<Database>; secret: string }) => {
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
    app.addHook('preHandler', async (request) => {
      const userId = request.session.userId;
      request.staffUser = userId === undefined ? undefined : await app.services.auth.loadUser(userId);
    });
  },
  { name: 'staff-plumbing' },
);

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
  void reply.code(403).type('text/plain; charset=utf-8').send('Forbidden / Åtkomst nekad');
  return false;
}
