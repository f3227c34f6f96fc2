// Admins manage who works in their LPO: add a person with a role, give an existing person another role,
// disable an account. PGlite is single-process, so this must not need the CLI while the server runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../domain/permissions.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../web/i18n.ts';
import { guarded } from './plugin.tsx';
import { sendPage } from './routes.tsx';
import { AuthError, MIN_PASSWORD_LENGTH } from './service.ts';
import { UsersPage } from './views/users-page.tsx';

const AddBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  email: Type.String({ maxLength: 320 }),
  name: Type.String({ maxLength: 200 }),
  role: Type.String({ maxLength: 40 }),
  password: Type.String({ maxLength: 1024 }),
});
const DisableBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  email: Type.String({ maxLength: 320 }),
});

export async function userAdminRoutes(app: FastifyInstance): Promise<void> {
  const auth = app.services.auth;
  for (const lang of ['sv', 'en'] as const) {
    const path = `${langPrefix(lang)}/staff/:lpo/personal`;
    const t = messages(lang);

    app.get(path, { schema: { hide: true }, config: { action: 'user.manage' } }, (request, reply) =>
      page(request, reply, lang),
    );

    app.post(
      path,
      { schema: { hide: true, body: AddBody }, config: { action: 'user.manage' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const body = request.body as { email: string; name: string; role: string; password: string };
        const email = body.email.trim().toLowerCase();
        const errors: FieldErrors = {};
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t.invalidEmail;
        const role = ROLES.find((r) => r === body.role);
        if (!role) errors.role = t.required;
        const existing = errors.email ? undefined : await auth.userByEmail(email);
        if (!existing && body.name.trim() === '') errors.name = t.required;
        if (!existing && body.password.length < MIN_PASSWORD_LENGTH)
          errors.password = t.passwordTooShort(MIN_PASSWORD_LENGTH);
        if (Object.keys(errors).length > 0 || !role) return page(request, reply, lang, errors, body);
        try {
          if (!existing)
            await auth.createUser({ email, displayName: body.name.trim(), password: body.password });
          await auth.addMembership(email, area.id, role);
        } catch (error) {
          if (!(error instanceof AuthError)) throw error;
          return page(request, reply, lang, { email: error.message }, body);
        }
        await auth.audit({
          userId: user.id,
          policeAreaId: area.id,
          action: 'membership.add',
          entity: 'app_user',
          entityId: email,
          detail: { role },
        });
        return reply.redirect(`${langPrefix(lang)}/staff/${area.slug}/personal`, 303);
      },
    );

    app.post(
      `${path}/avaktivera`,
      { schema: { hide: true, body: DisableBody }, config: { action: 'user.manage' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const { email } = request.body as { email: string };
        // Only people who work in this LPO can be disabled from its page.
        const member = (await auth.membersOf(area.id)).find((m) => m.email === email);
        if (!member || member.id === user.id) return page(request, reply, lang, { disable: t.cannotDisable });
        await auth.disable(email);
        await auth.audit({
          userId: user.id,
          policeAreaId: area.id,
          action: 'user.disable',
          entity: 'app_user',
          entityId: email,
        });
        return reply.redirect(`${langPrefix(lang)}/staff/${area.slug}/personal`, 303);
      },
    );
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    errors?: FieldErrors,
    values?: { email?: string; name?: string; role?: string },
  ) {
    const { user, area } = guarded(request);
    const csrf = reply.generateCsrf();
    if (errors) reply.code(400);
    const members = await auth.membersOf(area.id);
    return sendPage(
      reply,
      lang,
      messages(lang).section.personal,
      <UsersPage
        lang={lang}
        area={area}
        members={members}
        csrf={csrf}
        errors={errors}
        values={values ?? {}}
      />,
      { name: user.displayName, csrfToken: csrf },
    );
  }
}
