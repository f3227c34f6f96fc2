// Staff posting of updates (staff context: session, CSRF, guard): list, write with preview, edit, delete.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type Static, Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { BadFormError } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import type { StaffUser } from '../auth/service.ts';
import { renderMarkdown } from './markdown.ts';
import { updateMessages } from './messages.ts';
import { STAFF_SEGMENTS, staffNewsPath } from './paths.ts';
import type { UpdateView } from './service.ts';
import type { UpdateErrors, UpdateForm } from './update-input.ts';
import { RemoveUpdatePage, StaffNewsListPage, UpdateFormPage } from './views/staff.tsx';

const LATEST_UPDATES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Every field optional so a missing one gets the form's own message; the limits keep out what no form sends.
const UpdateBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  submission_id: Type.Optional(Type.String({ maxLength: 40 })),
  title: Type.Optional(Type.String({ maxLength: 2000 })),
  body: Type.Optional(Type.String({ maxLength: 50_000 })),
  published_on: Type.Optional(Type.String({ maxLength: 20 })),
  about: Type.Optional(Type.String({ maxLength: 20 })),
  notify: Type.Optional(Type.String({ maxLength: 5 })),
  intent: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('preview')])),
});
type UpdateBody = Static<typeof UpdateBody>;

const IdParams = Type.Object({ lpo: Type.String(), id: Type.String({ maxLength: 20 }) });
const ListQuery = Type.Object({
  saved: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('edit'), Type.Literal('deleted')])),
  queued: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
});

