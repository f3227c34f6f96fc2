// Yearly follow-up report, HTML and PDF: /lpo/:slug/:year/rapport(.pdf), /en/lpo/:slug/:year/report(.pdf).
// The report model is built once per (LPO, year, language, day) and kept in the page cache (as JSON), so
// any change that clears the public pages also gives a new report; the PDF is kept per model version.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTML, type Rendered, sendCached } from '../../web/http.ts';
import { type Lang, langPrefix, messages } from '../../web/i18n.ts';
import { renderPage } from '../../web/layout.tsx';
import { notFoundPage } from '../../web/not-found.tsx';
import { promisePath } from '../promises/views/promise-page.tsx';
import { reportMessages } from './messages.ts';
import type { ReportModel } from './model.ts';
import { reportName, reportPath } from './paths.ts';
import { renderReportPdf } from './pdf.ts';
import { createReportService, type ReportResult, type ReportService } from './service.ts';
import { ReportPage } from './views/report-page.tsx';

/** PDFs of the latest report versions; a few per LPO and language is plenty. */
const PDF_CACHE_ENTRIES = 50;

interface Params {
  slug: string;
  year: string;
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const reports = createReportService({
    promises: app.services.promises,
    areas: app.services.areas,
    dialogue: app.services.dialogue,
    suppressionThreshold: app.config.suppressionThreshold,
  });
  const pdfs = new Map<string, Promise<Buffer>>();

  for (const lang of ['sv', 'en'] as const) {
    const page = `${langPrefix(lang)}/lpo/:slug/:year/${reportName(lang)}`;
    app.get(page, { schema: { hide: true } }, (request, reply) =>
      htmlReport(app, reports, request, reply, lang),
    );
    app.get(`${page}.pdf`, { schema: { hide: true } }, (request, reply) =>
      pdfReport(app, reports, pdfs, request, reply, lang),
    );
  }
}

async function htmlReport(
  app: FastifyInstance,
  reports: ReportService,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
) {
  const { slug, year } = request.params as Params;
  const key = `report:${lang}:${slug}:${year}:${app.services.promises.today()}`;
  return sendCached(request, reply, app.pageCache, key, HTML, async () => {
    const { result } = await cachedModel(app, reports, slug, year, lang);
    if (!result.ok) return notFound(lang, request.url, slug, year, result);
    return { status: 200, body: renderReportHtml(result.report) };
  });
}

async function pdfReport(
  app: FastifyInstance,
  reports: ReportService,
  pdfs: Map<string, Promise<Buffer>>,
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
) {
  const { slug, year } = request.params as Params;
  const { result, version } = await cachedModel(app, reports, slug, year, lang);
  if (!result.ok) {
    const missing = notFound(lang, request.url, slug, year, result);
    return reply.code(404).type(HTML).header('cache-control', 'no-store').send(missing.body);
  }
  const etag = `"pdf-${version.slice(1)}`;
  reply
    .header('etag', etag)
    .header('cache-control', 'public, max-age=0, must-revalidate, s-maxage=30')
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="${reportMessages(lang).fileName(slug, result.report.year)}"`,
    );
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  let pdf = pdfs.get(version);
  if (!pdf) {
    pdf = renderReportPdf(result.report);
    if (pdfs.size >= PDF_CACHE_ENTRIES) pdfs.delete(pdfs.keys().next().value ?? '');
    pdfs.set(version, pdf);
    pdf.catch(() => pdfs.delete(version));
  }
  return reply.code(200).send(await pdf);
}

/** The report page as a whole HTML document (also what `medborgarlofte report --format html` writes). */
export function renderReportHtml(report: ReportModel): string {
  return renderPage(
    {
      lang: report.lang,
      title: report.title,
      description: report.intro,
      alternatePath: reportPath(report.lang === 'sv' ? 'en' : 'sv', report.lpoSlug, report.year),
    },
    <ReportPage report={report} />,
  );
}

function modelKey(app: FastifyInstance, slug: string, year: string, lang: Lang): string {
  return `report-model:${lang}:${slug}:${year}:${app.services.promises.today()}`;
}

/** The report model and its version (the ETag of its JSON: it changes whenever any figure does). */
async function cachedModel(
  app: FastifyInstance,
  reports: ReportService,
  slug: string,
  year: string,
  lang: Lang,
): Promise<{ result: ReportResult; version: string }> {
  const page = await app.pageCache.get(modelKey(app, slug, year, lang), () =>
    renderModel(reports, slug, year, lang),
  );
  return { result: JSON.parse(page.body.toString('utf8')) as ReportResult, version: page.etag };
}

async function renderModel(
  reports: ReportService,
  slug: string,
  year: string,
  lang: Lang,
): Promise<Rendered> {
  const result: ReportResult = /^\d{4}$/.test(year)
    ? await reports.build(slug, Number(year), lang)
    : { ok: false, reason: 'no_promise', lpoName: slug, years: [] };
  return { status: result.ok ? 200 : 404, body: JSON.stringify(result) };
}

function notFound(
  lang: Lang,
  url: string,
  slug: string,
  year: string,
  result: ReportResult & { ok: false },
): Rendered {
  const t = messages(lang);
  if (result.reason === 'unknown_lpo') return notFoundPage(lang, url, t.notFoundLpo(slug));
  return notFoundPage(
    lang,
    url,
    t.notFoundYear(result.lpoName, year),
    result.years
      .map((y) => ({ href: reportPath(lang, slug, y), label: reportMessages(lang).heading(y) }))
      .concat({
        href: promisePath(lang, slug),
        label: t.lpo(result.lpoName),
      }),
  );
}
