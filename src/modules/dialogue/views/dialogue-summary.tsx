// What residents have said, aggregated: by category (a bar chart and its table), by district, by weekday
// and time of day, and approved texts. Counts under the threshold show as "färre än 5", never as numbers.
// Used on the results page and in the public situation picture.
import { scaleLinear } from 'd3-scale';
import { formatNumber } from '../../../domain/target-text.ts';
import type { Lang } from '../../../web/i18n.ts';
import { dialogueMessages } from '../messages.ts';
import { TIME_BANDS, WEEKDAYS } from '../model.ts';
import type { DialogueSummary as Summary, SuppressedCount } from '../service.ts';
import { formatMonth } from './format.ts';

// About the width of a phone, so the chart's text is drawn near its real size there.
const CHART_WIDTH = 360;
/** Room after the longest bar for its count ("färre än 5"). */
const VALUE_WIDTH = 90;
const ROW = 50;
const BAR = 18;

export function DialogueSummary(props: {
  lang: Lang;
  summary: Summary;
  /** Level of the section headings: 2 on a page of its own, 3 inside another page's section. */
  level?: 2 | 3;
  /** Prefix for element ids, so the component can appear twice on a page. */
  idPrefix?: string;
}) {
  const { lang, summary } = props;
  const m = dialogueMessages(lang);
  const H = props.level === 3 ? 'h3' : 'h2';
  const id = (name: string) => `${props.idPrefix ?? 'dialogue'}-${name}`;
  const show = (count: SuppressedCount) => showCount(count, summary.threshold, lang);
  return (
    <div class="dialogue-summary">
      {summary.demo ? <p class="notice">{m.demoNotice}</p> : null}
      <p class="dialogue-total">
        {m.total}: <strong>{show(summary.total)}</strong>
      </p>
      <p class="meta">{m.suppressionNote(summary.threshold)}</p>
      {summary.total.value === null ? (
        <p>{m.tooFew(summary.threshold)}</p>
      ) : (
        <>
          <section aria-labelledby={id('categories')}>
            <H id={id('categories')}>{m.byCategory}</H>
            <p class="meta">{m.byCategoryNote}</p>
            <CategoryChart lang={lang} summary={summary} />
            <div class="table-scroll">
              <table>
                <caption>{m.byCategory}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.category}</th>
                    <th scope="col">{m.count}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byCategory.map((c) => (
                    <tr key={c.category}>
                      <th scope="row">{m.categories[c.category]}</th>
                      <td>{show(c.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby={id('districts')}>
            <H id={id('districts')}>{m.byDistrict}</H>
            <div class="table-scroll">
              <table>
                <caption>{m.byDistrictMap}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.district}</th>
                    <th scope="col">{m.count}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byDistrict.map((d) => (
                    <tr key={d.slug}>
                      <th scope="row" lang={lang === 'sv' ? undefined : 'sv'}>
                        {d.name}
                      </th>
                      <td>{show(d.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby={id('when')}>
            <H id={id('when')}>{m.byWhen}</H>
            <WhenTable lang={lang} summary={summary} idPrefix={props.idPrefix ?? 'dialogue'} />
          </section>
        </>
      )}
      <section aria-labelledby={id('quotes')}>
        <H id={id('quotes')}>{m.quotes}</H>
        <p class="meta">{m.quotesNote}</p>
        {summary.quotes.length === 0 ? (
          <p>{m.noQuotes}</p>
        ) : (
          <ul class="dialogue-quotes">
            {summary.quotes.map((q) => (
              <li key={`${q.submittedAt.toISOString()}:${q.text}`}>
                <blockquote lang="sv">
                  {q.text.split(/\n+/).map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </blockquote>
                <p class="meta">{m.quoteFrom(q.district, q.place, formatMonth(q.submittedAt, lang))}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function showCount(count: SuppressedCount, threshold: number, lang: Lang): string {
  return count.value === null ? dialogueMessages(lang).fewer(threshold) : formatNumber(count.value, lang);
}

/**
 * Horizontal bars, one per category, each under its label so the chart stays readable on a phone; a
 * suppressed count has no bar, only its words.
 */
function CategoryChart({ lang, summary }: { lang: Lang; summary: Summary }) {
  const m = dialogueMessages(lang);
  const max = Math.max(1, ...summary.byCategory.map((c) => c.count.value ?? 0));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, CHART_WIDTH - VALUE_WIDTH]);
  const height = summary.byCategory.length * ROW;
  return (
    <svg
      class="dialogue-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-label={m.chart(m.byCategory)}
    >
      {summary.byCategory.map((c, i) => {
        const y = i * ROW;
        const width = Math.round(c.count.value === null ? 0 : x(c.count.value));
        return (
          <g key={c.category}>
            <text x="0" y={y + 16}>
              {m.categories[c.category]}
            </text>
            <rect class="dialogue-bar" x="0" y={y + 22} width={width} height={BAR} />
            <text x={width + 6} y={y + 22 + BAR / 2} dy="0.35em">
              {showCount(c.count, summary.threshold, lang)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Weekday (and "varies") down, time of day across. */
function WhenTable({ lang, summary, idPrefix }: { lang: Lang; summary: Summary; idPrefix: string }) {
  const m = dialogueMessages(lang);
  const cell = (weekday: number | null, band: string) =>
    summary.byWhen.find((w) => w.weekday === weekday && w.timeBand === band)?.count ?? {
      value: 0,
      suppressed: false,
    };
  const rows: { weekday: number | null; label: string }[] = [
    ...WEEKDAYS.map((day) => ({ weekday: day, label: m.weekdays[day - 1] ?? '' })),
    { weekday: null, label: m.varies },
  ];
  return (
    // A scrolling region takes focus, so a keyboard can scroll it where six columns do not fit.
    <section class="table-scroll" tabindex={0} aria-labelledby={`${idPrefix}-when-caption`}>
      <table class="dialogue-when">
        <caption id={`${idPrefix}-when-caption`}>{m.byWhenCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.weekdayHeader}</th>
            {TIME_BANDS.map((band) => (
              <th key={band} scope="col">
                {m.timeBandsShort[band]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {TIME_BANDS.map((band) => (
                <td key={band}>{showCompact(cell(row.weekday, band), summary.threshold, lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** In the narrow weekday table "<5" with the full words for screen readers. */
function showCompact(count: SuppressedCount, threshold: number, lang: Lang) {
  if (count.value !== null) return formatNumber(count.value, lang);
  return (
    <>
      <span aria-hidden="true">&lt;{threshold}</span>
      <span class="visually-hidden">{dialogueMessages(lang).fewer(threshold)}</span>
    </>
  );
}
