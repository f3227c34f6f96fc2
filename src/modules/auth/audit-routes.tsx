// The audit-log viewer of an LPO for its admins (action audit.read): a filtered, paged page and the same
// filter as a CSV download.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isIsoDate } from '../../domain/iso-week.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import type { AuditFilter } from './audit-log.ts';
import { toCsv } from './audit-log.ts';
import { guarded } from './plugin.tsx';
import { sendPage } from './routes.tsx';
import { AuditPage, auditTexts, auditTime, detailText } from './views/audit-page.tsx';

const FilterQuery = Type.Object({
  handelse: Type.Optional(Type.String({ maxLength: 80 })),
  fran: Type.Optional(Type.String({ maxLength: 20 })),
  till: Type.Optional(Type.String({ maxLength: 20 })),
  sida: Type.Optional(Type.String({ maxLength: 6 })),
});

interface Entered {
  action: string;
  from: string;
  to: string;
}

/** The filter from the query string, or the fields that are wrong. */
function readFilter(query: { handelse?: string; fran?: string; till?: string }, lang: Lang) {
  const t = auditTexts(lang);
  const entered: Entered = {
    action: query.handelse?.trim() ?? '',
    from: query.fran?.trim() ?? '',
    to: query.till?.trim() ?? '',
  };
  const errors: FieldErrors = {};
  if (entered.from && !isIsoDate(entered.from)) errors.fran = t.dateInvalid;
  if (entered.to && !isIsoDate(entered.to)) errors.till = t.dateInvalid;
  if (!errors.fran && !errors.till && entered.from && entered.to && entered.to < entered.from)
    errors.till = t.toBeforeFrom;
  const filter: AuditFilter = {
    ...(entered.action ? { action: entered.action } : {}),
    ...(entered.from ? { from: entered.from } : {}),
    ...(entered.to ? { to: entered.to } : {}),
  };
  return { entered, filter, errors: Object.keys(errors).length > 0 ? errors : undefined };
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const auditLog = app.services.auth.auditLog;

  async function page(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const { user, area } = guarded(request);
    const query = request.query as { handelse?: string; fran?: string; till?: string; sida?: string };
    const { entered, filter, errors } = readFilter(query, lang);
    const pageNumber = /^\d{1,5}$/.test(query.sida ?? '') ? Math.max(1, Number(query.sida)) : 1;
    const [actions, result] = await Promise.all([
      auditLog.actions(area.id),
      errors ? { rows: [], total: 0, pages: 1 } : auditLog.page(area.id, filter, pageNumber),
    ]);
    if (errors) reply.code(400);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      reply,
      lang,
      auditTexts(lang).title,
      <AuditPage
        lang={lang}
        area={area}
        actions={actions}
        filter={filter}
        entered={entered}
        errors={errors}
        rows={result.rows}
        total={result.total}
        page={pageNumber}
        pages={result.pages}
      />,
      { name: user.displayName, csrfToken },
    );
  }

  async function csv(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const { user, area } = guarded(request);
    const { filter, errors } = readFilter(
      request.query as { handelse?: string; fran?: string; till?: string },
      lang,
    );
    if (errors) return page(request, reply, lang);
    const rows = await auditLog.all(area.id, filter);
    // An export takes the log out of the system, so it is itself logged.
    await app.services.auth.audit({
      userId: user.id,
      policeAreaId: area.id,
      action: 'audit.export',
      entity: 'audit_log',
      detail: { ...filter, rows: rows.length },
    });
    const body = toCsv([
      auditTexts(lang).csvHeader,
      ...rows.map((r) => [
        auditTime(r.at),
        r.userName ?? '',
        r.userEmail ?? '',
        r.action,
        r.entity,
        r.entityId ?? '',
        r.reason ?? '',
        detailText(r.detail),
      ]),
    ]);
    const day = app.services.promises.today();
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="granskningslogg-${area.slug}-${day}.csv"`)
      .send(body);
  }

  for (const lang of ['sv', 'en'] as const) {
    const path = `${langPrefix(lang)}/staff/:lpo/logg`;
    app.get(
      path,
      { schema: { hide: true, querystring: FilterQuery }, config: { action: 'audit.read' } },
      (request, reply) => page(request, reply, lang),
    );
    app.get(
      `${path}.csv`,
      { schema: { hide: true, querystring: FilterQuery }, config: { action: 'audit.read' } },
      (request, reply) => csv(request, reply, lang),
    );
  }
}
