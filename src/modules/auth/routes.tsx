// Staff sign-in (password, then a one-time code for roles that need it), sign-out, and the staff home.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { type Lang, langPrefix, messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { auditRoutes } from './audit-routes.tsx';
import { guarded, signedIn } from './plugin.tsx';
import { AuthError, MIN_PASSWORD_LENGTH } from './service.ts';
import {
  LoginPage,
  PasswordPage,
  SecondFactorPage,
  StaffAreaPage,
  StaffHomePage,
  TotpSetupPage,
} from './views/pages.tsx';

const LoginBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
const CodeBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  code: Type.String({ maxLength: 20 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
const PasswordBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  current: Type.String({ maxLength: 1024 }),
  password: Type.String({ maxLength: 1024 }),
  repeat: Type.String({ maxLength: 1024 }),
});
const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });

/** Sign-in attempts per client and minute, on top of the per-account lockout. */
const LOGIN_RATE = { max: 10, timeWindow: '1 minute' };
/** Both one-time-code forms (sign-in and setup) are limited like the password form. */
const codeRoute = { schema: { hide: true, body: CodeBody }, config: { rateLimit: LOGIN_RATE } };

export async function authRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const auth = app.services.auth;

  for (const lang of ['sv', 'en'] as const) {
    const prefix = `${langPrefix(lang)}/staff`;
    const t = messages(lang);

    app.get(`${prefix}/login`, { schema: { hide: true, querystring: NextQuery } }, async (request, reply) => {
      const { next } = request.query as { next?: string };
      return sendPage(
        reply,
        lang,
        t.signIn,
        <LoginPage lang={lang} csrf={reply.generateCsrf()} next={safeNext(next, lang)} />,
      );
    });

    app.post(
      `${prefix}/login`,
      {
        schema: { hide: true, body: LoginBody },
        config: { rateLimit: LOGIN_RATE },
      },
      async (request, reply) => {
        const body = request.body as { email: string; password: string; next?: string };
        const next = safeNext(body.next, lang);
        let userId: number;
        try {
          userId = await auth.checkPassword(body.email, body.password);
        } catch (error) {
          if (!(error instanceof AuthError)) throw error;
          const message =
            error.code === 'locked'
              ? t.signInLocked
              : error.code === 'disabled'
                ? t.signInDisabled
                : t.signInFailed;
          reply.code(401);
          return sendPage(
            reply,
            lang,
            t.signIn,
            <LoginPage
              lang={lang}
              csrf={reply.generateCsrf()}
              next={next}
              email={body.email}
              error={message}
            />,
          );
        }
        const user = await auth.loadUser(userId);
        if (!user) throw new Error('user vanished during sign-in');
        // A fresh session id at every change of privilege: no session fixation.
        await request.session.regenerate();
        if (auth.needsSecondFactor(user)) {
          request.session.pendingUserId = user.id;
          return reply.redirect(
            `${prefix}/login/${user.totpEnabled ? 'code' : 'setup'}?next=${encodeURIComponent(next)}`,
            303,
          );
        }
        return completeSignIn(request, reply, user.id, next);
      },
    );

    app.get(
      `${prefix}/login/code`,
      { schema: { hide: true, querystring: NextQuery } },
      async (request, reply) => {
        if (request.session.pendingUserId === undefined) return reply.redirect(`${prefix}/login`, 303);
        const { next } = request.query as { next?: string };
        return sendPage(
          reply,
          lang,
          t.secondFactorHeading,
          <SecondFactorPage lang={lang} csrf={reply.generateCsrf()} next={safeNext(next, lang)} />,
        );
      },
    );

    app.post(`${prefix}/login/code`, codeRoute, async (request, reply) => {
      const pending = request.session.pendingUserId;
      if (pending === undefined) return reply.redirect(`${prefix}/login`, 303);
      const body = request.body as { code: string; next?: string };
      const next = safeNext(body.next, lang);
      if (!(await auth.checkSecondFactor(pending, body.code.replace(/\s/g, '')))) {
        await auditOwn(pending, 'login.code_failed');
        reply.code(401);
        return sendPage(
          reply,
          lang,
          t.secondFactorHeading,
          <SecondFactorPage
            lang={lang}
            csrf={reply.generateCsrf()}
            next={next}
            errors={{ code: t.secondFactorWrong }}
          />,
        );
      }
      return completeSignIn(request, reply, pending, next);
    });

    app.get(
      `${prefix}/login/setup`,
      { schema: { hide: true, querystring: NextQuery } },
      async (request, reply) => {
        const pending = request.session.pendingUserId;
        if (pending === undefined) return reply.redirect(`${prefix}/login`, 303);
        const { next } = request.query as { next?: string };
        return sendSetupPage(reply, lang, pending, safeNext(next, lang));
      },
    );

    app.post(`${prefix}/login/setup`, codeRoute, async (request, reply) => {
      const pending = request.session.pendingUserId;
      if (pending === undefined) return reply.redirect(`${prefix}/login`, 303);
      const body = request.body as { code: string; next?: string };
      const next = safeNext(body.next, lang);
      if (!(await auth.confirmTotp(pending, body.code.replace(/\s/g, '')))) {
        // The same key again (the one already in the app), with what went wrong.
        reply.code(400);
        return sendSetupPage(reply, lang, pending, next, { code: t.secondFactorWrong });
      }
      await auditOwn(pending, 'totp.enabled');
      return completeSignIn(request, reply, pending, next);
    });

    app.post(`${prefix}/logout`, { schema: { hide: true } }, async (request, reply) => {
      const userId = request.session.userId;
      await request.session.destroy();
      if (userId !== undefined) {
        await auditOwn(userId, 'logout');
      }
      return reply.redirect(`${langPrefix(lang)}/`, 303);
    });

    app.post(`${prefix}/logout-everywhere`, { schema: { hide: true } }, async (request, reply) => {
      const userId = request.session.userId;
      if (userId !== undefined) {
        await auth.signOutEverywhere(userId);
        await auditOwn(userId, 'logout.everywhere');
      }
      await request.session.destroy();
      return reply.redirect(`${langPrefix(lang)}/`, 303);
    });

    app.get(`${prefix}/losenord`, { schema: { hide: true } }, async (request, reply) => {
      const user = signedIn(request, reply, lang);
      if (!user) return reply;
      const csrf = reply.generateCsrf();
      return sendPage(reply, lang, t.changePassword, <PasswordPage lang={lang} csrf={csrf} />, {
        name: user.displayName,
        csrfToken: csrf,
      });
    });

    app.post(`${prefix}/losenord`, { schema: { hide: true, body: PasswordBody } }, async (request, reply) => {
      const user = signedIn(request, reply, lang);
      if (!user) return reply;
      const body = request.body as { current: string; password: string; repeat: string };
      const errors: Record<string, string> = {};
      if (body.password !== body.repeat) errors.repeat = t.passwordsDiffer;
      const outcome = errors.repeat
        ? undefined
        : await auth.changeOwnPassword(user.id, body.current, body.password);
      if (outcome === 'wrong') errors.current = t.signInFailed;
      if (outcome === 'weak') errors.password = t.passwordTooShort(MIN_PASSWORD_LENGTH);
      if (outcome !== 'ok') {
        const csrf = reply.generateCsrf();
        reply.code(400);
        return sendPage(
          reply,
          lang,
          t.changePassword,
          <PasswordPage lang={lang} csrf={csrf} errors={errors} />,
          {
            name: user.displayName,
            csrfToken: csrf,
          },
        );
      }
      // The other sessions are gone; this one continues under a new id.
      await request.session.regenerate();
      request.session.userId = user.id;
      return reply.redirect(`${prefix}?losenord=bytt`, 303);
    });

    app.get(prefix, { schema: { hide: true } }, async (request, reply) => {
      const user = signedIn(request, reply, lang);
      if (!user) return reply;
      const csrf = reply.generateCsrf();
      return sendPage(reply, lang, t.staffHome, <StaffHomePage lang={lang} user={user} csrf={csrf} />, {
        name: user.displayName,
        csrfToken: csrf,
      });
    });
  }

  for (const lang of ['sv', 'en'] as const) {
    app.get(
      `${langPrefix(lang)}/staff/:lpo`,
      { schema: { hide: true }, config: { action: 'staff.view' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const csrf = reply.generateCsrf();
        return sendPage(
          reply,
          lang,
          messages(lang).lpo(area.name),
          <StaffAreaPage lang={lang} user={user} area={area} />,
          {
            name: user.displayName,
            csrfToken: csrf,
          },
        );
      },
    );
  }
  await app.register(auditRoutes);

  /** Events of a person's own account (sign-in, sign-out, second factor): the entity is the user. */
  function auditOwn(userId: number, action: string) {
    return auth.audit({ userId, policeAreaId: null, action, entity: 'app_user', entityId: String(userId) });
  }

  /** The authenticator setup page; the key stays the same until it is confirmed. */
  async function sendSetupPage(
    reply: FastifyReply,
    lang: Lang,
    userId: number,
    next: string,
    errors?: { code: string },
  ) {
    const { secret, uri } = await auth.startTotpSetup(userId);
    return sendPage(
      reply,
      lang,
      messages(lang).setupHeading,
      <TotpSetupPage
        lang={lang}
        csrf={reply.generateCsrf()}
        next={next}
        secret={secret}
        uri={uri}
        qrCode={await qrCodeDataUri(uri)}
        errors={errors}
      />,
    );
  }

  async function completeSignIn(request: FastifyRequest, reply: FastifyReply, userId: number, next: string) {
    await request.session.regenerate();
    request.session.userId = userId;
    await auditOwn(userId, 'login');
    return reply.redirect(next, 303);
  }
}

/** The otpauth link as a QR code image (SVG in a data URI: the CSP allows data: images, not inline SVG text). */
async function qrCodeDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Only our own staff pages are allowed as the place to return to after signing in. */
export function safeNext(next: string | undefined, lang: Lang): string {
  const home = `${langPrefix(lang)}/staff`;
  if (!next || !/^\/(en\/)?staff(\/[A-Za-z0-9/_\-?=&%.]*)?$/.test(next) || /\/\/|\.\./.test(next))
    return home;
  return next;
}

export function sendPage(
  reply: FastifyReply,
  lang: Lang,
  title: string,
  content: ComponentChildren,
  staff?: { name: string; csrfToken: string },
) {
  // Staff pages are personal: never stored by a browser cache or a proxy.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderPage(
        { lang, title, alternatePath: lang === 'sv' ? '/en/staff' : '/staff', ...(staff ? { staff } : {}) },
        content,
      ),
    );
}
