// Staff pages of the safetywalks module (registered inside the staff context: session, CSRF, guard).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PoliceArea } from '../../db/types.ts';
import { nextStatuses } from '../../domain/observation-status.ts';
import { formatDate } from '../../domain/target-text.ts';
import { HTML } from '../../web/http.ts';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import { notFoundPage } from '../../web/not-found.tsx';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import { may, type StaffUser } from '../auth/service.ts';
import {
  CompleteWalkBody,
  ObservationBody,
  type Place,
  PlanWalkBody,
  parseCompleteWalk,
  parseObservation,
  parsePlanWalk,
  parseStatusChange,
  StatusBody,
} from './forms.ts';
import { MAX_ROUTE_BYTES } from './geometry.ts';
import { walkMessages } from './messages.ts';
import type { StatusChange, WriteContext } from './service.ts';
import { WalkListPage } from './views/list-page.tsx';
import { NewWalkPage } from './views/new-walk-page.tsx';
import { ObservationPage, type ObservationPageProps } from './views/observation-page.tsx';
import { observationPath, walksPath } from './views/parts.tsx';
import { WalkPage, type WalkPageForm } from './views/walk-page.tsx';

/** The route travels percent-encoded in the form body: up to about three bytes per character. */
const ROUTE_BODY_LIMIT = MAX_ROUTE_BYTES * 3 + 16_384;

type IdParams = { lpo: string; id: string };
type ObservationParams = { lpo: string; observationId: string };