export async function updatesStaffRoutes(app: FastifyInstance): Promise<void> {
  const updates = app.services.updates;

  for (const lang of ['sv', 'en'] as const) {
    const m = updateMessages(lang);
    const section = staffNewsPath(lang, ':lpo');
    const segments = STAFF_SEGMENTS[lang];
    const config = { action: 'update.publish' } as const;

    app.get(section, { schema: { hide: true, querystring: ListQuery }, config }, async (request, reply) => {
      const { user, area } = guarded(request);
      const query = request.query as Static<typeof ListQuery>;
      return staffPage(
        reply,
        lang,
        m.staffHeading,
        user,
        <StaffNewsListPage
          lang={lang}
          area={area}
          updates={await updates.latest(area.id, LATEST_UPDATES)}
          flash={query.saved}
          queued={query.queued === undefined ? undefined : Number(query.queued)}
        />,
      );
    });

    app.get(`${section}/${segments.new}`, { schema: { hide: true }, config }, async (request, reply) => {
      const { user, area } = guarded(request);
      const values = { title: '', body: '', published_on: app.services.promises.today(), about: '' };
      return sendForm(reply, lang, user, area, values, { submissionId: randomUUID() });
    });

    app.post(section, { schema: { hide: true, body: UpdateBody }, config }, async (request, reply) => {
      const { user, area } = guarded(request);
      const body = (request.body ?? {}) as UpdateBody;
      const submissionId = body.submission_id ?? '';
      // Our form always carries one; without it a double submit could not be told from a new update.
      if (!UUID.test(submissionId)) throw new BadFormError('missing or malformed submission_id');
      const form = formOf(body);
      if (body.intent === 'preview') return preview(reply, lang, user, area, form, { submissionId });
      const result = await updates.publish({ area, userId: user.id, submissionId, form });
      if (!result.ok) {
        reply.code(400);
        return sendForm(reply, lang, user, area, form, {
          submissionId,
          errors: messagesFor(result.errors, lang),
        });
      }
      return reply.redirect(`${staffNewsPath(lang, area.slug)}?saved=new&queued=${result.queued}`, 303);
    });

    app.get(
      `${section}/:id`,
      { schema: { hide: true, params: IdParams }, config },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const update = await updateOf(area, request.params as Static<typeof IdParams>);
        if (!update) return reply.callNotFound();
        return sendForm(reply, lang, user, area, updates.formOf(update), { editing: update, notify: false });
      },
    );

    app.post(
      `${section}/:id`,
      { schema: { hide: true, params: IdParams, body: UpdateBody }, config },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const update = await updateOf(area, request.params as Static<typeof IdParams>);
        if (!update) return reply.callNotFound();
        const body = (request.body ?? {}) as UpdateBody;
        const form = formOf(body);
        const notify = body.notify === '1';
        if (body.intent === 'preview')
          return preview(reply, lang, user, area, form, { editing: update, notify });
        const result = await updates.edit({ area, userId: user.id, update, form, notify });
        if (!result.ok) {
          reply.code(400);
          return sendForm(reply, lang, user, area, form, {
            editing: update,
            notify,
            errors: messagesFor(result.errors, lang),
          });
        }
        return reply.redirect(`${staffNewsPath(lang, area.slug)}?saved=edit&queued=${result.queued}`, 303);
      },
    );

    app.get(
      `${section}/:id/${segments.remove}`,
      { schema: { hide: true, params: IdParams }, config },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const update = await updateOf(area, request.params as Static<typeof IdParams>);
        if (!update) return reply.callNotFound();
        const csrfToken = reply.generateCsrf();
        return sendPage(
          reply,
          lang,
          m.removeHeading,
          <RemoveUpdatePage lang={lang} area={area} update={update} csrfToken={csrfToken} />,
          { name: user.displayName, csrfToken },
        );
      },
    );

    app.post(
      `${section}/:id/${segments.remove}`,
      { schema: { hide: true, params: IdParams }, config },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const update = await updateOf(area, request.params as Static<typeof IdParams>);
        if (!update) return reply.callNotFound();
        await updates.remove({ area, userId: user.id, id: update.id });
        return reply.redirect(`${staffNewsPath(lang, area.slug)}?saved=deleted`, 303);
      },
    );
  }

  // The staff start page links every section by its Swedish name; English readers land on their page.
  app.get(
    '/en/staff/:lpo/nyheter',
    { schema: { hide: true }, config: { action: 'update.publish' } },
    async (request, reply) => reply.redirect(staffNewsPath('en', guarded(request).area.slug), 301),
  );

  /** The update by the route's id, only within the route's LPO (another LPO's update is not found). */
  async function updateOf(area: PoliceArea, params: { id: string }): Promise<UpdateView | undefined> {
    return /^\d{1,9}$/.test(params.id) ? updates.find(area.id, Number(params.id)) : undefined;
  }

  async function preview(
    reply: FastifyReply,
    lang: Lang,
    user: StaffUser,
    area: PoliceArea,
    form: UpdateForm,
    state: FormState,
  ) {
    const checked = await updates.check(area, form, state.editing);
    return sendForm(reply, lang, user, area, form, {
      ...state,
      preview: true,
      ...(checked.ok ? {} : { errors: messagesFor(checked.errors, lang) }),
    });
  }

  async function sendForm(
    reply: FastifyReply,
    lang: Lang,
    user: StaffUser,
    area: PoliceArea,
    values: UpdateForm,
    state: FormState & { preview?: boolean; errors?: FieldErrors },
  ) {
    const m = updateMessages(lang);
    const csrfToken = reply.generateCsrf();
    const page = (
      <UpdateFormPage
        lang={lang}
        area={area}
        about={await updates.aboutOptions(area)}
        values={values}
        csrfToken={csrfToken}
        submissionId={state.submissionId}
        editing={
          state.editing
            ? { id: state.editing.id, notify: state.notify ?? false, mailEnabled: updates.mailEnabled }
            : undefined
        }
        preview={state.preview ? renderMarkdown(values.body) : undefined}
        errors={state.errors}
      />
    );
    return sendPage(reply, lang, state.editing ? m.editHeading : m.newHeading, page, {
      name: user.displayName,
      csrfToken,
    });
  }
}

interface FormState {
  submissionId?: string;
  editing?: UpdateView;
  notify?: boolean;
}

function staffPage(
  reply: FastifyReply,
  lang: Lang,
  title: string,
  user: StaffUser,
  content: ComponentChildren,
) {
  return sendPage(reply, lang, title, content, { name: user.displayName, csrfToken: reply.generateCsrf() });
}

function formOf(body: UpdateBody): UpdateForm {
  return {
    title: body.title ?? '',
    body: body.body ?? '',
    published_on: body.published_on ?? '',
    about: body.about ?? '',
  };
}

function messagesFor(errors: UpdateErrors, lang: Lang): FieldErrors {
  const m = updateMessages(lang);
  return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, m.errors[code]]));
}
