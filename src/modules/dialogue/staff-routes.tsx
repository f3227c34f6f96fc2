// Moderation of citizen input (staff context: session, CSRF, guard). Leads and analysts read the queue
// of pending texts and approve or reject each; every decision is audited.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type Static, Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import { formatNumber } from '../../domain/target-text.ts';
import { BadFormError } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import type { StaffUser } from '../auth/service.ts';
import { dialogueMessages } from './messages.ts';
import { cleanText, MAX_NOTE } from './model.ts';
import { moderationPath } from './paths.ts';
import { type ModerationNotice, ModerationPage } from './views/moderation-page.tsx';

const NoticeQuery = Type.Object({
  done: Type.Optional(
    Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('already')]),
  ),
});
const DecideParams = Type.Object({ lpo: Type.String(), id: Type.String({ maxLength: 20 }) });
const DecideBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  decision: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
});

export async function dialogueStaffRoutes(app: FastifyInstance): Promise<void> {
  const dialogue = app.services.dialogue;

  for (const lang of ['sv', 'en'] as const) {
    const section = moderationPath(lang, ':lpo');

    app.get(
      section,
      { schema: { hide: true, querystring: NoticeQuery }, config: { action: 'dialogue.moderate' } },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const { done } = request.query as Static<typeof NoticeQuery>;
        return sendQueue(reply, lang, user, area, { notice: done });
      },
    );

    app.post(
      `${section}/:id`,
      {
        schema: { hide: true, params: DecideParams, body: DecideBody },
        config: { action: 'dialogue.moderate' },
      },
      async (request, reply) => {
        const { user, area } = guarded(request);
        const { id } = request.params as Static<typeof DecideParams>;
        const body = (request.body ?? {}) as Static<typeof DecideBody>;
        const decision =
          body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : undefined;
        // Our form always sends one of the two buttons; anything else is not from it.
        if (!decision || !/^\d{1,9}$/.test(id)) throw new BadFormError('missing decision or malformed id');
        const note = cleanText(body.note ?? '');
        if (note && [...note].length > MAX_NOTE) {
          reply.code(400);
          const message = dialogueMessages(lang).noteTooLong(formatNumber(MAX_NOTE, lang));
          return sendQueue(reply, lang, user, area, { noteError: { id: Number(id), message, note } });
        }
        const result = await dialogue.moderate({
          policeAreaId: area.id,
          id: Number(id),
          userId: user.id,
          decision,
          note,
        });
        // Another LPO's input, or one without text, is not found, like a missing one.
        if (result === 'not_found') return reply.callNotFound();
        const done = result === 'decided' ? decision : 'already';
        return reply.redirect(`${moderationPath(lang, area.slug)}?done=${done}`, 303);
      },
    );
  }

  async function sendQueue(
    reply: FastifyReply,
    lang: Lang,
    user: StaffUser,
    area: PoliceArea,
    state: {
      notice?: ModerationNotice | undefined;
      noteError?: { id: number; message: string; note: string };
    },
  ) {
    const { pending, counts } = await dialogue.moderationQueue(area.id);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      reply,
      lang,
      dialogueMessages(lang).moderationTitle,
      <ModerationPage
        lang={lang}
        area={area}
        pending={pending}
        counts={counts}
        csrfToken={csrfToken}
        notice={state.notice}
        noteError={state.noteError}
      />,
      { name: user.displayName, csrfToken },
    );
  }
}
