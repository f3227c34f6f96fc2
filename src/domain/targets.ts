// The target engine: evaluates one target against logged (or reported) occurrences for one period.
// Pure and deterministic: "today" always comes from the caller, the clock is never read.
import {
  addDays,
  addMonths,
  daysBetween,
  isoWeekKey,
  isoWeekOf,
  isoWeekStart,
  isoYearRange,
  monthKey,
} from './iso-week.ts';
import type { Season, Target } from './target-schema.ts';

export interface Occurrence {
  date: string;
  /** How many happened on this date (or how many cases this row stands for). Default 1. */
  count?: number;
  /** share, on_request: whether the case was met. */
  ok?: boolean;
  /** response_time: hours it took. */
  hours?: number;
  area?: string;
}

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'missed' | 'not_started';

/** Inclusive dates. */
export interface Period {
  from: string;
  to: string;
}

export type ExplanationCode =
  | 'starts_later'
  | 'nothing_yet'
  | 'count_reached'
  | 'count_needs_more'
  | 'count_short'
  | 'season_needed'
  | 'season_missed'
  | 'max_within'
  | 'max_exceeded'
  | 'exact_reached'
  | 'exact_exceeded'
  | 'intervals_reached'
  | 'needs_more_intervals'
  | 'intervals_out_of_reach'
  | 'intervals_short'
  | 'no_cases'
  | 'share_at_or_above'
  | 'share_below'
  | 'share_failed_case'
  | 'next_due'
  | 'gap_held'
  | 'gap_too_long'
  | 'milestone_done'
  | 'milestone_due'
  | 'milestone_missed'
  | 'all_within'
  | 'late_cases'
  | 'no_requests'
  | 'requests_met'
  | 'request_failed';

export interface Explanation {
  code: ExplanationCode;
  params: Record<string, number | string>;
}

export interface Evaluation {
  rule: Target['rule'];
  status: TargetStatus;
  /** The period evaluated. */
  period: Period;
  /** Count so far, intervals met so far, percent so far (0-100), 1/0 for milestone. */
  current: number;
  /** The target value in the same unit. */
  goal: number;
  unit: 'count' | 'intervals' | 'percent' | 'done';
  /** 0..1 for a progress bar: how far current is toward goal. */
  fraction: number;
  /** Expected value at period end, same unit; null where it makes no sense. */
  forecast: number | null;
  /** recurring: e.g. 53 ISO weeks in 2026. */
  intervalsInPeriod?: number;
  /** recurring: intervals not yet over (including the current one when not yet met). */
  intervalsLeft?: number;
  /** share/on_request/response_time: number of cases so far. */
  cases?: number;
  explanation: Explanation;
}

export interface EvaluationContext {
  today: string;
  period: Period;
}

type CountTarget = Extract<Target, { rule: 'count' }>;
type RecurringTarget = Extract<Target, { rule: 'recurring' }>;
type ShareTarget = Extract<Target, { rule: 'share' }>;
type MaxGapTarget = Extract<Target, { rule: 'max_gap' }>;
type MilestoneTarget = Extract<Target, { rule: 'milestone' }>;
type ResponseTimeTarget = Extract<Target, { rule: 'response_time' }>;
type OnRequestTarget = Extract<Target, { rule: 'on_request' }>;

/** Months of each season. Winter spans the turn of the year (December, January, February). */
export const SEASON_MONTHS: Record<Season, readonly number[]> = {
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
  winter: [12, 1, 2],
};

export function seasonOf(date: string): Season {
  const month = Number(date.slice(5, 7));
  if (month >= 3 && month <= 5) return 'spring';
  if (month >= 6 && month <= 8) return 'summer';
  if (month >= 9 && month <= 11) return 'autumn';
  return 'winter';
}

/** The calendar years a validity period touches, in order. */
export function yearsOf(validity: Period): number[] {
  const years: number[] = [];
  for (let y = yearOf(validity.from); y <= yearOf(validity.to); y++) years.push(y);
  return years;
}

/**
 * The period a target is evaluated over for a year of the promise's validity. per 'year': the calendar
 * year within the validity; a weekly recurring target uses the ISO year's weeks ("årets 52 veckor"),
 * cut to the validity only when the validity does not consist of whole calendar years.
 * per 'whole' and milestones: the validity. Throws RangeError for a year outside the validity.
 */
