import { isoWeekOf, stockholmDate } from '../../../domain/iso-week.ts';
import type { Target } from '../../../domain/target-schema.ts';
import {
  describeEvaluation,
  formatDate,
  formatNumberSv,
  formatPercent,
  statusLabel,
} from '../../../domain/target-text.ts';
import type { Evaluation } from '../../../domain/targets.ts';
import { type Lang, langPrefix, type Messages, messages } from '../../../web/i18n.ts';
import type { AreaDistrict } from '../../areas/repo.ts';
import { TellUsLink } from '../../dialogue/views/tell-us-link.tsx';
import { ReportLinks } from '../../report/views/report-links.tsx';
import { walkMessages } from '../../safetywalks/messages.ts';
import type { SafetyWalkSummary } from '../../safetywalks/service.ts';
import { SituationLink } from '../../situation/views/situation-link.tsx';
import type { UpdateView } from '../../updates/service.ts';
import { ChannelsNote, type FollowOptions, FollowParts, NewsSection } from '../../updates/views/public.tsx';
import type { CommitmentProgress, PromiseProgress, TargetProgress } from '../service.ts';

/** Promise documents are written in Swedish; English pages mark them so screen readers switch voice. */
export const DOC_LANG = 'sv';

export interface PromisePageData {
  lang: Lang;
  lpoName: string;
  lpoSlug: string;
  progress: PromiseProgress;
  districts: AreaDistrict[];
  years: { year: number; title: string; isDemo: boolean }[];
  suppressionThreshold: number;
  /** True when any work shown is generated demo data. */
  demoWork: boolean;
  /** Published changes after the first publication, newest first (no names: staff are not named publicly). */
  changes: { changedAt: Date; lines: string[] }[];
  /** The LPO's latest updates and how to follow them (feeds, e-mail). */
  news: { updates: UpdateView[]; follow: FollowOptions };
}

export function promisePath(lang: Lang, lpoSlug: string, year?: number, commitmentKey?: string): string {
  const parts = [langPrefix(lang), 'lpo', lpoSlug, year, commitmentKey].filter(
    (p) => p !== undefined && p !== '',
  );
  return `/${parts.join('/').replace(/^\//, '')}`;
}