export async function safetyWalkStaffRoutes(app: FastifyInstance): Promise<void> {
  const walks = app.services.promises.safetyWalks;
  const today = () => app.services.promises.today();

  function writeContext(user: StaffUser, area: PoliceArea): WriteContext {
    return {
      userId: user.id,
      policeAreaId: area.id,
      invalidate: app.services.promises.invalidate,
    };
  }

  /** The LPO's districts as places for an observation, the walk's own district first. */
  async function placesFor(area: PoliceArea, districtId: number | null): Promise<Place[]> {
    const districts = await app.services.areas.districtsOf(area.id);
    const places = districts.map((d) => ({ id: d.id, name: d.name, centroid: d.centroid }));
    return [...places.filter((p) => p.id === districtId), ...places.filter((p) => p.id !== districtId)];
  }

  for (const lang of ['sv', 'en'] as const) {
    const base = `${langPrefix(lang)}/staff/:lpo/trygghetsvandringar`;
    const w = walkMessages(lang);

    async function sendWalkPage(
      request: FastifyRequest,
      reply: FastifyReply,
      user: StaffUser,
      area: PoliceArea,
      walkId: number,
      sent?: WalkPageForm,
    ) {
      const walk = await walks.walk(area.id, walkId);
      if (!walk) return notFound(reply, lang, request.url);
      const csrfToken = reply.generateCsrf();
      return sendPage(
        reply,
        lang,
        w.walkHeading(formatDate(walk.done_at ?? walk.walk_date, lang)),
        <WalkPage
          lang={lang}
          area={area}
          walk={walk}
          today={today()}
          csrfToken={csrfToken}
          submissionId={randomUUID()}
          places={await placesFor(area, walk.district_id)}
          mayUpdate={may(user, area.id, 'walk.update')}
          {...(sent ? { sent } : {})}
        />,
        { name: user.displayName, csrfToken },
      );
    }

    async function sendNewWalkPage(
      reply: FastifyReply,
      user: StaffUser,
      area: PoliceArea,
      sent?: { values: PlanWalkBody; errors: Record<string, string> },
    ) {
      const csrfToken = reply.generateCsrf();
      const districts = await app.services.areas.districtsOf(area.id);
      return sendPage(
        reply,
        lang,
        w.newHeading,
        <NewWalkPage
          lang={lang}
          area={area}
          csrfToken={csrfToken}
          submissionId={sent?.values.submission_id ?? randomUUID()}
          districts={districts}
          {...(sent ? { values: sent.values, errors: sent.errors } : {})}
        />,
        { name: user.displayName, csrfToken },
      );
    }

    async function sendObservationPage(
      request: FastifyRequest,
      reply: FastifyReply,
      user: StaffUser,
      area: PoliceArea,
      observationId: number,
      sent?: ObservationPageProps['sent'],
    ) {
      const observation = await walks.observation(area.id, observationId);
      if (!observation) return notFound(reply, lang, request.url);
      const csrfToken = reply.generateCsrf();
      return sendPage(
        reply,
        lang,
        w.observationHeading(w.categoryLabel[observation.category]),
        <ObservationPage
          lang={lang}
          area={area}
          observation={observation}
          next={may(user, area.id, 'observation.update') ? nextStatuses(observation.status) : []}
          today={today()}
          csrfToken={csrfToken}
          {...(sent ? { sent } : {})}
        />,
        { name: user.displayName, csrfToken },
      );
    }

    app.get(base, { schema: { hide: true }, config: { action: 'walk.read' } }, async (request, reply) => {
      const { user, area } = guarded(request);
      const year = Number(today().slice(0, 4));
      const list = await walks.walks(area.id, { from: `${year}-01-01`, to: `${year}-12-31` });
      const csrfToken = reply.generateCsrf();
      return sendPage(
        reply,
        lang,
        w.heading,
        <WalkListPage
          lang={lang}
          area={area}
          year={year}
          walks={list.filter((walk) => walk.status !== 'cancelled')}
          mayPlan={may(user, area.id, 'walk.create')}
        />,
        { name: user.displayName, csrfToken },
      );
    });

    app.get(
      `${base}/ny`,
      { schema: { hide: true }, config: { action: 'walk.create' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        return sendNewWalkPage(reply, user, area);
      },
    );

    app.post(
      `${base}/ny`,
      { schema: { hide: true, body: PlanWalkBody }, config: { action: 'walk.create' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const body = request.body as PlanWalkBody;
        const districts = await app.services.areas.districtsOf(area.id);
        const parsed = parsePlanWalk(
          body,
          districts.map((d) => d.id),
          today(),
          lang,
        );
        if (!parsed.ok) {
          reply.code(400);
          return sendNewWalkPage(reply, user, area, { values: body, errors: parsed.errors });
        }
        const walk = await walks.planWalk(writeContext(user, area), parsed.value);
        if (!walk) return notFound(reply, lang, request.url);
        return reply.redirect(walksPath(lang, area.slug, `/${walk.id}`), 303);
      },
    );

    app.get(
      `${base}/:id`,
      { schema: { hide: true }, config: { action: 'walk.read' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const id = parseId((request.params as IdParams).id);
        if (id === undefined) return notFound(reply, lang, request.url);
        return sendWalkPage(request, reply, user, area, id);
      },
    );

    app.post(
      `${base}/:id/genomford`,
      {
        schema: { hide: true, body: CompleteWalkBody },
        config: { action: 'walk.update' },
        bodyLimit: ROUTE_BODY_LIMIT,
      },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const id = parseId((request.params as IdParams).id);
        if (id === undefined) return notFound(reply, lang, request.url);
        const body = request.body as CompleteWalkBody;
        const parsed = parseCompleteWalk(body, today(), lang);
        if (!parsed.ok) {
          reply.code(400);
          return sendWalkPage(request, reply, user, area, id, {
            form: 'complete',
            values: body,
            errors: parsed.errors,
          });
        }
        if (!(await walks.completeWalk(writeContext(user, area), id, parsed.value)))
          return notFound(reply, lang, request.url);
        return reply.redirect(walksPath(lang, area.slug, `/${id}`), 303);
      },
    );

    app.post(
      `${base}/:id/iakttagelser`,
      { schema: { hide: true, body: ObservationBody }, config: { action: 'walk.update' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const id = parseId((request.params as IdParams).id);
        if (id === undefined) return notFound(reply, lang, request.url);
        const walk = await walks.walk(area.id, id);
        if (!walk) return notFound(reply, lang, request.url);
        const body = request.body as ObservationBody;
        const parsed = parseObservation(body, await placesFor(area, walk.district_id), lang);
        if (!parsed.ok) {
          reply.code(400);
          return sendWalkPage(request, reply, user, area, id, {
            form: 'observation',
            values: body,
            errors: parsed.errors,
          });
        }
        const result = await walks.addObservation(writeContext(user, area), id, parsed.value);
        // Observations belong to walks that were carried out; the page offers the form only then.
        if (result === 'not_found' || result === 'not_done') return notFound(reply, lang, request.url);
        return reply.redirect(`${walksPath(lang, area.slug, `/${id}`)}#observation-${result.id}`, 303);
      },
    );

    const observationBase = `${langPrefix(lang)}/staff/:lpo/iakttagelser/:observationId`;

    app.get(
      observationBase,
      { schema: { hide: true }, config: { action: 'walk.read' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const id = parseId((request.params as ObservationParams).observationId);
        if (id === undefined) return notFound(reply, lang, request.url);
        return sendObservationPage(request, reply, user, area, id);
      },
    );

    app.post(
      `${observationBase}/status`,
      { schema: { hide: true, body: StatusBody }, config: { action: 'observation.update' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const id = parseId((request.params as ObservationParams).observationId);
        if (id === undefined) return notFound(reply, lang, request.url);
        const current = await walks.observation(area.id, id);
        if (!current) return notFound(reply, lang, request.url);
        const body = request.body as StatusBody;
        // The current status itself passes the form (a double submit); the service then changes nothing.
        const allowed = [current.status, ...nextStatuses(current.status)];
        const parsed = parseStatusChange(body, allowed, today(), lang);
        const result = parsed.ok
          ? await walks.changeStatus(writeContext(user, area), id, parsed.value)
          : undefined;
        if (result?.outcome === 'not_found') return notFound(reply, lang, request.url);
        const errors = !parsed.ok
          ? parsed.errors
          : result?.outcome === 'refused'
            ? { [result.field]: refusal(result, lang) }
            : undefined;
        if (errors) {
          reply.code(400);
          return sendObservationPage(request, reply, user, area, id, { values: body, errors });
        }
        return reply.redirect(observationPath(lang, area.slug, id), 303);
      },
    );
  }
}

function refusal(result: Extract<StatusChange, { outcome: 'refused' }>, lang: Lang): string {
  const w = walkMessages(lang);
  if (result.problem === 'before_previous') return w.beforePrevious(formatDate(result.previous, lang));
  return result.problem === 'owner_required' ? w.ownerRequired : w.statusNotAllowed;
}

function parseId(raw: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
}

function notFound(reply: FastifyReply, lang: Lang, url: string) {
  return reply.code(404).type(HTML).header('cache-control', 'no-store').send(notFoundPage(lang, url).body);
}
