// Staff pages of the iceland module (registered inside the staff context: session, CSRF, guard).
// A case is addressed by its pseudonymous reference; a case the user may not open is a 404, like one
// that does not exist, so references reveal nothing.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import { HTML } from '../../web/http.ts';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import { notFoundPage } from '../../web/not-found.tsx';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import { rolesIn, type StaffUser } from '../auth/service.ts';
import {
  type FormBody,
  parseAssessmentForm,
  parseCaseForm,
  parseChecklistForm,
  parseOutcomeForm,
  parseReasonForm,
} from './forms.ts';
import { icelandMessages } from './messages.ts';
import type { IcelandCase, IcelandMeasure } from './repo.ts';
import { mayUpdate, REFERENCE_PATTERN } from './rules.ts';
import type { CaseActor, OpenReason } from './service.ts';
import { NewCasePage } from './views/case-form.tsx';
import { CasePage, type CasePageProps, OpenCasePage } from './views/case-page.tsx';
import { ChecklistPage } from './views/checklist-page.tsx';
import { CaseListPage } from './views/list-page.tsx';

const Many = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 200 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
  ]),
);
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ReasonFields = { _csrf: Text(200), purpose: Text(40), purpose_text: Text(4000) };
const OutcomeFields = {
  measures: Many,
  alerted_date: Text(20),
  alerted_time: Text(20),
  arrived_date: Text(20),
  arrived_time: Text(20),
  applied: Text(20),
  // Longer than allowed, so an over-long reason gets a field message rather than a bare 400.
  not_applied_reason: Text(4000),
};
const ReasonBody = Type.Object(ReasonFields);
const OutcomeBody = Type.Object({ ...ReasonFields, ...OutcomeFields });
const AssessmentBody = Type.Object({
  ...ReasonFields,
  assessment_done: Text(10),
  assessed_date: Text(20),
  assessed_time: Text(20),
});
const CaseBody = Type.Object({
  _csrf: Text(200),
  submission_id: Type.String({ pattern: UUID.source }),
  occurred_on: Text(20),
  district_id: Text(20),
  children: Text(10),
  eligibility: Many,
  ...OutcomeFields,
});
const ChecklistBody = Type.Record(Type.String({ maxLength: 200 }), Many, { maxProperties: 1000 });
const ListQuery = Type.Object({ sida: Text(6), sparat: Text(40) });
const SavedQuery = Type.Object({ sparat: Text(4) });
const CaseParams = Type.Object({ lpo: Type.String({ maxLength: 100 }), ref: Type.String({ maxLength: 40 }) });

interface Context {
  user: StaffUser;
  area: PoliceArea;
  actor: CaseActor;
  csrfToken: string;
}

