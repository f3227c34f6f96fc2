// Public "Tyck till" pages: the form (no account, no cookie), the receipt, and what residents have said.
// Abuse is held off without a third party: a signed, time-limited form token, a honeypot field, a
// minimum fill time, small bodies, and a per-client rate limit on sending.
import fastifyFormbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type Static, Type } from 'typebox';
import { findingHint, type PersonalDataFinding, personalDataKinds } from '../../domain/personal-data.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { BadFormError, HTML, sendCached } from '../../web/http.ts';
import type { Lang } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { createFormTokens } from './form-token.ts';
import { dialogueMessages } from './messages.ts';
import { type DialogueErrors, type DialogueForm, EMPTY_FORM } from './model.ts';
import { formPath, receiptPath, resultsPath } from './paths.ts';
import { type FormContext, lastTwelveMonths } from './service.ts';
import { AreaChoicePage, DialogueFormPage } from './views/form-page.tsx';
import { ReceiptGonePage, ReceiptPage, ResultsAreaList, ResultsPage } from './views/public-pages.tsx';

/** Sends per client (IP address, kept only in memory) and window, over both languages. */
export const SEND_LIMIT = { max: 5, timeWindow: 10 * 60_000 };
/** A filled-in form is a few kB; anything much larger is not from our form. */
const BODY_LIMIT = 32_768;

const Slug = Type.String({ pattern: '^[a-z0-9-]{1,80}$' });
const FormQuery = Type.Object({
  lpo: Type.Optional(Slug),
  district: Type.Optional(Type.String({ maxLength: 80 })),
  place: Type.Optional(Type.String({ maxLength: 80 })),
});
const Short = Type.Optional(Type.String({ maxLength: 80 }));
// Every field optional, so a missing one gets its own message; the limits keep out what no form sends.
const SendBody = Type.Object({
  lpo: Short,
  form_token: Type.Optional(Type.String({ maxLength: 200 })),
  website: Type.Optional(Type.String({ maxLength: 500 })),
  district: Short,
  place: Short,
  weekday: Short,
  time_band: Short,
  categories: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 40 }),
      Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
    ]),
  ),
  free_text: Type.Optional(Type.String({ maxLength: 8000 })),
  age_band: Short,
});
type SendBody = Static<typeof SendBody>;
const ReceiptParams = Type.Object({
  receipt: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
});
const ResultsQuery = Type.Object({ lpo: Type.Optional(Slug) });

