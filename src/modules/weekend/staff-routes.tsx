// Staff pages of the weekend module (registered inside the staff context: session, CSRF, guard).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type Static, Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import { stockholmDate } from '../../domain/iso-week.ts';
import { formatDate } from '../../domain/target-text.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { BadFormError } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import { may, type StaffUser } from '../auth/service.ts';
import { weekendMessages } from './messages.ts';
import type { ShiftErrors, ShiftForm } from './shift-input.ts';
import { ShiftFormPage, ShiftListPage, ShiftPage, shiftsPath } from './views/shift-pages.tsx';

const LATEST_SHIFTS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Forms send strings; the rules in shift-input.ts say what they must hold, with a message by each field.
// Every field is optional here so a missing one gets that message too; the limits only keep out what no
// form sends.
const Short = Type.Optional(Type.String({ maxLength: 20 }));
const ShiftBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  submission_id: Type.Optional(Type.String({ maxLength: 40 })),
  start_date: Short,
  start_time: Short,
  end_time: Short,
  officers: Short,
  // One checked box arrives as a string, several as an array, none as nothing.
  places: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 60 }),
      Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 }),
    ]),
  ),
  premises_inspected: Short,
  youth_contacts: Short,
  note: Type.Optional(Type.String({ maxLength: 5000 })),
});
type ShiftBody = Static<typeof ShiftBody>;

const ShiftParams = Type.Object({ lpo: Type.String(), id: Type.String({ maxLength: 20 }) });
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) });

export async function weekendStaffRoutes(app: FastifyInstance): Promise<void> {
  const { promises } = app.services;
  const weekend = promises.weekend;

  for (const lang of ['sv', 'en'] as const) {
    const m = weekendMessages(lang);
    const section = shiftsPath(lang, ':lpo');

    app.get(section, { schema: { hide: true }, config: { action: 'shift.read' } }, async (request, reply) => {
      const { user, area } = guarded(request);
      const [weeks, shifts] = await Promise.all([
        weekend.staffedWeeks(area.id, promises.today()),
        weekend.latestShifts(area.id, LATEST_SHIFTS),
      ]);
      return sendStaffPage(
        reply,
        lang,
        m.heading,
        user,
        <ShiftListPage
          lang={lang}
          area={area}
          weeks={weeks}
          shifts={shifts}
          mayCreate={may(user, area.id, 'shift.create')}
        />,
      );
    });

    app.get(
      `${section}/ny`,
      { schema: { hide: true }, config: { action: 'shift.create' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        return sendForm(reply, lang, user, area, emptyForm(promises.today()), randomUUID());
      },
    );

    app.post(
      section,
      { schema: { hide: true, body: ShiftBody }, config: { action: 'shift.create' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const body = (request.body ?? {}) as ShiftBody;
        const submissionId = body.submission_id ?? '';
        // Our form always carries one; without it a double submit could not be told from a new shift.
        if (!UUID.test(submissionId)) throw new BadFormError('missing or malformed submission_id');
        const form = formOf(body);
        const result = await weekend.logShift({
          policeAreaId: area.id,
          userId: user.id,
          submissionId,
          form,
          today: promises.today(),
        });
        if (!result.ok) {
          reply.code(400);
          return sendForm(reply, lang, user, area, form, submissionId, messagesFor(result.errors, lang));
        }
        if (result.created) {
          // The public promise page and API count staffed weeks from shifts: show the new one at once.
          promises.invalidate();
        }
        return reply.redirect(`${shiftsPath(lang, area.slug)}/${result.id}?saved=1`, 303);
      },
    );

    app.get(
      `${section}/:id`,
      {
        schema: { hide: true, params: ShiftParams, querystring: SavedQuery },
        config: { action: 'shift.read' },
      },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const { id } = request.params as Static<typeof ShiftParams>;
        // Looked up by id and the route's LPO: another LPO's shift is not found, like a missing one.
        const shift = /^\d{1,9}$/.test(id) ? await weekend.shift(area.id, Number(id)) : undefined;
        if (!shift) return reply.callNotFound();
        const { saved } = request.query as Static<typeof SavedQuery>;
        return sendStaffPage(
          reply,
          lang,
          m.shiftHeading(formatDate(stockholmDate(shift.startsAt), lang)),
          user,
          <ShiftPage
            lang={lang}
            area={area}
            shift={shift}
            saved={saved === '1'}
            mayCreate={may(user, area.id, 'shift.create')}
          />,
        );
      },
    );
  }

  async function sendForm(
    reply: FastifyReply,
    lang: Lang,
    user: StaffUser,
    area: PoliceArea,
    values: ShiftForm,
    submissionId: string,
    errors?: FieldErrors,
  ) {
    const csrfToken = reply.generateCsrf();
    const page = (
      <ShiftFormPage
        lang={lang}
        area={area}
        places={await weekend.places(area.id)}
        values={values}
        submissionId={submissionId}
        csrfToken={csrfToken}
        {...(errors ? { errors } : {})}
      />
    );
    return sendPage(reply, lang, weekendMessages(lang).newHeading, page, {
      name: user.displayName,
      csrfToken,
    });
  }
}

function sendStaffPage(
  reply: FastifyReply,
  lang: Lang,
  title: string,
  user: StaffUser,
  content: ComponentChildren,
) {
  return sendPage(reply, lang, title, content, { name: user.displayName, csrfToken: reply.generateCsrf() });
}

function emptyForm(today: string): ShiftForm {
  return {
    start_date: today,
    start_time: '',
    end_time: '',
    officers: '',
    places: [],
    premises_inspected: '0',
    youth_contacts: '0',
    note: '',
  };
}

function formOf(body: ShiftBody): ShiftForm {
  return {
    start_date: body.start_date ?? '',
    start_time: body.start_time ?? '',
    end_time: body.end_time ?? '',
    officers: body.officers ?? '',
    places: body.places === undefined ? [] : [body.places].flat(),
    premises_inspected: body.premises_inspected ?? '',
    youth_contacts: body.youth_contacts ?? '',
    note: body.note ?? '',
  };
}

function messagesFor(errors: ShiftErrors, lang: Lang): FieldErrors {
  const m = weekendMessages(lang);
  return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, m.errors[code]]));
}
