// A target's progress week by week: an SVG drawn on the server (no client JS) and the same figures as a
// table. The SVG uses presentation attributes only, since the CSP forbids inline styles; class names let
// the stylesheet adjust it (e.g. for print).
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { addDays, daysBetween, isoWeekKey, weekday } from '../../domain/iso-week.ts';
import { formatNumberSv, formatPercent } from '../../domain/target-text.ts';
import type { Evaluation } from '../../domain/targets.ts';
import type { WeekPoint } from '../../domain/weekly-series.ts';

type Lang = 'sv' | 'en';

export interface WeeklyChartProps {
  points: WeekPoint[];
  evaluation: Evaluation;
  lang: Lang;
  title: string;
  /** Prefix for the ids that tie the SVG to its title and description. */
  id: string;
}

// All colours have >= 3:1 contrast against white (text >= 4.5:1); meaning never rests on colour alone:
// the pace line is dashed, the goal is labelled, and weeks without any have (near) no bar.
const COLOR = {
  text: '#1f2937',
  axis: '#6b7280',
  strong: '#1d4ed8',
  muted: '#8c8c8c',
  pace: '#6b7280',
  goal: '#b45309',
} as const;

const WIDTH = 640;
const LEFT = 44;
const RIGHT = WIDTH - 76;
const PLOT_TOP = 32;
const PLOT_BOTTOM = 200;
const MONTH_Y = 216;
const STRIP_LABEL_Y = 238;
const STRIP_TOP = 244;
const STRIP_BOTTOM = 268;

const MONTHS: Record<Lang, readonly string[]> = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const TEXT = {
  sv: {
    soFar: 'Hittills',
    pace: 'Takt för målet',
    goal: 'Mål',
    perWeek: 'Antal per vecka',
    week: 'Vecka, sista dag',
    inWeek: 'Under veckan',
    byWeek: 'vecka för vecka',
    weekShort: 'v.',
  },
  en: {
    soFar: 'So far',
    pace: 'Pace for the target',
    goal: 'Target',
    perWeek: 'Number per week',
    week: 'Week, last day',
    inWeek: 'In the week',
    byWeek: 'week by week',
    weekShort: 'wk',
  },
} as const;

