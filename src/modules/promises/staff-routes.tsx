// The promise editor: the lead drafts a year's promise, edits it, publishes it; every save is a version.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FieldErrors } from '../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import { notFoundPage } from '../../web/not-found.tsx';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import { may } from '../auth/service.ts';
import { applyForm, draftForYear, type EditorForm, formFromDocument } from './editor.ts';
import { editorMessages } from './messages.ts';
import { PromiseImportError } from './service.ts';
import { EditorListPage, EditorPage } from './views/editor-pages.tsx';

const YearParams = Type.Object({
  lpo: Type.String({ maxLength: 60 }),
  year: Type.String({ pattern: '^[0-9]{4}$' }),
});
const FormBody = Type.Record(
  Type.String(),
  Type.Union([Type.String({ maxLength: 200_000 }), Type.Array(Type.String())]),
);

export async function promiseStaffRoutes(app: FastifyInstance): Promise<void> {
  const promises = app.services.promises;

  for (const lang of ['sv', 'en'] as const) {
    const section = `${langPrefix(lang)}/staff/:lpo/lofte`;
    const m = editorMessages(lang);

    app.get(section, { schema: { hide: true }, config: { action: 'promise.edit' } }, async (request, reply) =>
      listPage(request, reply, lang),
    );

    app.post(
      section,
      { schema: { hide: true, body: FormBody }, config: { action: 'promise.edit' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const raw = String((request.body as Record<string, unknown>).year ?? '').trim();
        const year = Number(raw);
        const all = await promises.allYears(area.slug);
        const errors: FieldErrors = {};
        if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100) errors.year = m.outOfRange(2000, 2100);
        else if (all.some((p) => p.year === year)) errors.year = m.yearTaken;
        else if (all.length === 0) errors.year = m.noPromiseToCopy;
        const latest = all[0];
        if (Object.keys(errors).length > 0 || !latest) return listPage(request, reply, lang, errors, raw);
        const draft = draftForYear(latest.document, year);
        await promises.importPromise(draft, 'draft', user.id);
        await app.services.auth.audit({
          userId: user.id,
          policeAreaId: area.id,
          action: 'promise.create',
          entity: 'promise',
          entityId: `${area.slug}/${year}`,
        });
        return reply.redirect(`${langPrefix(lang)}/staff/${area.slug}/lofte/${year}`, 303);
      },
    );

    app.get(
      `${section}/:year`,
      { schema: { hide: true, params: YearParams }, config: { action: 'promise.edit' } },
      async (request, reply) => {
        const saved = (request.query as { sparat?: string }).sparat === '1';
        return editorPage(request, reply, lang, { saved });
      },
    );

    app.post(
      `${section}/:year`,
      { schema: { hide: true, params: YearParams, body: FormBody }, config: { action: 'promise.edit' } },
      async (request, reply) => {
        const current = await currentPromise(request);
        if (!current) return notFound(reply, lang);
        const form = stringFields(request.body);
        const { doc, errors } = applyForm(current.promise.document, form, m);
        if (Object.keys(errors).length > 0) return editorPage(request, reply, lang, { form, errors });
        return save(request, reply, lang, doc, current.promise.status, 'promise.update');
      },
    );

    app.post(
      `${section}/:year/json`,
      { schema: { hide: true, params: YearParams, body: FormBody }, config: { action: 'promise.edit' } },
      async (request, reply) => {
        const current = await currentPromise(request);
        if (!current) return notFound(reply, lang);
        const text = stringFields(request.body).document ?? '';
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          return editorPage(request, reply, lang, {
            jsonText: text,
            jsonErrors: { document: (error as Error).message },
          });
        }
        // The JSON edits this LPO's promise for this year, whatever lpo and year it names.
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        const doc = isObject
          ? {
              ...(parsed as Record<string, unknown>),
              lpo: current.promise.lpoSlug,
              year: current.promise.year,
            }
          : parsed;
        return save(request, reply, lang, doc, current.promise.status, 'promise.update', text);
      },
    );

    app.post(
      `${section}/:year/publicera`,
      { schema: { hide: true, params: YearParams }, config: { action: 'promise.publish' } },
      async (request, reply) => {
        const current = await currentPromise(request);
        if (!current) return notFound(reply, lang);
        return save(request, reply, lang, current.promise.document, 'published', 'promise.publish');
      },
    );
  }

  async function currentPromise(request: FastifyRequest) {
    const { area } = guarded(request);
    return promises.forEditing(area.slug, Number((request.params as { year: string }).year));
  }

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    doc: unknown,
    status: 'draft' | 'published',
    action: string,
    jsonText?: string,
  ) {
    const { user, area } = guarded(request);
    try {
      const result = await promises.importPromise(doc, status, user.id);
      await app.services.auth.audit({
        userId: user.id,
        policeAreaId: area.id,
        action,
        entity: 'promise',
        entityId: `${area.slug}/${result.year}`,
        detail: { changes: result.changes.slice(0, 50) },
      });
      return reply.redirect(`${langPrefix(lang)}/staff/${area.slug}/lofte/${result.year}?sparat=1`, 303);
    } catch (error) {
      if (!(error instanceof PromiseImportError)) throw error;
      const jsonErrors = Object.fromEntries(error.errors.map((e) => [e.field || '(document)', e.message]));
      return editorPage(request, reply, lang, {
        jsonText: jsonText ?? JSON.stringify(doc, null, 2),
        jsonErrors,
      });
    }
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    errors?: FieldErrors,
    newYear?: string,
  ) {
    const { user, area } = guarded(request);
    const years = (await promises.allYears(area.slug)).map((p) => ({
      year: p.year,
      status: p.status,
      title: p.title,
    }));
    const csrf = reply.generateCsrf();
    if (errors) reply.code(400);
    return sendPage(
      reply,
      lang,
      editorMessages(lang).editorHeading,
      <EditorListPage
        lang={lang}
        area={area}
        years={years}
        csrf={csrf}
        {...(errors ? { errors } : {})}
        {...(newYear ? { newYear } : {})}
      />,
      { name: user.displayName, csrfToken: csrf },
    );
  }

  async function editorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    state: {
      form?: EditorForm;
      errors?: FieldErrors;
      jsonText?: string;
      jsonErrors?: FieldErrors;
      saved?: boolean;
    },
  ) {
    const { user, area } = guarded(request);
    const current = await currentPromise(request);
    if (!current) return notFound(reply, lang);
    const { promise, history } = current;
    const csrf = reply.generateCsrf();
    if (state.errors || state.jsonErrors) reply.code(400);
    return sendPage(
      reply,
      lang,
      editorMessages(lang).editHeading(promise.year),
      <EditorPage
        lang={lang}
        area={area}
        year={promise.year}
        status={promise.status}
        doc={promise.document}
        form={state.form ?? formFromDocument(promise.document)}
        {...(state.errors ? { errors: state.errors } : {})}
        jsonText={state.jsonText ?? JSON.stringify(promise.document, null, 2)}
        {...(state.jsonErrors ? { jsonErrors: state.jsonErrors } : {})}
        history={history}
        csrf={csrf}
        canPublish={may(user, area.id, 'promise.publish')}
        saved={state.saved ?? false}
      />,
      { name: user.displayName, csrfToken: csrf },
    );
  }

  function notFound(reply: FastifyReply, lang: Lang) {
    const page = notFoundPage(lang, reply.request.url);
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.body);
  }
}

function stringFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}