export async function icelandStaffRoutes(app: FastifyInstance): Promise<void> {
  const iceland = app.services.promises.iceland;

  /** The signed-in user and LPO the guard checked, with what the case rules need. */
  function context(request: FastifyRequest, reply: FastifyReply): Context {
    const { user, area } = guarded(request);
    return {
      user,
      area,
      actor: { id: user.id, roles: rolesIn(user, area.id) },
      csrfToken: reply.generateCsrf(),
    };
  }

  function notFound(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    return reply
      .code(404)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(notFoundPage(lang, request.url).body);
  }

  /** The case named by :ref when this user may open it. */
  async function visibleCase(c: Context, reference: string): Promise<IcelandCase | undefined> {
    if (!REFERENCE_PATTERN.test(reference)) return undefined;
    return iceland.caseFor(c.area.id, c.actor, reference);
  }

  async function districtChoices(areaId: number) {
    const districts = await app.services.areas.districtsOf(areaId);
    return districts
      .map((d) => ({ id: d.id, name: d.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  /** Opens the case (auditing the reason) and shows it, with a failed form's values and errors if any. */
  async function showCase(
    reply: FastifyReply,
    lang: Lang,
    c: Context,
    reference: string,
    reason: OpenReason,
    failed?: CasePageProps['failed'],
  ) {
    const found = await iceland.openCase(c.area.id, c.actor, reference, reason);
    if (!found) return undefined;
    const [districts, recordedBy, measures] = await Promise.all([
      app.services.areas.districtsOf(c.area.id),
      found.created_by === null ? undefined : app.services.auth.loadUser(found.created_by),
      iceland.measures(c.area.id),
    ]);
    if (failed) reply.code(400);
    return sendPage(
      reply,
      lang,
      icelandMessages(lang).caseTitle(found.reference),
      <CasePage
        lang={lang}
        area={c.area}
        found={found}
        reason={reason}
        csrfToken={c.csrfToken}
        districtName={districts.find((d) => d.id === found.district_id)?.name}
        recordedBy={recordedBy?.displayName}
        measures={measures}
        mayUpdate={mayUpdate(c.actor.roles, c.actor.id, found.created_by)}
        mayAssess={c.actor.roles.includes('social_services')}
        failed={failed}
      />,
      { name: c.user.displayName, csrfToken: c.csrfToken },
    );
  }

  for (const lang of ['sv', 'en'] as const) {
    const section = `${langPrefix(lang)}/staff/:lpo/islandsmodellen`;
    const t = icelandMessages(lang);
    const listPath = (area: PoliceArea) => `${langPrefix(lang)}/staff/${area.slug}/islandsmodellen`;
    const staff = (c: Context) => ({ name: c.user.displayName, csrfToken: c.csrfToken });

    app.get(
      section,
      { schema: { hide: true, querystring: ListQuery }, config: { action: 'iceland.read' } },
      async (request, reply) => {
        const c = context(request, reply);
        const query = request.query as { sida?: string; sparat?: string };
        const page = /^\d{1,5}$/.test(query.sida ?? '') ? Math.max(1, Number(query.sida)) : 1;
        const list = await iceland.listCases(c.area.id, c.actor, page);
        const saved = query.sparat && (await visibleCase(c, query.sparat)) ? query.sparat : undefined;
        return sendPage(
          reply,
          lang,
          t.section,
          <CaseListPage
            lang={lang}
            area={c.area}
            rows={list.rows}
            page={page}
            pages={list.pages}
            ownOnly={list.ownOnly}
            mayCreate={c.actor.roles.includes('lead') || c.actor.roles.includes('officer')}
            mayEditChecklist={c.actor.roles.includes('lead')}
            saved={saved}
          />,
          staff(c),
        );
      },
    );

    async function newCasePage(
      reply: FastifyReply,
      c: Context,
      values: FormBody,
      errors?: Record<string, string>,
    ) {
      const measures = (await iceland.measures(c.area.id)).filter((m) => m.active);
      const submission = typeof values.submission_id === 'string' ? values.submission_id : randomUUID();
      if (errors) reply.code(400);
      return sendPage(
        reply,
        lang,
        t.newTitle,
        <NewCasePage
          lang={lang}
          area={c.area}
          csrfToken={c.csrfToken}
          submissionId={submission}
          districts={await districtChoices(c.area.id)}
          measures={measures}
          values={values}
          errors={errors}
        />,
        staff(c),
      );
    }

    app.get(
      `${section}/nytt`,
      { schema: { hide: true }, config: { action: 'iceland.create' } },
      async (request, reply) => {
        const c = context(request, reply);
        return newCasePage(reply, c, {});
      },
    );

    app.post(
      `${section}/nytt`,
      { schema: { hide: true, body: CaseBody }, config: { action: 'iceland.create' } },
      async (request, reply) => {
        const c = context(request, reply);
        const body = request.body as FormBody & { submission_id: string };
        const today = app.services.promises.today();
        const measures = (await iceland.measures(c.area.id)).filter((m) => m.active);
        const districts = await districtChoices(c.area.id);
        const parsed = parseCaseForm(body, {
          lang,
          today,
          districtIds: districts.map((d) => d.id),
          measureKeys: measures.map((m) => m.key),
        });
        if (!parsed.ok) return newCasePage(reply, c, body, parsed.errors);
        const result = await iceland.createCase(
          c.area.id,
          c.actor,
          body.submission_id,
          parsed.value,
          Number(today.slice(0, 4)),
        );
        if (result.created) app.services.promises.invalidate();
        const target = listPath(c.area);
        return reply.redirect(result.reference ? `${target}?sparat=${result.reference}` : target, 303);
      },
    );

    /** The checklist of measures: as stored (after a save, saying so), or a failed form's values and errors. */
    function checklistPage(
      reply: FastifyReply,
      c: Context,
      measures: IcelandMeasure[],
      form: { saved?: boolean; values?: FormBody; errors?: Record<string, string> },
    ) {
      if (form.errors) reply.code(400);
      return sendPage(
        reply,
        lang,
        t.checklistTitle,
        <ChecklistPage lang={lang} area={c.area} csrfToken={c.csrfToken} measures={measures} {...form} />,
        staff(c),
      );
    }

    /** The form asking why a case is opened, with a failed form's values and errors if any. */
    function openCasePage(
      reply: FastifyReply,
      c: Context,
      reference: string,
      values: FormBody,
      errors?: Record<string, string>,
    ) {
      if (errors) reply.code(400);
      return sendPage(
        reply,
        lang,
        t.openTitle(reference),
        <OpenCasePage
          lang={lang}
          area={c.area}
          reference={reference}
          csrfToken={c.csrfToken}
          values={values}
          errors={errors}
        />,
        staff(c),
      );
    }

    app.get(
      `${section}/atgarder`,
      { schema: { hide: true, querystring: SavedQuery }, config: { action: 'iceland.checklist' } },
      async (request, reply) => {
        const c = context(request, reply);
        const saved = (request.query as { sparat?: string }).sparat === '1';
        return checklistPage(reply, c, await iceland.measures(c.area.id), { saved });
      },
    );

    app.post(
      `${section}/atgarder`,
      { schema: { hide: true, body: ChecklistBody }, config: { action: 'iceland.checklist' } },
      async (request, reply) => {
        const c = context(request, reply);
        const body = request.body as FormBody;
        const measures = await iceland.measures(c.area.id);
        const parsed = parseChecklistForm(
          body,
          lang,
          measures.map((m) => m.key),
        );
        if (!parsed.ok) return checklistPage(reply, c, measures, { values: body, errors: parsed.errors });
        await iceland.saveChecklist(c.area.id, c.user.id, parsed.value.changes, parsed.value.added);
        return reply.redirect(`${listPath(c.area)}/atgarder?sparat=1`, 303);
      },
    );

    app.get(
      `${section}/:ref`,
      { schema: { hide: true, params: CaseParams }, config: { action: 'iceland.read' } },
      async (request, reply) => {
        const c = context(request, reply);
        const { ref } = request.params as { ref: string };
        if (!(await visibleCase(c, ref))) return notFound(request, reply, lang);
        return openCasePage(reply, c, ref, {});
      },
    );

    app.post(
      `${section}/:ref`,
      { schema: { hide: true, params: CaseParams, body: ReasonBody }, config: { action: 'iceland.read' } },
      async (request, reply) => {
        const c = context(request, reply);
        const { ref } = request.params as { ref: string };
        if (!(await visibleCase(c, ref))) return notFound(request, reply, lang);
        const body = request.body as FormBody;
        const parsed = parseReasonForm(body, lang);
        if (!parsed.ok) return openCasePage(reply, c, ref, body, parsed.errors);
        return (await showCase(reply, lang, c, ref, parsed.value)) ?? notFound(request, reply, lang);
      },
    );

    app.post(
      `${section}/:ref/utfall`,
      { schema: { hide: true, params: CaseParams, body: OutcomeBody }, config: { action: 'iceland.update' } },
      async (request, reply) => {
        const c = context(request, reply);
        const { ref } = request.params as { ref: string };
        const found = await visibleCase(c, ref);
        if (!found || !mayUpdate(c.actor.roles, c.actor.id, found.created_by))
          return notFound(request, reply, lang);
        const body = request.body as FormBody;
        const measures = await iceland.measures(c.area.id);
        const parsed = parseOutcomeForm(body, {
          lang,
          today: app.services.promises.today(),
          occurredOn: found.occurred_on,
          measureKeys: measures.filter((m) => m.active || found.measures.includes(m.key)).map((m) => m.key),
        });
        if (!parsed.ok) {
          const failed = { form: 'outcome' as const, values: body, errors: parsed.errors };
          return showCase(reply, lang, c, ref, carriedReason(body, 'komplettering'), failed);
        }
        await iceland.updateOutcome(c.area.id, c.actor, ref, parsed.value);
        app.services.promises.invalidate();
        return reply.redirect(`${listPath(c.area)}?sparat=${ref}`, 303);
      },
    );

    app.post(
      `${section}/:ref/skyddsbedomning`,
      {
        schema: { hide: true, params: CaseParams, body: AssessmentBody },
        config: { action: 'iceland.assess' },
      },
      async (request, reply) => {
        const c = context(request, reply);
        const { ref } = request.params as { ref: string };
        const found = await visibleCase(c, ref);
        if (!found) return notFound(request, reply, lang);
        const body = request.body as FormBody;
        const parsed = parseAssessmentForm(body, {
          lang,
          today: app.services.promises.today(),
          occurredOn: found.occurred_on,
        });
        if (!parsed.ok) {
          const failed = { form: 'assessment' as const, values: body, errors: parsed.errors };
          return showCase(reply, lang, c, ref, carriedReason(body, 'skyddsbedomning'), failed);
        }
        await iceland.assess(c.area.id, c.actor, ref, parsed.value.done, parsed.value.at);
        return reply.redirect(`${listPath(c.area)}?sparat=${ref}`, 303);
      },
    );
  }
}

/** The reason the case page was opened with, as its forms carry it back; else the form's own purpose. */
function carriedReason(body: FormBody, fallback: OpenReason['purpose']): OpenReason {
  const parsed = parseReasonForm(body, 'sv');
  return parsed.ok ? parsed.value : { purpose: fallback, text: '' };
}