export function WeeklyChart({ points, evaluation, lang, title, id }: WeeklyChartProps) {
  const t = TEXT[lang];
  const { period, goal, unit } = evaluation;
  const weeks = weeksOf(period.from, period.to);
  const keys = weeks.map((w) => w.key);
  const withBars = unit === 'intervals';
  const height = (withBars ? STRIP_BOTTOM : MONTH_Y) + 10;

  const x = scaleBand<string>().domain(keys).range([LEFT, RIGHT]);
  const bw = x.bandwidth();
  // Values are as of a week's last day, so they sit at the band's right edge, where the pace line agrees.
  const weekEnd = (key: string): number => round((x(key) ?? LEFT) + bw);

  const top = unit === 'percent' ? 100 : Math.max(goal, 1, ...points.map((p) => p.current));
  const scaleY = scaleLinear().domain([0, top]).nice().range([PLOT_BOTTOM, PLOT_TOP]);
  const y = (v: number): number => round(scaleY(v));
  // Counts and weeks are whole numbers; a tick at 2.5 would only confuse.
  const yTicks = scaleY.ticks(4).filter((v) => unit === 'percent' || Number.isInteger(v));
  const fmt = (n: number): string => (unit === 'percent' ? formatPercent(n, lang) : formatNumber(n, lang));

  const path = line().digits(1);
  const cumulative: [number, number][] = points
    .filter((p) => keys.includes(p.week))
    .map((p) => [weekEnd(p.week), y(p.current)]);
  // A running total starts from nothing at the period start; a percent has no such origin.
  if (unit !== 'percent' && cumulative.length > 0) cumulative.unshift([LEFT, y(0)]);
  // Even progress from nothing to the goal; a percent should hold at the goal the whole period.
  const pace: [number, number][] = [
    [LEFT, y(unit === 'percent' ? goal : 0)],
    [RIGHT, y(goal)],
  ];
  const last = cumulative[cumulative.length - 1];

  const maxInWeek = Math.max(1, ...points.map((p) => p.inWeek));
  const stripHeight = STRIP_BOTTOM - STRIP_TOP;

  return (
    <svg
      class="weekly-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      font-family="system-ui, sans-serif"
      font-size="12"
      fill={COLOR.text}
      data-weeks={keys.length}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary(points, evaluation, weeks.length, lang)}</desc>

      <g class="weekly-chart__legend">
        <line x1={LEFT} x2={LEFT + 24} y1={12} y2={12} stroke={COLOR.strong} stroke-width="2.5" />
        <text x={LEFT + 30} y={16}>
          {t.soFar}
        </text>
        <line
          x1={LEFT + 110}
          x2={LEFT + 134}
          y1={12}
          y2={12}
          stroke={COLOR.pace}
          stroke-width="2"
          stroke-dasharray="6 4"
        />
        <text x={LEFT + 140} y={16}>
          {t.pace}
        </text>
      </g>

      <g class="weekly-chart__y-axis">
        <line x1={LEFT} x2={LEFT} y1={PLOT_TOP} y2={PLOT_BOTTOM} stroke={COLOR.axis} />
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={LEFT - 4} x2={LEFT} y1={y(v)} y2={y(v)} stroke={COLOR.axis} />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end">
              {fmt(v)}
            </text>
          </g>
        ))}
      </g>

      <g class="weekly-chart__x-axis">
        <line x1={LEFT} x2={RIGHT} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} stroke={COLOR.axis} />
        {monthTicks(period.from, period.to).map(({ date, month }) => {
          const at = round((x(isoWeekKey(date)) ?? LEFT) + bw / 2);
          return (
            <g key={date}>
              <line x1={at} x2={at} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM + 4} stroke={COLOR.axis} />
              <text x={at} y={MONTH_Y} text-anchor="middle">
                {MONTHS[lang][month - 1]}
              </text>
            </g>
          );
        })}
      </g>

      <path
        class="weekly-chart__pace"
        d={path(pace) ?? ''}
        fill="none"
        stroke={COLOR.pace}
        stroke-width="2"
        stroke-dasharray="6 4"
      />

      <g class="weekly-chart__goal">
        <line x1={RIGHT} x2={RIGHT + 8} y1={y(goal)} y2={y(goal)} stroke={COLOR.goal} stroke-width="2.5" />
        {/* Word and value on two lines, so "Target 5,000" fits in the margin. */}
        <text x={RIGHT + 11} y={y(goal) - 3} fill={COLOR.goal} font-weight="bold">
          {t.goal}
          <tspan x={RIGHT + 11} dy="14">
            {fmt(goal)}
          </tspan>
        </text>
      </g>

      {cumulative.length > 0 && (
        <path
          class="weekly-chart__current"
          d={path(cumulative) ?? ''}
          fill="none"
          stroke={COLOR.strong}
          stroke-width="2.5"
          stroke-linejoin="round"
        />
      )}
      {last && <circle class="weekly-chart__now" cx={last[0]} cy={last[1]} r="3.5" fill={COLOR.strong} />}

      {withBars && (
        <g class="weekly-chart__bars">
          <text x={LEFT} y={STRIP_LABEL_Y}>
            {t.perWeek}
          </text>
          {points
            .filter((p) => keys.includes(p.week))
            .map((p) => {
              const met = p.inWeek >= 1;
              // A week without any keeps a thin stub, so it reads as "none" rather than as missing data.
              const h = Math.max(2, (p.inWeek / maxInWeek) * stripHeight);
              return (
                <rect
                  key={p.week}
                  class={met ? 'weekly-chart__bar weekly-chart__bar--met' : 'weekly-chart__bar'}
                  x={round((x(p.week) ?? LEFT) + bw * 0.15)}
                  y={round(STRIP_BOTTOM - h)}
                  width={round(bw * 0.7)}
                  height={round(h)}
                  fill={met ? COLOR.strong : COLOR.muted}
                />
              );
            })}
        </g>
      )}
    </svg>
  );
}

