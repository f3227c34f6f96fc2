import { WeeklyChart, WeeklyTable } from '../../../web/components/weekly-chart.tsx';
import { type Lang, messages } from '../../../web/i18n.ts';
import type { UpdateView } from '../../updates/service.ts';
import { type FollowOptions, FollowSection, NewsSection } from '../../updates/views/public.tsx';
import type { CommitmentProgress } from '../service.ts';
import { DOC_LANG, promisePath, SafetyWalksWork, TargetSummary } from './promise-page.tsx';

export interface CommitmentPageData {
  lang: Lang;
  lpoName: string;
  lpoSlug: string;
  year: number;
  promiseTitle: string;
  item: CommitmentProgress;
  suppressionThreshold: number;
  demoWork: boolean;
  /** Updates tied to this commitment and how to follow it (feeds, e-mail). */
  news: { updates: UpdateView[]; follow: FollowOptions };
}

export function CommitmentPage(data: CommitmentPageData) {
  const { lang, item } = data;
  const t = messages(lang);
  return (
    <>
      <p class="eyebrow">
        <a href={promisePath(lang, data.lpoSlug, data.year)} lang={DOC_LANG}>
          {data.promiseTitle}
        </a>
      </p>
      <h1 lang={DOC_LANG}>{item.commitment.title}</h1>
      {data.demoWork ? (
        <p class="notice" role="note">
          {t.demoNotice}
        </p>
      ) : null}
      <p lang={DOC_LANG}>{item.commitment.text}</p>
      {item.targets.map((tp) => (
        <section key={tp.index} aria-labelledby={`target-${tp.index}`}>
          <h2 id={`target-${tp.index}`}>
            {t.target}
            {item.targets.length > 1 ? ` ${tp.index + 1}` : ''}: {tp.target.metric}
          </h2>
          <TargetSummary lang={lang} tp={tp} threshold={data.suppressionThreshold} />
          {tp.suppressed || tp.weekly.length === 0 ? null : (
            <>
              <h3>{t.weeklyHeading}</h3>
              <WeeklyChart
                points={tp.weekly}
                evaluation={tp.evaluation}
                lang={lang}
                title={`${item.commitment.title}: ${tp.target.metric}`}
                id={`chart-${tp.index}`}
              />
              <h3>{t.tableHeading}</h3>
              <WeeklyTable
                points={tp.weekly}
                evaluation={tp.evaluation}
                lang={lang}
                title={tp.target.metric}
                id={`table-${tp.index}`}
              />
            </>
          )}
        </section>
      ))}
      {item.commitment.kind === 'safety_walks' && item.safetyWalks ? (
        <SafetyWalksWork
          lang={lang}
          walks={item.safetyWalks}
          year={data.year}
          threshold={data.suppressionThreshold}
          level={2}
        />
      ) : null}
      <NewsSection lang={lang} lpoSlug={data.lpoSlug} updates={data.news.updates} heading="commitment" />
      <FollowSection lang={lang} follow={data.news.follow} />
      <p>
        <a href={promisePath(lang, data.lpoSlug, data.year)}>{t.backToPromise}</a>
      </p>
    </>
  );
}
