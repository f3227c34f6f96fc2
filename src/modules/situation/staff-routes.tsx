// Staff analysis of the situation picture and weekend-operation suggestions (staff context: session,
// CSRF, guard). The picture and its CSV answer the same GET filter; a lead plans a shift with one POST.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type Static, Type } from 'typebox';
import type { PoliceArea } from '../../db/types.ts';
import { placementSentence } from '../../domain/event-placement.ts';
import { addDays } from '../../domain/iso-week.ts';
import { isEveningOrNight, isWeekendTime, windowByKey } from '../../domain/time-bands.ts';
import { BadFormError } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { toCsv } from '../auth/audit-log.ts';
import { guarded } from '../auth/plugin.tsx';
import { sendPage } from '../auth/routes.tsx';
import { may, type StaffUser } from '../auth/service.ts';
import { type FilterParams, picturePath, readFilter, shiftPath, suggestionsPath } from './filter.ts';
import { situationMessages } from './messages.ts';
import { formatWhen, formatWindow } from './views/format.ts';
import { type CsvTable, PicturePage, SuggestionsPage } from './views/staff-pages.tsx';

const Field = Type.Optional(Type.String({ maxLength: 100 }));
const FilterQuery = Type.Object({ fran: Field, till: Field, stadsdel: Field, typ: Field, tabell: Field });
type FilterQuery = Static<typeof FilterQuery>;
const PlanBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  submission_id: Type.Optional(Type.String({ maxLength: 40 })),
  forslag: Type.Optional(Type.String({ maxLength: 200 })),
  poliser: Type.Optional(Type.String({ maxLength: 10 })),
});
type PlanBody = Static<typeof PlanBody>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CSV_TABLES: readonly CsvTable[] = ['manad', 'veckodag-timme', 'platser', 'stadsdelar', 'handelser'];

