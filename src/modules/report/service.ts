// The yearly follow-up report: built once per (LPO, year, language) from the promise's public evaluation
// and the work summaries the public pages already show, never re-derived. Both renderers (HTML, PDF)
// lay out the same model, so they say the same thing.
import { describeChanges } from '../../domain/document-diff.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import {
  describeEvaluation,
  formatDate,
  formatNumberSv,
  formatPercent,
  type Lang,
  statusLabel,
} from '../../domain/target-text.ts';
import type { Evaluation, TargetStatus } from '../../domain/targets.ts';
import { type Messages, messages } from '../../web/i18n.ts';
import type { AreasService } from '../areas/service.ts';
import { dialogueMessages } from '../dialogue/messages.ts';
import type { DialogueService, SuppressedCount } from '../dialogue/service.ts';
import type { StoredPromise } from '../promises/repo.ts';
import type { Commitment } from '../promises/schema.ts';
import type {
  CommitmentProgress,
  PromiseProgress,
  PromisesService,
  TargetProgress,
} from '../promises/service.ts';
import { progressText } from '../promises/views/promise-page.tsx';
import { type ReportMessages, reportMessages } from './messages.ts';
import type {
  DialogueSection,
  NextYearSection,
  ReportChart,
  ReportCommitment,
  ReportModel,
  ReportSummary,
  ReportTarget,
  WorkGroup,
} from './model.ts';

/** What citizens told us, aggregated by the dialogue module (small counts already suppressed). */
export type DialogueSource = Pick<DialogueService, 'summary'>;

export interface ReportDeps {
  promises: PromisesService;
  areas: AreasService;
  suppressionThreshold: number;
  /** The dialogue module's summary. */
  dialogue: DialogueSource;
}

export type ReportResult =
  | { ok: true; report: ReportModel }
  | { ok: false; reason: 'unknown_lpo'; lpos: string[] }
  | { ok: false; reason: 'no_promise'; lpoName: string; years: number[] };