export function PromisePage(data: PromisePageData) {
  const { lang, progress } = data;
  const t = messages(lang);
  const doc = progress.promise.document;
  return (
    <>
      <p class="eyebrow">{t.lpo(data.lpoName)}</p>
      <h1 lang={DOC_LANG}>{doc.title}</h1>
      {data.demoWork ? <DemoNotice text={t.demoNotice} /> : null}
      {progress.promise.is_demo ? <DemoNotice text={t.demoPromiseNotice} /> : null}
      <p class="meta">
        {t.validity}: {formatDate(doc.validFrom, lang)} – {formatDate(doc.validTo, lang)}
      </p>
      <ReportLinks lang={lang} lpoSlug={data.lpoSlug} year={progress.promise.year} />
      <div class="lead" lang={DOC_LANG}>
        {doc.introduction.split(/\n\n+/).map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <Districts districts={data.districts} t={t} />
      {doc.situation ? (
        <section aria-labelledby="situation-heading">
          <h2 id="situation-heading">{t.situation}</h2>
          <p lang={DOC_LANG}>{doc.situation}</p>
          {doc.problems && doc.problems.length > 0 ? (
            <>
              <h3>{t.problems}</h3>
              <ul>
                {doc.problems.map((problem) => (
                  <li key={problem} lang={DOC_LANG}>
                    {problem}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <SituationLink lang={lang} lpoSlug={data.lpoSlug} />
      <TellUsLink lang={lang} lpoSlug={data.lpoSlug} />
      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">{t.commitments}</h2>
        {progress.commitments.map((c) => (
          <CommitmentCard key={c.commitment.key} data={data} item={c} />
        ))}
      </section>
      {doc.partners.length > 0 ? (
        <section aria-labelledby="partners-heading">
          <h2 id="partners-heading">{t.partners}</h2>
          <ul>
            {doc.partners.map((p) => (
              <li key={p.name} lang={DOC_LANG}>
                {p.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <NewsSection lang={lang} lpoSlug={data.lpoSlug} updates={data.news.updates} heading="lpo" />
      <section aria-labelledby="follow-heading">
        <h2 id="follow-heading">{t.followUp}</h2>
        <p>{t.followUpIntro}</p>
        {/* Plain links only: no embedded posts, widgets or scripts from the social networks. */}
        <ul>
          {doc.followUpChannels.map((channel) => (
            <li key={channel.label} lang={DOC_LANG}>
              {channel.url ? (
                <a href={channel.url} rel="noopener noreferrer">
                  {channel.label}
                </a>
              ) : (
                channel.label
              )}
            </li>
          ))}
        </ul>
        <ChannelsNote lang={lang} />
        <FollowParts lang={lang} follow={data.news.follow} level={3} />
      </section>
      {doc.footnotes && doc.footnotes.length > 0 ? (
        <aside aria-labelledby="footnotes-heading" class="footnotes">
          <h2 id="footnotes-heading">{t.footnotes}</h2>
          {doc.footnotes.map((note) => (
            <p key={note} lang={DOC_LANG}>
              * {note}
            </p>
          ))}
        </aside>
      ) : null}
      <YearNav data={data} />
      <ChangeHistory lang={lang} changes={data.changes} />
    </>
  );
}

function ChangeHistory({ lang, changes }: { lang: Lang; changes: PromisePageData['changes'] }) {
  const t = messages(lang);
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t.changeHistory}</h2>
      <ul>
        {changes.map((c) => (
          <li key={c.changedAt.toISOString()}>
            {formatDate(stockholmDate(c.changedAt), lang)}: {c.lines.join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DemoNotice({ text }: { text: string }) {
  return (
    <p class="notice" role="note">
      {text}
    </p>
  );
}

function Districts({ districts, t }: { districts: AreaDistrict[]; t: Messages }) {
  if (districts.length === 0) return null;
  const byArea = new Map<string, AreaDistrict[]>();
  for (const d of districts)
    byArea.set(d.districtArea ?? '', [...(byArea.get(d.districtArea ?? '') ?? []), d]);
  const anyProbable = districts.some((d) => d.confidence === 'probable');
  return (
    <details class="districts">
      <summary>
        {t.coversDistricts}: {[...byArea.keys()].filter(Boolean).join(', ')}
      </summary>
      <dl>
        {[...byArea].map(([area, list]) => (
          <div key={area}>
            <dt>{area}</dt>
            <dd>{list.map((d) => `${d.name}${d.confidence === 'probable' ? ' *' : ''}`).join(', ')}</dd>
          </div>
        ))}
      </dl>
      {anyProbable ? <p class="meta">{t.districtsConfidenceNote}</p> : null}
    </details>
  );
}

function CommitmentCard({ data, item }: { data: PromisePageData; item: CommitmentProgress }) {
  const { lang } = data;
  const t = messages(lang);
  const { commitment } = item;
  const headingId = `c-${commitment.key}`;
  return (
    <article class="commitment" aria-labelledby={headingId}>
      <h3 id={headingId} lang={DOC_LANG}>
        {commitment.title}
      </h3>
      <p lang={DOC_LANG}>{commitment.text}</p>
      {item.targets.length === 0 ? (
        <p class="no-target">
          <strong>{t.noTarget}.</strong> {commitment.unmeasuredText ? `”${commitment.unmeasuredText}”. ` : ''}
          {t.noTargetText}
        </p>
      ) : (
        item.targets.map((tp) => (
          <TargetSummary key={tp.index} lang={lang} tp={tp} threshold={data.suppressionThreshold} />
        ))
      )}
      {commitment.kind === 'weekend_operation' ? <WeekendNote data={data} item={item} /> : null}
      {commitment.kind === 'safety_walks' && item.safetyWalks ? (
        <SafetyWalksWork
          lang={lang}
          walks={item.safetyWalks}
          year={data.progress.year}
          threshold={data.suppressionThreshold}
          level={4}
        />
      ) : null}
      {commitment.kind === 'iceland_model' ? <p class="meta">{t.icelandPublicNote}</p> : null}
      {item.targets.length > 0 ? (
        <p>
          <a href={promisePath(lang, data.lpoSlug, data.progress.promise.year, commitment.key)}>
            {t.details}
            <span class="visually-hidden">: {commitment.title}</span>
          </a>
        </p>
      ) : null}
    </article>
  );
}

export function TargetSummary({
  lang,
  tp,
  threshold,
}: {
  lang: Lang;
  tp: TargetProgress;
  threshold: number;
}) {
  const t = messages(lang);
  const ev = tp.evaluation;
  return (
    <div class="target">
      <p class="target-text">
        <strong>{t.target}:</strong> <span lang={DOC_LANG}>{tp.target.text}</span>
        {tp.target.area ? ` (${tp.target.area})` : ''}
      </p>
      {tp.suppressed ? (
        <p class="suppressed">{t.suppressed(threshold)}</p>
      ) : (
        <>
          <p class="progress-line">
            <span class={`status status-${ev.status}`}>{statusLabel(ev.status, lang)}</span>{' '}
            <span>{progressText(ev, tp.target, lang)}</span>
          </p>
          <progress
            max={1}
            value={Math.min(1, ev.fraction)}
            aria-label={`${t.progress}: ${progressText(ev, tp.target, lang)}`}
          >
            {formatPercent(ev.fraction * 100, lang)}
          </progress>
          <p>{describeEvaluation(ev, tp.target, lang)}</p>
          {ev.forecast !== null && ev.status !== 'achieved' && ev.status !== 'missed' ? (
            <p class="meta">
              {tp.target.rule !== 'milestone' && 'per' in tp.target && tp.target.per === 'year'
                ? t.forecast
                : t.forecastPeriodEnd}
              : {formatValue(ev.forecast, ev, lang)}
            </p>
          ) : null}
          {ev.intervalsInPeriod && tp.target.rule === 'recurring' && tp.target.every === 'week' ? (
            <p class="meta">{t.weeksInYear(ev.intervalsInPeriod, isoWeekOf(ev.period.from).year)}</p>
          ) : null}
        </>
      )}
    </div>
  );
}

/** "30 av 40 veckor", "2 av 3", "100 % (av 21 ärenden)". */
export function progressText(ev: Evaluation, target: Target, lang: Lang): string {
  const of = lang === 'sv' ? 'av' : 'of';
  switch (ev.unit) {
    case 'percent':
      return `${formatPercent(ev.current, lang)} ${lang === 'sv' ? 'hittills' : 'so far'} (${of} ${formatNumber(ev.cases ?? 0, lang)} ${lang === 'sv' ? 'ärenden' : 'cases'}; ${lang === 'sv' ? 'mål' : 'target'} ${formatPercent(ev.goal, lang)})`;
    case 'done':
      return ev.current >= 1
        ? lang === 'sv'
          ? 'Klart'
          : 'Done'
        : lang === 'sv'
          ? 'Inte klart än'
          : 'Not done yet';
    case 'intervals':
      return `${formatNumber(ev.current, lang)} ${of} ${formatNumber(ev.goal, lang)} ${intervalWord(target, ev.goal, lang)}`;
    case 'count':
      return `${formatNumber(ev.current, lang)} ${of} ${formatNumber(ev.goal, lang)} ${target.metric}`;
  }
}

function intervalWord(target: Target, n: number, lang: Lang): string {
  const month = target.rule === 'recurring' && target.every === 'month';
  if (lang === 'sv') return month ? (n === 1 ? 'månad' : 'månader') : n === 1 ? 'vecka' : 'veckor';
  return month ? (n === 1 ? 'month' : 'months') : n === 1 ? 'week' : 'weeks';
}

function formatNumber(n: number, lang: Lang): string {
  return lang === 'sv' ? formatNumberSv(n) : String(n);
}

function formatValue(value: number, ev: Evaluation, lang: Lang): string {
  return ev.unit === 'percent' ? formatPercent(value, lang) : formatNumber(Math.round(value), lang);
}

function WeekendNote({ data, item }: { data: PromisePageData; item: CommitmentProgress }) {
  const t = messages(data.lang);
  const w = item.weekend;
  return (
    <>
      <p class="meta">{t.staffedRule}</p>
      {w ? (
        <>
          <h4>{t.workThisYear(data.progress.year)}</h4>
          <dl class="figures">
            <div>
              <dt>{t.shifts}</dt>
              <dd>{formatNumber(w.shifts, data.lang)}</dd>
            </div>
            <div>
              <dt>{t.premisesInspected}</dt>
              <dd>{formatNumber(w.premisesInspected, data.lang)}</dd>
            </div>
            <div>
              <dt>{t.youthContacts}</dt>
              <dd>{formatNumber(w.youthContacts, data.lang)}</dd>
            </div>
          </dl>
          <h4>{t.latestShifts}</h4>
          <ul class="recent">
            {w.recent.map((s) => (
              <li key={`${s.date}-${s.places.join()}`}>
                {formatDate(s.date, data.lang)}: {s.officers} {t.officers} – {s.places.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * Safety walks in figures: walks held, observations, how many the owners fixed and how fast. Only counts:
 * what an observation says may describe places and people. The median needs enough fixed observations.
 */
export function SafetyWalksWork({
  lang,
  walks,
  year,
  threshold,
  level,
}: {
  lang: Lang;
  walks: SafetyWalkSummary;
  year: number;
  threshold: number;
  /** Heading level: 4 inside a commitment card, 2 on the commitment's own page. */
  level: 2 | 4;
}) {
  const t = messages(lang);
  const w = walkMessages(lang);
  const Heading = level === 2 ? 'h2' : 'h4';
  const median = walks.fixed >= threshold ? walks.medianDaysToFix : null;
  return (
    <>
      <Heading>{t.workThisYear(year)}</Heading>
      <dl class="figures">
        <div>
          <dt>{t.walksDone}</dt>
          <dd>{formatNumber(walks.done, lang)}</dd>
        </div>
        <div>
          <dt>{t.walksPlanned}</dt>
          <dd>{formatNumber(walks.planned, lang)}</dd>
        </div>
        <div>
          <dt>{t.observations}</dt>
          <dd>{formatNumber(walks.observations, lang)}</dd>
        </div>
        <div>
          <dt>{w.fixedObservations}</dt>
          <dd>{formatNumber(walks.fixed, lang)}</dd>
        </div>
        {median !== null ? (
          <div>
            <dt>{w.medianDaysToFix}</dt>
            <dd>{w.days(median)}</dd>
          </div>
        ) : null}
      </dl>
      <p class="meta">
        {median === null ? `${w.medianSuppressed(threshold)} ` : ''}
        {w.countsOnly}
      </p>
      {walks.recent.length > 0 ? (
        <>
          <Heading>{t.lately}</Heading>
          <ul class="recent">
            {walks.recent.map((r) => (
              <li key={`${r.date}-${r.district}`}>
                {formatDate(r.date, lang)}
                {r.district ? `, ${r.district}` : ''} – {r.status === 'done' ? t.done : t.planned}
                {r.status === 'done' ? ` (${t.observationCount(r.observations)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function YearNav({ data }: { data: PromisePageData }) {
  const t = messages(data.lang);
  if (data.years.length < 2) return null;
  return (
    <nav aria-labelledby="years-heading" class="years">
      <h2 id="years-heading">{t.earlierYears}</h2>
      <ul>
        {data.years.map((y) => (
          <li key={y.year}>
            {y.year === data.progress.promise.year ? (
              <span aria-current="page">{y.year}</span>
            ) : (
              <a href={promisePath(data.lang, data.lpoSlug, y.year)}>{y.year}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