export async function dialogueRoutes(app: FastifyInstance, options: { formSecret: string }): Promise<void> {
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  const dialogue = app.services.dialogue;
  const tokens = createFormTokens(options.formSecret);

  for (const lang of ['sv', 'en'] as const) {
    const other = lang === 'sv' ? 'en' : 'sv';
    const m = dialogueMessages(lang);

    app.get(formPath(lang), { schema: { hide: true, querystring: FormQuery } }, async (request, reply) => {
      const query = request.query as Static<typeof FormQuery>;
      const alternate = formPath(other, query.lpo ? `lpo=${query.lpo}` : '');
      if (!query.lpo) {
        const areas = await dialogue.areas();
        return sendFresh(reply, lang, m.formTitle, alternate, <AreaChoicePage lang={lang} areas={areas} />);
      }
      const area = await dialogue.area(query.lpo);
      if (!area) return reply.callNotFound();
      const context = await dialogue.formContext(area);
      const { values, chosen } = preselected(context, query);
      return sendFresh(
        reply,
        lang,
        m.formTitle,
        alternate,
        <DialogueFormPage
          lang={lang}
          context={context}
          values={values}
          token={tokens.issue()}
          {...(chosen ? { chosenOnMap: chosen } : {})}
        />,
      );
    });

    app.get(
      `${lang === 'sv' ? '/tyck-till/tack' : '/en/tell-us/thanks'}/:receipt`,
      { schema: { hide: true, params: ReceiptParams } },
      async (request, reply) => {
        const { receipt: id } = request.params as Static<typeof ReceiptParams>;
        const receipt = await dialogue.receipt(id);
        const alternate = receiptPath(other, id);
        if (!receipt) {
          reply.code(404);
          return sendFresh(reply, lang, m.thanksTitle, alternate, <ReceiptGonePage lang={lang} />);
        }
        return sendFresh(
          reply,
          lang,
          m.thanksTitle,
          alternate,
          <ReceiptPage lang={lang} receipt={receipt} />,
        );
      },
    );

    app.get(
      resultsPath(lang),
      { schema: { hide: true, querystring: ResultsQuery } },
      async (request, reply) => {
        const { lpo } = request.query as Static<typeof ResultsQuery>;
        const today = app.services.promises.today();
        const key = `page:${lang}:dialogue-results:${lpo ?? ''}:${today}`;
        return sendCached(request, reply, app.pageCache, key, HTML, async () => {
          const alternatePath = resultsPath(other, lpo);
          if (!lpo) {
            const body = renderPage(
              { lang, title: m.resultsTitle, alternatePath },
              <ResultsAreaList lang={lang} areas={await dialogue.areas()} />,
            );
            return { status: 200, body };
          }
          const area = await dialogue.area(lpo);
          if (!area) return notFoundPage(lang, request.url);
          const period = lastTwelveMonths(today);
          const summary = await dialogue.summary(area.id, period, app.config.suppressionThreshold);
          const body = renderPage(
            { lang, title: `${m.resultsTitle} – ${area.name}`, alternatePath },
            <ResultsPage lang={lang} area={area} period={period} summary={summary} />,
          );
          return { status: 200, body };
        });
      },
    );
  }

  // Sending, in a context of its own: the rate limit's one store counts both languages' sends together.
  await app.register(async (sending) => {
    await sending.register(rateLimit, { ...SEND_LIMIT, global: true });
    for (const lang of ['sv', 'en'] as const) {
      sending.post(formPath(lang), { schema: { hide: true, body: SendBody } }, async (request, reply) => {
        const body = (request.body ?? {}) as SendBody;
        const area = body.lpo ? await dialogue.area(body.lpo) : undefined;
        if (!area) throw new BadFormError('unknown or missing lpo');
        const context = await dialogue.formContext(area);
        const form = formOf(body);
        const m = dialogueMessages(lang);
        const again = (errors: FieldErrors) => {
          reply.code(400);
          return sendFresh(
            reply,
            lang,
            m.formTitle,
            formPath(lang === 'sv' ? 'en' : 'sv', `lpo=${area.slug}`),
            <DialogueFormPage
              lang={lang}
              context={context}
              values={form}
              token={tokens.issue()}
              errors={errors}
            />,
          );
        };
        // A person never sees the honeypot; a filled one is a script (or an autofill gone wrong: say so).
        if (body.website) return again({ form: m.formProblem.honeypot });
        const token = tokens.check(body.form_token ?? '');
        if (!token.ok) {
          request.log.info({ problem: token.problem }, 'dialogue form token refused');
          return again({ form: m.formProblem[token.problem] });
        }
        const result = await dialogue.submit({ area, submissionId: token.submissionId, form });
        if (!result.ok) return again(messagesFor(result.errors, result.findings, lang));
        return reply.redirect(receiptPath(lang, result.submissionId), 303);
      });
    }
  });
}

/** Public pages with a form token or a personal receipt: never stored by a browser cache or a proxy. */
function sendFresh(
  reply: FastifyReply,
  lang: Lang,
  title: string,
  alternatePath: string,
  content: ComponentChildren,
) {
  return reply
    .type(HTML)
    .header('cache-control', 'no-store')
    .send(renderPage({ lang, title, alternatePath }, content));
}

/** A district or place chosen on the map (a link with ?district= or ?place=) fills in the lists. */
function preselected(
  context: FormContext,
  query: { district?: string | undefined; place?: string | undefined },
): { values: DialogueForm; chosen: string | undefined } {
  const place = context.places.find((p) => p.slug === query.place);
  if (place) {
    return {
      values: { ...EMPTY_FORM, place: place.slug, district: place.districtSlug ?? '' },
      chosen: place.name,
    };
  }
  const district = context.districts.find((d) => d.slug === query.district);
  if (district) return { values: { ...EMPTY_FORM, district: district.slug }, chosen: district.name };
  return { values: EMPTY_FORM, chosen: undefined };
}

function formOf(body: SendBody): DialogueForm {
  return {
    district: body.district ?? '',
    place: body.place ?? '',
    weekday: body.weekday ?? '',
    time_band: body.time_band ?? '',
    categories: body.categories === undefined ? [] : [body.categories].flat(),
    free_text: body.free_text ?? '',
    age_band: body.age_band ?? '',
  };
}

function messagesFor(errors: DialogueErrors, findings: PersonalDataFinding[], lang: Lang): FieldErrors {
  const m = dialogueMessages(lang);
  const result: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    if (code !== 'free_text_personal_data') {
      result[field] = m.errors[code];
      continue;
    }
    // One sentence per kind found, each pointing at the first of its kind.
    result[field] = personalDataKinds(findings)
      .map((kind) => {
        const first = findings.find((f) => f.kind === kind);
        return first ? m.personalData[kind](findingHint(first)) : '';
      })
      .join(' ');
  }
  return result;
}