export function createReportService(deps: ReportDeps) {
  const { promises, areas, suppressionThreshold: threshold } = deps;

  async function build(lpoSlug: string, year: number, lang: Lang): Promise<ReportResult> {
    const area = await areas.findPoliceArea(lpoSlug);
    if (!area) return { ok: false, reason: 'unknown_lpo', lpos: await lposWithPromises() };
    const progress = Number.isInteger(year) ? await promises.progress(lpoSlug, year) : undefined;
    if (!progress) {
      const years = (await promises.publishedYears(lpoSlug)).map((y) => y.year);
      return { ok: false, reason: 'no_promise', lpoName: area.name, years };
    }
    const today = progress.today;
    const period = yearPeriod(progress);
    const final = today > period.to;
    const r = reportMessages(lang);
    const t = messages(lang);
    const doc = progress.promise.document;
    const notices = [
      ...((await promises.hasDemoWork(area.id)) ? [t.demoNotice] : []),
      ...(progress.promise.is_demo ? [t.demoPromiseNotice] : []),
    ];
    const report: ReportModel = {
      lang,
      lpoSlug,
      lpoName: area.name,
      year: progress.promise.year,
      title: r.title(progress.promise.year, area.name),
      eyebrow: t.lpo(area.name),
      heading: r.heading(progress.promise.year),
      final,
      statusLine: final
        ? r.final(formatDate(period.from, lang), formatDate(period.to, lang))
        : r.soFar(formatDate(today, lang)),
      metaLines: [
        r.followsUp(doc.title),
        r.period(formatDate(period.from, lang), formatDate(period.to, lang)),
        r.compiled(formatDate(today, lang)),
      ],
      intro: final ? r.introFinal(progress.year) : r.introSoFar(progress.year),
      notices,
      asOf: final ? period.to : today,
      summary: summaryOf(progress, lang),
      commitmentsHeading: r.commitmentsHeading,
      commitments: progress.commitments.map((c) => commitmentOf(c, lang, t, r)),
      work: { heading: r.workHeading, groups: workGroups(progress, lang, r) },
      dialogue: await dialogueOf(area.id, period, lang),
      nextYear: await nextYearOf(lpoSlug, progress.promise, r),
      labels: {
        target: r.target,
        status: r.status,
        outcome: r.outcome,
        download: r.download,
        downloadHtml: r.downloadHtml,
        backToPromise: r.backToPromise,
        page: r.page,
      },
    };
    return { ok: true, report };
  }

  async function lposWithPromises(): Promise<string[]> {
    const all = await promises.listAll();
    const published = all.filter((p) => p.status === 'published').map((p) => p.lpoSlug);
    if (published.length > 0) return [...new Set(published)];
    return (await areas.listPoliceAreas()).map((a) => a.slug);
  }

  function summaryOf(progress: PromiseProgress, lang: Lang): ReportSummary {
    const r = reportMessages(lang);
    const rows: ReportSummary['rows'] = [];
    const counts = new Map<TargetStatus, number>();
    let hidden = 0;
    for (const c of progress.commitments) {
      for (const tp of c.targets) {
        if (tp.suppressed) hidden++;
        else counts.set(tp.evaluation.status, (counts.get(tp.evaluation.status) ?? 0) + 1);
        rows.push({
          commitment: c.commitment.title,
          target: tp.target.text,
          status: tp.suppressed ? r.hidden : statusLabel(tp.evaluation.status, lang),
          outcome: tp.suppressed ? r.suppressed(threshold) : progressText(tp.evaluation, tp.target, lang),
        });
      }
    }
    const parts = [...counts].map(([status, n]) => `${n} ${statusLabel(status, lang).toLowerCase()}`);
    if (hidden > 0) parts.push(r.hiddenCount(hidden));
    return {
      heading: r.summaryHeading,
      sentence: rows.length === 0 ? r.noTargets : `${r.targetCount(rows.length)}: ${parts.join(', ')}.`,
      caption: r.summaryCaption,
      columns: [r.commitmentColumn, r.target, r.status, r.outcome],
      rows,
    };
  }

  function commitmentOf(item: CommitmentProgress, lang: Lang, t: Messages, r: ReportMessages) {
    const c = item.commitment;
    const result: ReportCommitment = {
      key: c.key,
      title: c.title,
      paragraphs: c.text.split(/\n\n+/),
      targets: item.targets.map((tp) => targetOf(c, tp, lang, t, r)),
    };
    if (c.targets.length === 0) result.noTarget = r.noTarget;
    return result;
  }

  function targetOf(
    c: Commitment,
    tp: TargetProgress,
    lang: Lang,
    t: Messages,
    r: ReportMessages,
  ): ReportTarget {
    if (tp.suppressed) return { text: tp.target.text, suppressed: r.suppressed(threshold) };
    const ev = tp.evaluation;
    const target: ReportTarget = {
      text: tp.target.text,
      status: ev.status,
      statusLabel: statusLabel(ev.status, lang),
      outcome: progressText(ev, tp.target, lang),
      explanation: describeEvaluation(ev, tp.target, lang),
    };
    if (ev.forecast !== null && ev.status !== 'achieved' && ev.status !== 'missed') {
      const perYear = tp.target.rule !== 'milestone' && 'per' in tp.target && tp.target.per === 'year';
      target.forecast = `${perYear ? r.forecast : r.forecastPeriodEnd}: ${formatValue(ev.forecast, ev, lang)}`;
    }
    if (ev.intervalsInPeriod && tp.target.rule === 'recurring' && tp.target.every === 'week') {
      target.note = t.weeksInYear(ev.intervalsInPeriod, isoWeekOf(ev.period.from).year);
    }
    // Iceland-model cases are reported as the year's share only: a weekly series would tell about cases.
    if (c.kind !== 'iceland_model' && tp.weekly.length > 0) target.chart = chartOf(c, tp, lang, r);
    return target;
  }

  function chartOf(c: Commitment, tp: TargetProgress, lang: Lang, r: ReportMessages): ReportChart {
    const ev = tp.evaluation;
    return {
      id: `chart-${c.key}-${tp.index}`,
      title: `${c.title}: ${tp.target.metric}`,
      heading: r.weekly,
      points: tp.weekly,
      evaluation: ev,
      table: {
        caption: r.byWeek(tp.target.metric),
        columns: [r.weekColumn, r.inWeekColumn, r.atWeekEndColumn],
        rows: tp.weekly.map((p) => [
          r.weekRow(Number(p.week.slice(p.week.indexOf('W') + 1)), formatDate(p.end, lang)),
          formatNumber(p.inWeek, lang),
          formatValue(p.current, ev, lang),
        ]),
      },
    };
  }

  function workGroups(progress: PromiseProgress, lang: Lang, r: ReportMessages): WorkGroup[] {
    const groups: WorkGroup[] = [];
    for (const item of progress.commitments) {
      if (item.weekend) groups.push(weekendGroup(item, lang, r));
      if (item.safetyWalks) groups.push(walksGroup(item, lang, r));
      if (item.commitment.kind === 'iceland_model') groups.push(icelandGroup(item, lang, r));
    }
    return groups;
  }

  function weekendGroup(item: CommitmentProgress, lang: Lang, r: ReportMessages): WorkGroup {
    const w = item.weekend;
    const figures = [{ label: r.shifts, value: formatNumber(w?.shifts ?? 0, lang) }];
    const weekly = item.targets.find((tp) => tp.target.rule === 'recurring' && tp.target.every === 'week');
    if (weekly?.evaluation.intervalsInPeriod) {
      figures.push({
        label: r.staffedWeeks,
        value: r.weeksOf(weekly.evaluation.current, weekly.evaluation.intervalsInPeriod),
      });
    }
    figures.push(
      { label: r.premisesInspected, value: formatNumber(w?.premisesInspected ?? 0, lang) },
      { label: r.youthContacts, value: formatNumber(w?.youthContacts ?? 0, lang) },
    );
    return { heading: r.weekendHeading, figures, notes: [r.staffedRule] };
  }

  function walksGroup(item: CommitmentProgress, lang: Lang, r: ReportMessages): WorkGroup {
    const walks = item.safetyWalks;
    const fixed = walks?.fixed ?? 0;
    // As on the promise page: a median of a handful of fixes says more about single places than the work.
    const median = fixed >= threshold ? (walks?.medianDaysToFix ?? null) : null;
    const figures = [
      { label: r.walksDone, value: formatNumber(walks?.done ?? 0, lang) },
      { label: r.observations, value: formatNumber(walks?.observations ?? 0, lang) },
      { label: r.fixed, value: formatNumber(fixed, lang) },
    ];
    if (median !== null) figures.push({ label: r.medianDaysToFix, value: r.days(median) });
    const notes = median === null ? [r.medianSuppressed(threshold), r.countsOnly] : [r.countsOnly];
    return { heading: r.walksHeading, figures, notes };
  }

  function icelandGroup(item: CommitmentProgress, lang: Lang, r: ReportMessages): WorkGroup {
    const share = item.targets.find((tp) => tp.evaluation.unit === 'percent');
    if (!share || share.suppressed) {
      return { heading: r.icelandHeading, figures: [], notes: [r.suppressed(threshold), r.icelandNote] };
    }
    const ev = share.evaluation;
    return {
      heading: r.icelandHeading,
      figures: [{ label: r.icelandShare, value: r.shareOf(formatPercent(ev.current, lang), ev.cases ?? 0) }],
      notes: [r.icelandNote],
    };
  }

  async function dialogueOf(
    policeAreaId: number,
    period: { from: string; to: string },
    lang: Lang,
  ): Promise<DialogueSection> {
    const r = reportMessages(lang);
    const m = dialogueMessages(lang);
    const summary = await deps.dialogue.summary(policeAreaId, period, threshold);
    // Under the threshold in all (none at all included): every list would only say "fewer than 5".
    if (summary.total.value === null) {
      return {
        heading: r.dialogueHeading,
        available: false,
        paragraphs: [`${m.total}: ${m.fewer(threshold)}.`, m.suppressionNote(threshold)],
        lists: [],
      };
    }
    const show = (count: SuppressedCount) =>
      count.value === null ? m.fewer(threshold) : formatNumber(count.value, lang);
    return {
      heading: r.dialogueHeading,
      available: true,
      paragraphs: [
        ...(summary.demo ? [m.demoNotice] : []),
        `${m.total}: ${show(summary.total)}.`,
        m.suppressionNote(threshold),
      ],
      lists: [
        {
          caption: `${m.byCategory}. ${m.byCategoryNote}`,
          items: summary.byCategory
            .filter((c) => c.count.value !== 0)
            .map((c) => ({ label: m.categories[c.category], value: show(c.count) })),
        },
        {
          // Only districts with a shown count: a column of "färre än 5" says little in a report.
          caption: summary.byDistrict.some((d) => d.count.suppressed)
            ? `${m.byDistrictMap}. ${r.fewerLeftOut(threshold)}`
            : m.byDistrictMap,
          items: summary.byDistrict
            .filter((d) => d.count.value !== null && d.count.value > 0)
            .map((d) => ({ label: d.name, value: show(d.count) })),
        },
      ].filter((list) => list.items.length > 0),
    };
  }

  async function nextYearOf(
    lpoSlug: string,
    current: StoredPromise,
    r: ReportMessages,
  ): Promise<NextYearSection> {
    const nextYear = current.year + 1;
    // Only a published promise: a draft is the lead's work in progress, not something to show the public.
    const next = (await promises.allYears(lpoSlug)).find(
      (p) => p.year === nextYear && p.status === 'published',
    );
    const heading = r.nextHeading(nextYear);
    if (!next) return { heading, paragraphs: [r.noNext(nextYear)], changes: [] };
    const changes = commitmentChanges(current.document.commitments, next.document.commitments, r);
    return {
      heading,
      paragraphs: [r.nextPublished(nextYear), ...(changes.length === 0 ? [r.sameCommitments] : [])],
      changes,
    };
  }

  return { build };
}