export function periodFor(target: Target, validity: Period, year: number): Period {
  if (target.rule === 'milestone' || target.per === 'whole') return { from: validity.from, to: validity.to };
  if (yearOf(validity.from) > year || yearOf(validity.to) < year) {
    throw new RangeError(`Year ${year} is outside the validity ${validity.from}..${validity.to}`);
  }
  if (target.rule === 'recurring' && target.every === 'week') {
    const iso = isoYearRange(year);
    return isWholeYears(validity) ? iso : intersect(iso, validity);
  }
  const y = String(year).padStart(4, '0');
  return intersect({ from: `${y}-01-01`, to: `${y}-12-31` }, validity);
}

export function evaluateTarget(
  target: Target,
  occurrences: Occurrence[],
  ctx: EvaluationContext,
): Evaluation {
  const frame = frameOf(ctx);
  const evaluation = evaluateRule(target, relevant(target, occurrences, frame), frame);
  // Before the period nothing can be judged yet, whatever the rule's own figures say.
  if (frame.phase === 'before') {
    return {
      ...evaluation,
      status: 'not_started',
      forecast: null,
      explanation: { code: 'starts_later', params: { from: frame.period.from } },
    };
  }
  return evaluation;
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces

interface Frame {
  today: string;
  period: Period;
  phase: 'before' | 'running' | 'over';
  /** Days in the period. */
  totalDays: number;
  /** Days of the period up to and including today (0 before it, totalDays after it). */
  elapsedDays: number;
  /** Days left including today (0 once over). */
  daysLeft: number;
  /** Within the first 10 % of the period: too early to call an empty record at risk. */
  early: boolean;
}

/** An occurrence that counts, with its weight (count). */
interface Weighted extends Occurrence {
  weight: number;
}

function frameOf({ today, period }: EvaluationContext): Frame {
  const totalDays = Math.max(1, daysBetween(period.from, period.to) + 1);
  const phase = today < period.from ? 'before' : today > period.to ? 'over' : 'running';
  const elapsedDays =
    phase === 'before' ? 0 : phase === 'over' ? totalDays : daysBetween(period.from, today) + 1;
  const daysLeft = phase === 'running' ? totalDays - elapsedDays + 1 : phase === 'before' ? totalDays : 0;
  return { today, period, phase, totalDays, elapsedDays, daysLeft, early: elapsedDays <= totalDays * 0.1 };
}

/** Occurrences inside the period, not after today, in the target's area, with a positive count. */
function relevant(target: Target, occurrences: Occurrence[], f: Frame): Weighted[] {
  const out: Weighted[] = [];
  for (const o of occurrences) {
    if (o.date < f.period.from || o.date > f.period.to || o.date > f.today) continue;
    if (target.area !== undefined && o.area !== target.area) continue;
    const weight = o.count ?? 1;
    if (Number.isFinite(weight) && weight > 0) out.push({ ...o, weight });
  }
  return out;
}

function evaluateRule(target: Target, occ: Weighted[], f: Frame): Evaluation {
  switch (target.rule) {
    case 'count':
      return evaluateCount(target, occ, f);
    case 'recurring':
      return evaluateRecurring(target, occ, f);
    case 'share':
      return evaluateShare(target, occ, f);
    case 'max_gap':
      return evaluateMaxGap(target, occ, f);
    case 'milestone':
      return evaluateMilestone(target, occ, f);
    case 'response_time':
      return evaluateResponseTime(target, occ, f);
    case 'on_request':
      return evaluateOnRequest(target, occ, f);
  }
}

type Figures = Pick<Evaluation, 'current' | 'goal' | 'unit' | 'forecast'> &
  Partial<Pick<Evaluation, 'fraction' | 'intervalsInPeriod' | 'intervalsLeft' | 'cases'>>;

type Judge = (
  status: TargetStatus,
  code: ExplanationCode,
  params?: Record<string, number | string>,
) => Evaluation;

/** Binds a rule's figures so each outcome below is one line: status, explanation code, params. */
function judge(rule: Target['rule'], f: Frame, figures: Figures): Judge {
  return (status, code, params = {}) => ({
    rule,
    status,
    period: f.period,
    ...figures,
    fraction: figures.fraction ?? progress(figures.current, figures.goal),
    explanation: { code, params },
  });
}

function progress(current: number, goal: number): number {
  if (goal <= 0) return 1;
  return Math.min(1, Math.max(0, current / goal));
}

function sum(occ: Weighted[]): number {
  return occ.reduce((total, o) => total + o.weight, 0);
}

/** The rate so far carried on to the period end. */
function linearForecast(current: number, f: Frame): number | null {
  if (f.phase === 'before') return null;
  if (f.phase === 'over') return current;
  return (current / f.elapsedDays) * f.totalDays;
}

// ---------------------------------------------------------------------------------------------------
// count

function evaluateCount(t: CountTarget, occ: Weighted[], f: Frame): Evaluation {
  const current = sum(occ);
  const figures: Figures = { current, goal: t.value, unit: 'count', forecast: linearForecast(current, f) };
  if (t.comparator === '<=') return evaluateMaximum(figures, f);
  if (t.comparator === '==') return evaluateExact(figures, f);
  return evaluateMinimum(t, occ, figures, f);
}

function evaluateMinimum(t: CountTarget, occ: Weighted[], figures: Figures, f: Frame): Evaluation {
  const { current, goal } = figures;
  const missing = missingSeasons(t.seasons ?? [], occ);
  const v = judge('count', f, figures);
  if (current >= goal && missing.length === 0) return v('achieved', 'count_reached', { current, goal });
  if (f.phase === 'over' && current < goal) return v('missed', 'count_short', { current, goal });
  const lost = missing.find((s) => f.phase === 'over' || !seasonAhead(s, f.today, f.period.to));
  if (lost) return v('missed', 'season_missed', { season: lost });
  if (current === 0 && f.early) return v('not_started', 'nothing_yet', { goal });
  const status = (figures.forecast ?? 0) >= goal ? 'on_track' : 'at_risk';
  const season = missing[0];
  if (current >= goal && season) return v(status, 'season_needed', { season });
  return v(status, 'count_needs_more', { needed: goal - current, goal, daysLeft: f.daysLeft });
}

/** A maximum ("högst"): fine until exceeded. The fraction shows how much of the allowance is used. */
function evaluateMaximum(figures: Figures, f: Frame): Evaluation {
  const { current, goal } = figures;
  const used = goal === 0 ? (current > 0 ? 1 : 0) : Math.min(1, current / goal);
  const v = judge('count', f, { ...figures, fraction: used });
  if (current > goal) return v('missed', 'max_exceeded', { current, goal });
  return v(f.phase === 'over' ? 'achieved' : 'on_track', 'max_within', { current, goal });
}

function evaluateExact(figures: Figures, f: Frame): Evaluation {
  const { current, goal } = figures;
  const v = judge('count', f, figures);
  if (current > goal) return v('missed', 'exact_exceeded', { current, goal });
  if (f.phase === 'over') {
    return current === goal
      ? v('achieved', 'exact_reached', { current, goal })
      : v('missed', 'count_short', { current, goal });
  }
  if (current === goal) return v('on_track', 'exact_reached', { current, goal });
  if (current === 0 && f.early) return v('not_started', 'nothing_yet', { goal });
  const status = (figures.forecast ?? 0) >= goal ? 'on_track' : 'at_risk';
  return v(status, 'count_needs_more', { needed: goal - current, goal, daysLeft: f.daysLeft });
}

function missingSeasons(seasons: Season[], occ: Weighted[]): Season[] {
  const seen = new Set(occ.map((o) => seasonOf(o.date)));
  return seasons.filter((s) => !seen.has(s));
}

/** Whether some day from `from` to `to` still falls in the season. */
function seasonAhead(season: Season, from: string, to: string): boolean {
  // Seasons repeat yearly, so twelve months from `from` decide it.
  let month = `${monthKey(from)}-01`;
  for (let i = 0; i < 12 && month <= to; i++) {
    if (SEASON_MONTHS[season].includes(Number(month.slice(5, 7)))) return true;
    month = addMonths(month, 1);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// recurring

interface Interval {
  key: string;
  /** Last day of the interval within the period. */
  end: string;
}

/** The ISO weeks or months that overlap the period. */
export function intervalsOf(every: 'week' | 'month', period: Period): Interval[] {
  const out: Interval[] = [];
  const first = isoWeekOf(period.from);
  let start = every === 'week' ? isoWeekStart(first.year, first.week) : `${monthKey(period.from)}-01`;
  while (start <= period.to) {
    const next = every === 'week' ? addDays(start, 7) : addMonths(start, 1);
    const last = addDays(next, -1);
    out.push({ key: intervalKey(every, start), end: earlierDate(last, period.to) });
    start = next;
  }
  return out;
}

function intervalKey(every: 'week' | 'month', date: string): string {
  return every === 'week' ? isoWeekKey(date) : monthKey(date);
}

function evaluateRecurring(t: RecurringTarget, occ: Weighted[], f: Frame): Evaluation {
  const intervals = intervalsOf(t.every, f.period);
  const sums = new Map<string, number>();
  for (const o of occ) {
    const key = intervalKey(t.every, o.date);
    sums.set(key, (sums.get(key) ?? 0) + o.weight);
  }
  const isMet = (i: Interval) => (sums.get(i.key) ?? 0) >= t.minPerInterval;
  const met = intervals.filter(isMet).length;
  const left = intervals.filter((i) => i.end >= f.today && !isMet(i)).length;
  const goal = t.minIntervals ?? intervals.length;
  // Intervals already decided (over, or met early) give the hit rate carried on to the ones left.
  const decided = intervals.length - left;
  const forecast = f.phase === 'before' ? null : met + (decided > 0 ? (met / decided) * left : 0);
  const figures: Figures = {
    current: met,
    goal,
    unit: 'intervals',
    forecast,
    intervalsInPeriod: intervals.length,
    intervalsLeft: left,
  };
  const unit = t.every;
  const v = judge('recurring', f, figures);
  if (met >= goal) return v('achieved', 'intervals_reached', { met, goal, unit });
  if (met + left < goal) {
    if (f.phase === 'over') return v('missed', 'intervals_short', { met, goal, unit });
    return v('missed', 'intervals_out_of_reach', { needed: goal - met, left, unit });
  }
  if (met === 0 && f.early) return v('not_started', 'nothing_yet', { goal });
  const status = (forecast ?? 0) >= goal ? 'on_track' : 'at_risk';
  return v(status, 'needs_more_intervals', { needed: goal - met, left, unit });
}

// ---------------------------------------------------------------------------------------------------
// share, response_time, on_request: cases that are met or not

interface Tally {
  cases: number;
  ok: number;
}

function tally(occ: Weighted[], isCase: (o: Weighted) => boolean, isOk: (o: Weighted) => boolean): Tally {
  let cases = 0;
  let ok = 0;
  for (const o of occ) {
    if (!isCase(o)) continue;
    cases += o.weight;
    if (isOk(o)) ok += o.weight;
  }
  return { cases, ok };
}

function percentOf({ cases, ok }: Tally): number {
  return cases > 0 ? (100 * ok) / cases : 0;
}

function evaluateShare(t: ShareTarget, occ: Weighted[], f: Frame): Evaluation {
  const counts = tally(
    occ,
    (o) => o.ok !== undefined,
    (o) => o.ok === true,
  );
  const { cases, ok } = counts;
  const percent = percentOf(counts);
  const goal = t.minPercent;
  const figures: Figures = {
    current: percent,
    goal,
    unit: 'percent',
    forecast: cases > 0 ? percent : null,
    cases,
  };
  const v = judge('share', f, figures);
  // No cases means nothing to show: not started while running, not met once the period is over.
  if (cases === 0) return v(f.phase === 'over' ? 'missed' : 'not_started', 'no_cases', {});
  if (goal >= 100 && ok < cases) return v('missed', 'share_failed_case', { failed: cases - ok, cases });
  const params = { percent, goal, ok, cases };
  // Compared as products so 1 of 5 is exactly 20 % without rounding noise.
  const meets = 100 * ok >= goal * cases;
  if (f.phase === 'over')
    return meets ? v('achieved', 'share_at_or_above', params) : v('missed', 'share_below', params);
  return meets ? v('on_track', 'share_at_or_above', params) : v('at_risk', 'share_below', params);
}

function evaluateResponseTime(t: ResponseTimeTarget, occ: Weighted[], f: Frame): Evaluation {
  const counts = tally(
    occ,
    (o) => o.hours !== undefined,
    (o) => (o.hours ?? Number.POSITIVE_INFINITY) <= t.maxHours,
  );
  const { cases, ok } = counts;
  const percent = percentOf(counts);
  const figures: Figures = {
    current: percent,
    goal: 100,
    unit: 'percent',
    forecast: cases > 0 ? percent : null,
    cases,
  };
  const v = judge('response_time', f, figures);
  if (ok < cases) return v('missed', 'late_cases', { late: cases - ok, cases, maxHours: t.maxHours });
  if (cases === 0) return v(f.phase === 'over' ? 'missed' : 'not_started', 'no_cases', {});
  return v(f.phase === 'over' ? 'achieved' : 'on_track', 'all_within', { cases, maxHours: t.maxHours });
}

function evaluateOnRequest(_t: OnRequestTarget, occ: Weighted[], f: Frame): Evaluation {
  const counts = tally(
    occ,
    (o) => o.ok !== undefined,
    (o) => o.ok === true,
  );
  const { cases, ok } = counts;
  // No requests means every request was met: shown as full, not as 0 %.
  const percent = cases > 0 ? percentOf(counts) : 100;
  const figures: Figures = {
    current: percent,
    goal: 100,
    unit: 'percent',
    forecast: cases > 0 ? percent : null,
    cases,
  };
  const v = judge('on_request', f, figures);
  if (ok < cases) return v('missed', 'request_failed', { failed: cases - ok, cases });
  const status = f.phase === 'over' ? 'achieved' : 'on_track';
  return cases === 0 ? v(status, 'no_requests', {}) : v(status, 'requests_met', { cases });
}

// ---------------------------------------------------------------------------------------------------
// max_gap

/** The last day the next one may fall on, given the previous one (or the day before the period). */
function nextDue(previous: string, months: number): string {
  return addMonths(previous, months);
}

/** The fewest occurrences that keep every stretch of `months` months in the period covered. */
export function fewestForGap(period: Period, months: number): number {
  let previous = addDays(period.from, -1);
  let n = 0;
  for (let due = nextDue(previous, months); due <= period.to; due = nextDue(previous, months)) {
    previous = due;
    n++;
  }
  return n;
}

function evaluateMaxGap(t: MaxGapTarget, occ: Weighted[], f: Frame): Evaluation {
  const figures: Figures = {
    current: sum(occ),
    goal: fewestForGap(f.period, t.months),
    unit: 'count',
    forecast: null,
  };
  const months = t.months;
  const v = judge('max_gap', f, figures);
  const dates = [...new Set(occ.map((o) => o.date))].sort();
  let previous = addDays(f.period.from, -1);
  for (const date of dates) {
    const due = nextDue(previous, months);
    if (date > due && due <= f.period.to)
      return v('missed', 'gap_too_long', { from: addDays(previous, 1), to: due, months });
    previous = date;
  }
  const due = nextDue(previous, months);
  const dueInPeriod = due <= f.period.to;
  if (dueInPeriod && due < f.today)
    return v('missed', 'gap_too_long', { from: addDays(previous, 1), to: due, months });
  if (f.phase === 'over') return v('achieved', 'gap_held', { months });
  if (dates.length === 0 && f.early) return v('not_started', 'nothing_yet', { goal: figures.goal });
  if (!dueInPeriod) return v('on_track', 'gap_held', { months });
  // At risk once more than three quarters of the allowed gap is used.
  const used = daysBetween(previous, f.today) / daysBetween(previous, due);
  return v(used > 0.75 ? 'at_risk' : 'on_track', 'next_due', { date: due, months });
}

// ---------------------------------------------------------------------------------------------------
// milestone

function evaluateMilestone(t: MilestoneTarget, occ: Weighted[], f: Frame): Evaluation {
  const done = occ
    .map((o) => o.date)
    .filter((d) => d <= t.deadline)
    .sort()[0];
  const current = done ? 1 : 0;
  const figures: Figures = { current, goal: 1, unit: 'done', forecast: null, fraction: current };
  const v = judge('milestone', f, figures);
  if (done) return v('achieved', 'milestone_done', { date: done });
  if (f.today > t.deadline || f.phase === 'over')
    return v('missed', 'milestone_missed', { deadline: t.deadline });
  if (f.early) return v('not_started', 'nothing_yet', { goal: 1 });
  const daysLeft = daysBetween(f.today, t.deadline);
  return v(daysLeft < 30 ? 'at_risk' : 'on_track', 'milestone_due', { deadline: t.deadline, daysLeft });
}

// ---------------------------------------------------------------------------------------------------
// Period helpers

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** True when the validity runs from a 1 January to a 31 December. */
function isWholeYears(validity: Period): boolean {
  return validity.from.slice(5) === '01-01' && validity.to.slice(5) === '12-31';
}

// Dates are 'YYYY-MM-DD' strings, so string order is date order (Math.min/max would not apply).
function earlierDate(a: string, b: string): string {
  return a < b ? a : b;
}

function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}

function intersect(a: Period, b: Period): Period {
  const from = laterDate(a.from, b.from);
  const to = earlierDate(a.to, b.to);
  if (from > to) throw new RangeError(`Periods ${a.from}..${a.to} and ${b.from}..${b.to} do not overlap`);
  return { from, to };
}