export function WeeklyTable({ points, evaluation, lang, title, id }: WeeklyChartProps) {
  const t = TEXT[lang];
  const isPercent = evaluation.unit === 'percent';
  const value = (n: number): string => (isPercent ? formatPercent(n, lang) : formatNumber(n, lang));
  return (
    <table class="weekly-table" id={`${id}-table`}>
      <caption>{`${title}: ${t.byWeek}`}</caption>
      <thead>
        <tr>
          <th scope="col">{t.week}</th>
          <th scope="col">{t.inWeek}</th>
          <th scope="col">{t.soFar}</th>
          <th scope="col">{t.pace}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.week}>
            <th scope="row">
              {`${t.weekShort} ${weekNumber(p.week)}, `}
              <time dateTime={p.end}>{shortDate(p.end, lang)}</time>
            </th>
            <td class="num">{formatNumber(p.inWeek, lang)}</td>
            <td class="num">{value(p.current)}</td>
            <td class="num">{value(paceAt(evaluation, p.end))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Week {
  key: string;
  /** The week's last day within the period. */
  end: string;
}

/** Every ISO week the period touches, so the axis shows the whole period and not only the weeks so far. */
function weeksOf(from: string, to: string): Week[] {
  const weeks: Week[] = [];
  for (let start = from; start <= to; ) {
    const sunday = addDays(start, 7 - weekday(start));
    weeks.push({ key: isoWeekKey(start), end: sunday < to ? sunday : to });
    start = addDays(sunday, 1);
  }
  return weeks;
}

/**
 * Months to label: quarters ("jan", "apr", "jul", "okt") for a long period, every month for a short one.
 * A month is labelled only when the period covers its first half, so an ISO year ending 3 January does
 * not get a stray "jan" squeezed against the right edge.
 */
function monthTicks(from: string, to: string): { date: string; month: number }[] {
  const ticks: { date: string; month: number }[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (date > to) break;
    if (date >= from && addDays(date, 14) <= to) ticks.push({ date, month });
    month = (month % 12) + 1;
    if (month === 1) year++;
  }
  return ticks.length > 6 ? ticks.filter((m) => (m.month - 1) % 3 === 0) : ticks;
}

/** Where the target should stand on a day to be met at the period end, if progress were even. */
function paceAt(evaluation: Evaluation, day: string): number {
  const { goal, period, unit } = evaluation;
  if (unit === 'percent') return goal;
  const share = (daysBetween(period.from, day) + 1) / (daysBetween(period.from, period.to) + 1);
  const pace = goal * Math.min(1, Math.max(0, share));
  // Whole units read better for larger goals; small goals need the decimal to show movement.
  return goal >= 10 ? Math.round(pace) : Math.round(pace * 10) / 10;
}

/** One sentence for screen readers: where the target stands and where it should stand. */
function summary(points: WeekPoint[], evaluation: Evaluation, weeksInPeriod: number, lang: Lang): string {
  const { goal, unit } = evaluation;
  const last = points[points.length - 1];
  const isPercent = unit === 'percent';
  const value = (n: number): string => (isPercent ? formatPercent(n, lang) : formatNumber(n, lang));
  if (!last) {
    return lang === 'sv'
      ? `Perioden har inte börjat; målet är ${value(goal)}.`
      : `The period has not started; the target is ${value(goal)}.`;
  }
  const week = weekNumber(last.week);
  const pace = value(paceAt(evaluation, last.end));
  if (isPercent) {
    return lang === 'sv'
      ? `${value(last.current)} till och med vecka ${week}; målet är ${value(goal)}.`
      : `${value(last.current)} by week ${week}; the target is ${value(goal)}.`;
  }
  if (unit === 'intervals') {
    // The evaluation does not say whether the intervals are weeks or months; their number does.
    const weekly = evaluation.intervalsInPeriod === weeksInPeriod;
    const what = lang === 'sv' ? (weekly ? 'veckor' : 'månader') : weekly ? 'weeks' : 'months';
    return lang === 'sv'
      ? `${value(last.current)} av ${value(goal)} ${what} uppfyllda till och med vecka ${week}; takten för målet är ${pace}.`
      : `${value(last.current)} of ${value(goal)} ${what} met by week ${week}; the pace for the target is ${pace}.`;
  }
  return lang === 'sv'
    ? `${value(last.current)} av ${value(goal)} till och med vecka ${week}; takten för målet är ${pace}.`
    : `${value(last.current)} of ${value(goal)} by week ${week}; the pace for the target is ${pace}.`;
}

const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function formatNumber(n: number, lang: Lang): string {
  return lang === 'sv' ? formatNumberSv(n) : enNumber.format(n);
}

/** 7 for '2026-W07'. */
function weekNumber(key: string): number {
  return Number(key.slice(key.indexOf('W') + 1));
}

/** "15 feb 2026" / "15 Feb 2026". */
function shortDate(date: string, lang: Lang): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[lang][Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