export type ReportService = ReturnType<typeof createReportService>;

/** The calendar year evaluated, within the promise's validity. */
function yearPeriod(progress: PromiseProgress): { from: string; to: string } {
  const from = `${progress.year}-01-01`;
  const to = `${progress.year}-12-31`;
  const { valid_from: validFrom, valid_to: validTo } = progress.promise;
  return { from: validFrom > from ? validFrom : from, to: validTo < to ? validTo : to };
}

/** Sentences on how next year's commitments differ: by key, as the promise editor's history matches them. */
export function commitmentChanges(before: Commitment[], after: Commitment[], r: ReportMessages): string[] {
  const old = new Map(before.map((c) => [c.key, c]));
  const lines: string[] = [];
  for (const c of after) {
    const was = old.get(c.key);
    if (!was) {
      lines.push(r.added(c.title));
      continue;
    }
    if (was.title !== c.title) lines.push(r.renamed(was.title, c.title));
    if (was.text !== c.text) lines.push(r.textChanged(c.title));
    const count = Math.max(was.targets.length, c.targets.length);
    for (let i = 0; i < count; i++) {
      const a = was.targets[i];
      const b = c.targets[i];
      if (a && !b) lines.push(r.targetRemoved(c.title, a.text));
      else if (!a && b) lines.push(r.targetAdded(c.title, b.text));
      else if (a && b && a.text !== b.text) lines.push(r.targetChanged(c.title, a.text, b.text));
      else if (a && b) {
        const terms = describeChanges(a, b);
        if (terms.length > 0) lines.push(r.targetTerms(c.title, terms.join('; ')));
      }
    }
  }
  const kept = new Set(after.map((c) => c.key));
  for (const c of before) if (!kept.has(c.key)) lines.push(r.removed(c.title));
  return lines;
}

function formatNumber(n: number, lang: Lang): string {
  return lang === 'sv' ? formatNumberSv(n) : String(n);
}

function formatValue(value: number, ev: Evaluation, lang: Lang): string {
  return ev.unit === 'percent' ? formatPercent(value, lang) : formatNumber(Math.round(value), lang);
}