export async function situationStaffRoutes(app: FastifyInstance): Promise<void> {
  const { situation, promises, areas } = app.services;

  /** The filter checked against the LPO's districts and types, with what the form shows. */
  async function filterFor(area: PoliceArea, params: FilterParams, lang: Lang) {
    const [districts, types, { dataMonth, latestEventAt }] = await Promise.all([
      areas.districtsOf(area.id),
      situation.typesIn(area),
      situation.dataExtent(area),
    ]);
    const read = readFilter(params, { dataMonth, districtSlugs: districts.map((d) => d.slug), types, lang });
    const choices = districts.map((d) => ({ slug: d.slug, name: d.name }));
    return { ...read, districts: choices, types, dataMonth, latestEventAt };
  }

  async function picturePage(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const { user, area } = guarded(request);
    const filter = await filterFor(area, request.query as FilterQuery, lang);
    const picture = filter.query ? await situation.picture(area, filter.query) : undefined;
    const dialogue = filter.query
      ? await app.services.dialogue.summary(
          area.id,
          { from: filter.query.from, to: addDays(filter.query.to, -1) },
          app.config.suppressionThreshold,
        )
      : undefined;
    if (filter.errors) reply.code(400);
    return staffPage(
      reply,
      lang,
      situationMessages(lang).staffHeading,
      user,
      <PicturePage
        lang={lang}
        area={area}
        picture={picture}
        dialogue={dialogue}
        entered={filter.entered}
        errors={filter.errors}
        districts={filter.districts}
        types={filter.types}
        dataMonth={filter.dataMonth}
        latestEventAt={filter.latestEventAt}
      />,
    );
  }

  async function pictureCsv(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const { area } = guarded(request);
    const query = request.query as FilterQuery;
    const filter = await filterFor(area, query, lang);
    const table = CSV_TABLES.find((t) => t === query.tabell) ?? 'manad';
    if (!filter.query) return picturePage(request, reply, lang);
    const rows = await csvRows(area, filter.query, table, lang);
    const name = `lagesbild-${area.slug}-${table}-${filter.entered.fran}-${filter.entered.till}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(toCsv(rows));
  }

  async function csvRows(
    area: PoliceArea,
    query: NonNullable<Awaited<ReturnType<typeof filterFor>>['query']>,
    table: CsvTable,
    lang: Lang,
  ): Promise<string[][]> {
    const h = csvHeaders(lang);
    if (table === 'manad') {
      const rows = await situation.monthDistrictType(area, query);
      return [h.manad, ...rows.map((r) => [r.month.slice(0, 7), r.district, r.type, String(r.events)])];
    }
    const picture = await situation.picture(area, query);
    if (table === 'veckodag-timme') {
      const m = situationMessages(lang);
      return [
        h.weekdayHour,
        ...picture.heat.flatMap((row, d) =>
          row.map((n, hour) => [
            String(d + 1),
            m.weekdays[d] ?? '',
            String(hour),
            String(n),
            yesNo(isEveningOrNight(hour), lang),
            yesNo(isWeekendTime(d + 1, hour), lang),
          ]),
        ),
      ];
    }
    if (table === 'platser') {
      return [
        h.places,
        ...picture.places.map((p) => [
          p.place.name,
          p.place.kind,
          String(p.events),
          String(p.eveningNight),
          p.standsOutP === undefined ? '' : p.standsOutP.toFixed(4),
        ]),
      ];
    }
    if (table === 'stadsdelar') {
      return [h.districts, ...picture.districtCounts.map((d) => [d.district.name, String(d.events)])];
    }
    return [
      h.events,
      ...picture.latest.map((e) => [
        formatWhen(e.occurredAt, lang),
        e.type,
        e.title,
        e.districtName ?? '',
        e.placement,
        e.placementConfidence,
        placementSentence(
          { placement: e.placement, confidence: e.placementConfidence, detail: e.placementDetail },
          lang,
        ),
      ]),
    ];
  }

  async function suggestionsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    error?: { key: string; message: string },
  ) {
    const { user, area } = guarded(request);
    const filter = await filterFor(
      area,
      request.method === 'GET' ? (request.query as FilterQuery) : {},
      lang,
    );
    const list = filter.query ? await situation.suggestions(area, filter.query) : undefined;
    if (filter.errors) reply.code(400);
    const csrfToken = reply.generateCsrf();
    const plan = may(user, area.id, 'shift.plan')
      ? { csrfToken, submissionId: randomUUID(), ...(error ? { error } : {}) }
      : undefined;
    return sendPage(
      reply,
      lang,
      situationMessages(lang).helginsatsHeading,
      <SuggestionsPage
        lang={lang}
        area={area}
        list={list}
        entered={filter.entered}
        errors={filter.errors}
        districts={filter.districts}
        dataMonth={filter.dataMonth}
        today={promises.today()}
        plan={plan}
      />,
      { name: user.displayName, csrfToken },
    );
  }

  async function plan(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const { user, area } = guarded(request);
    const body = (request.body ?? {}) as PlanBody;
    const submissionId = body.submission_id ?? '';
    // Our form always carries one; without it a double submit could not be told from a new shift.
    if (!UUID.test(submissionId)) throw new BadFormError('missing or malformed submission_id');
    const key = body.forslag ?? '';
    const officers = /^\d{1,3}$/.test(body.poliser?.trim() ?? '') ? Number(body.poliser) : Number.NaN;
    const suggestion = await suggestionNote(area, key, lang);
    const result = await situation.planFromSuggestion({
      area,
      userId: user.id,
      key,
      officers,
      submissionId,
      note: situationMessages(lang).planNote(suggestion),
    });
    if (!result.ok) {
      reply.code(400);
      return suggestionsPage(request, reply, lang, {
        key,
        message: situationMessages(lang).planErrors[result.error],
      });
    }
    return reply.redirect(`${shiftPath(lang, area.slug, result.shiftId)}?saved=1`, 303);
  }

  /** The suggestion in words for the planned shift's note, e.g. "fredag 21–03 vid Gullmarsplan". */
  async function suggestionNote(area: PoliceArea, key: string, lang: Lang): Promise<string> {
    const match = /^(place|district):([a-z0-9-]+):(.+)$/.exec(key);
    const window = match ? windowByKey(match[3] ?? '') : undefined;
    if (!match || !window) return key;
    const m = situationMessages(lang);
    const name = await situation.targetName(
      area,
      match[1] === 'place' ? 'place' : 'district',
      match[2] ?? '',
    );
    const when = formatWindow(window, lang);
    return match[1] === 'place' ? m.windowAt(when, name) : m.windowIn(when, name);
  }

  for (const lang of ['sv', 'en'] as const) {
    const base = picturePath(lang, ':lpo');
    const suggestions = suggestionsPath(lang, ':lpo');
    const read = {
      schema: { hide: true, querystring: FilterQuery },
      config: { action: 'situation.read' as const },
    };
    app.get(base, read, (request, reply) => picturePage(request, reply, lang));
    app.get(`${base}.csv`, read, (request, reply) => pictureCsv(request, reply, lang));
    app.get(suggestions, read, (request, reply) => suggestionsPage(request, reply, lang));
    app.post(
      suggestions,
      { schema: { hide: true, body: PlanBody }, config: { action: 'shift.plan' } },
      (request, reply) => plan(request, reply, lang),
    );
  }
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

function yesNo(value: boolean, lang: Lang): string {
  return value ? (lang === 'sv' ? 'ja' : 'yes') : lang === 'sv' ? 'nej' : 'no';
}

function csvHeaders(lang: Lang) {
  return lang === 'sv'
    ? {
        manad: ['månad', 'stadsdel', 'typ', 'händelser'],
        weekdayHour: ['veckodag_nr', 'veckodag', 'timme', 'händelser', 'kväll_eller_natt', 'helg'],
        places: ['plats', 'slag', 'händelser', 'kväll_och_natt', 'sticker_ut_p'],
        districts: ['stadsdel', 'händelser'],
        events: ['när', 'typ', 'rubrik', 'stadsdel', 'placering', 'säkerhet', 'så_placerades_den'],
      }
    : {
        manad: ['month', 'district', 'type', 'events'],
        weekdayHour: ['weekday_no', 'weekday', 'hour', 'events', 'evening_or_night', 'weekend'],
        places: ['place', 'kind', 'events', 'evening_and_night', 'stands_out_p'],
        districts: ['district', 'events'],
        events: ['when', 'type', 'title', 'district', 'placement', 'confidence', 'how_placed'],
      };
}
