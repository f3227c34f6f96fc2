// Plain sentences for target evaluations, Swedish first and English. Swedish text uses Swedish number
// formatting ("1 234", "93 %", non-breaking spaces) and dates like "25 november 2026".
import type { Season, Target } from './target-schema.ts';
import type { Evaluation, TargetStatus } from './targets.ts';

export type Lang = 'sv' | 'en';

const NBSP = '\u00a0';

const STATUS_LABELS: Record<TargetStatus, Record<Lang, string>> = {
  achieved: { sv: 'Uppnått', en: 'Achieved' },
  on_track: { sv: 'I fas', en: 'On track' },
  at_risk: { sv: 'I riskzonen', en: 'At risk' },
  missed: { sv: 'Ej uppnått', en: 'Missed' },
  not_started: { sv: 'Ej påbörjat', en: 'Not started' },
};

/** Swedish month names, January first (also what police event titles say: "22 augusti 03.47"). */
export const SWEDISH_MONTHS: readonly string[] = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

const MONTHS: Record<Lang, readonly string[]> = {
  sv: SWEDISH_MONTHS,
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

// "under våren" / "in spring".
const SEASONS: Record<Season, Record<Lang, string>> = {
  spring: { sv: 'våren', en: 'spring' },
  summer: { sv: 'sommaren', en: 'summer' },
  autumn: { sv: 'hösten', en: 'autumn' },
  winter: { sv: 'vintern', en: 'winter' },
};

// [singular, plural] per unit of time.
const UNITS: Record<string, Record<Lang, readonly [string, string]>> = {
  week: { sv: ['vecka', 'veckor'], en: ['week', 'weeks'] },
  month: { sv: ['månad', 'månader'], en: ['month', 'months'] },
  day: { sv: ['dag', 'dagar'], en: ['day', 'days'] },
  hour: { sv: ['timme', 'timmar'], en: ['hour', 'hours'] },
};

export function statusLabel(status: TargetStatus, lang: Lang): string {
  return STATUS_LABELS[status][lang];
}

const svNumber = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "1 234", "2,5" (non-breaking space between thousands). */
export function formatNumberSv(n: number): string {
  return svNumber.format(n);
}

/** A count or figure in the page's language: "1 234" (sv, non-breaking space) / "1,234" (en). */
export function formatNumber(n: number, lang: Lang): string {
  return lang === 'sv' ? formatNumberSv(n) : enNumber.format(n);
}

/** A percent given as 0-100: "93 %" (sv, non-breaking space) / "93%" (en). */
export function formatPercent(n: number, lang: Lang): string {
  // Cut to one decimal rather than rounded, so 99.96 % never reads as 100 %.
  const cut = Math.trunc(n * 10) / 10;
  return lang === 'sv' ? `${formatNumberSv(cut)}${NBSP}%` : `${enNumber.format(cut)}%`;
}

/** "mars 2026" (sv) / "March 2026" (en) for any date in the month, e.g. '2026-03-01'. */
export function formatMonth(date: string, lang: Lang): string {
  return `${monthName(date, lang)} ${Number(date.slice(0, 4))}`;
}

/** "mars" (sv) / "March" (en) for any date in the month. */
export function monthName(date: string, lang: Lang): string {
  return MONTHS[lang][Number(date.slice(5, 7)) - 1] ?? '';
}

/** "25 november 2026" (sv) / "25 November 2026" (en) for '2026-11-25'. */
export function formatDate(date: string, lang: Lang): string {
  return `${Number(date.slice(8, 10))} ${monthName(date, lang)} ${Number(date.slice(0, 4))}`;
}

/** One plain sentence explaining an evaluation. */
export function describeEvaluation(ev: Evaluation, target: Target, lang: Lang): string {
  const w = new Words(ev, target, lang);
  return lang === 'sv' ? swedish(ev, w) : english(ev, w);
}

/** Reads and formats an evaluation's explanation params. */
class Words {
  constructor(
    private readonly ev: Evaluation,
    readonly target: Target,
    private readonly lang: Lang,
  ) {}

  num(key: string): string {
    return formatNumber(this.raw(key), this.lang);
  }

  raw(key: string): number {
    return Number(this.ev.explanation.params[key] ?? 0);
  }

  str(key: string): string {
    return String(this.ev.explanation.params[key] ?? '');
  }

  pct(key: string): string {
    return formatPercent(this.raw(key), this.lang);
  }

  date(key: string): string {
    return formatDate(this.str(key), this.lang);
  }

  /** "14 veckor", "1 vecka". */
  amount(key: string, unit: string): string {
    return `${this.num(key)} ${this.unit(unit, this.raw(key))}`;
  }

  unit(unit: string, n: number): string {
    const forms = UNITS[unit]?.[this.lang] ?? [unit, unit];
    return n === 1 ? forms[0] : forms[1];
  }

  season(key: string): string {
    const season = this.str(key) as Season;
    return SEASONS[season]?.[this.lang] ?? season;
  }

  /** The target's goal as a percent, "alla"/"every case" for 100. */
  shareGoal(): string {
    if (this.raw('goal') >= 100) return this.lang === 'sv' ? 'alla' : 'all';
    return `${this.lang === 'sv' ? 'minst' : 'at least'} ${this.pct('goal')}`;
  }

  get metric(): string {
    return this.target.metric;
  }

  /** What a share is taken of, e.g. "ärenden". */
  get of(): string {
    return this.target.rule === 'share' ? this.target.of : 'ärenden';
  }

  get over(): boolean {
    return this.ev.status === 'achieved' || this.ev.status === 'missed';
  }
}

function swedish(ev: Evaluation, w: Words): string {
  const unit = w.str('unit');
  switch (ev.explanation.code) {
    case 'starts_later':
      return `Perioden börjar ${w.date('from')}.`;
    case 'nothing_yet':
      return 'Inget har registrerats ännu.';
    case 'count_reached':
      return `Målet är nått: ${w.num('current')} ${w.metric} (mål: ${w.num('goal')}).`;
    case 'count_needs_more':
      return `Behöver ${w.num('needed')} till av ${w.num('goal')} ${w.metric} ${svWithin(w, 'daysLeft', 'day')}.`;
    case 'count_short':
      return `Bara ${w.num('current')} av ${w.num('goal')} ${w.metric} registrerades.`;
    case 'season_needed':
      return `Antalet är nått, men det behövs minst en under ${w.season('season')} också.`;
    case 'season_missed':
      return `Målet krävde minst en under ${w.season('season')}, men det blev ingen.`;
    case 'max_within':
      return `${w.num('current')} registrerade, inom gränsen på högst ${w.num('goal')} ${w.metric}.`;
    case 'max_exceeded':
      return `Högst ${w.num('goal')} ${w.metric} var målet, men ${w.num('current')} har registrerats.`;
    case 'exact_reached':
      return `Antalet ${w.metric} är ${w.num('current')}, precis som målet anger.`;
    case 'exact_exceeded':
      return `Målet var exakt ${w.num('goal')} ${w.metric}, men ${w.num('current')} har registrerats.`;
    case 'intervals_reached':
      return `Målet på ${w.amount('goal', unit)} är nått: ${w.amount('met', unit)} med ${w.metric}.`;
    case 'needs_more_intervals':
      return `Behöver ${w.amount('needed', unit)} till med ${w.metric} ${svWithin(w, 'left', unit)}.`;
    case 'intervals_out_of_reach':
      return `Behöver ${w.amount('needed', unit)} till med ${w.metric}, men ${svOnlyLeft(w, unit)}, så målet kan inte längre nås.`;
    case 'intervals_short':
      return `Bara ${w.num('met')} av ${w.amount('goal', unit)} hade ${w.metric}.`;
    case 'no_cases':
      return w.over ? `Inga ${w.of} registrerades under perioden.` : `Inga ${w.of} har registrerats ännu.`;
    case 'share_at_or_above':
      return `Andelen är ${w.pct('percent')} av ${w.num('cases')} ${w.of}; målet är ${w.shareGoal()}.`;
    case 'share_below':
      return `Andelen är ${w.pct('percent')} av ${w.num('cases')} ${w.of}, under målet på ${w.shareGoal()}.`;
    case 'share_failed_case':
      return `${w.num('failed')} av ${w.num('cases')} ${w.of} uppfyllde inte kravet, som gäller alla.`;
    case 'next_due':
      return `Nästa behöver ske senast ${w.date('date')}.`;
    case 'gap_held':
      return `Det har inte gått mer än ${w.amount('months', 'month')} utan någon.`;
    case 'gap_too_long':
      return `Inget registrerades från ${w.date('from')} till ${w.date('to')}, så det gick mer än ${w.amount('months', 'month')} utan någon.`;
    case 'milestone_done':
      return `Klart ${w.date('date')}.`;
    case 'milestone_due':
      return `Ska vara klart senast ${svDeadline(w)}, ${svInDays(w)}.`;
    case 'milestone_missed':
      return `Skulle ha varit klart senast ${svDeadline(w)}.`;
    case 'all_within':
      return w.raw('cases') === 1
        ? `Det enda ärendet hanterades inom ${w.amount('maxHours', 'hour')}.`
        : `Alla ${w.num('cases')} ärenden hanterades inom ${w.amount('maxHours', 'hour')}.`;
    case 'late_cases':
      return `${w.num('late')} av ${w.num('cases')} ärenden tog längre tid än ${w.amount('maxHours', 'hour')}.`;
    case 'no_requests':
      return 'Inga önskemål har kommit in.';
    case 'requests_met':
      return `Alla ${w.num('cases')} önskemål har tillgodosetts.`;
    case 'request_failed':
      return `${w.num('failed')} av ${w.num('cases')} önskemål tillgodosågs inte.`;
  }
}

/** "under de 14 veckor som återstår" / "under den vecka som återstår". */
function svWithin(w: Words, key: string, unit: string): string {
  const n = w.raw(key);
  return n === 1
    ? `under den ${w.unit(unit, 1)} som återstår`
    : `under de ${w.amount(key, unit)} som återstår`;
}

/** "bara 6 veckor återstår" / "bara 1 vecka återstår" / "inga veckor återstår". */
function svOnlyLeft(w: Words, unit: string): string {
  const n = w.raw('left');
  return n === 0 ? `inga ${w.unit(unit, 2)} återstår` : `bara ${w.amount('left', unit)} återstår`;
}

/** The deadline as the promise words it when it does ("våren 2024"), else the date. */
function svDeadline(w: Words): string {
  const t = w.target;
  return t.rule === 'milestone' && t.deadlineText ? t.deadlineText : w.date('deadline');
}

function svInDays(w: Words): string {
  const n = w.raw('daysLeft');
  if (n === 0) return 'alltså i dag';
  return `om ${w.amount('daysLeft', 'day')}`;
}

function english(ev: Evaluation, w: Words): string {
  const unit = w.str('unit');
  switch (ev.explanation.code) {
    case 'starts_later':
      return `The period starts on ${w.date('from')}.`;
    case 'nothing_yet':
      return 'Nothing has been logged yet.';
    case 'count_reached':
      return `Target met: ${w.num('current')} logged (target ${w.num('goal')}).`;
    case 'count_needs_more':
      return `Needs ${w.num('needed')} more of ${w.num('goal')} ${enLeft(w, 'daysLeft', 'day')}.`;
    case 'count_short':
      return `Only ${w.num('current')} of ${w.num('goal')} were logged.`;
    case 'season_needed':
      return `The number is reached, but at least one is still needed in ${w.season('season')}.`;
    case 'season_missed':
      return `The target needed at least one in ${w.season('season')}, but there was none.`;
    case 'max_within':
      return `${w.num('current')} logged, within the limit of at most ${w.num('goal')}.`;
    case 'max_exceeded':
      return `The target was at most ${w.num('goal')}, but ${w.num('current')} have been logged.`;
    case 'exact_reached':
      return `The count is ${w.num('current')}, exactly as targeted.`;
    case 'exact_exceeded':
      return `The target was exactly ${w.num('goal')}, but ${w.num('current')} have been logged.`;
    case 'intervals_reached':
      return `The target of ${w.amount('goal', unit)} is met: ${w.amount('met', unit)} qualified.`;
    case 'needs_more_intervals':
      return `Needs ${w.num('needed')} more qualifying ${w.unit(unit, w.raw('needed'))} ${enLeft(w, 'left', unit)}.`;
    case 'intervals_out_of_reach':
      return `Needs ${w.num('needed')} more qualifying ${w.unit(unit, w.raw('needed'))}, but ${enOnlyLeft(w, unit)}, so the target can no longer be met.`;
    case 'intervals_short':
      return `Only ${w.num('met')} of the ${w.amount('goal', unit)} required qualified.`;
    case 'no_cases':
      return w.over ? 'No cases were logged in the period.' : 'No cases have been logged yet.';
    case 'share_at_or_above':
      return `The share is ${w.pct('percent')} of ${w.num('cases')} cases; the target is ${w.shareGoal()}.`;
    case 'share_below':
      return `The share is ${w.pct('percent')} of ${w.num('cases')} cases, below the target of ${w.shareGoal()}.`;
    case 'share_failed_case':
      return `${w.num('failed')} of ${w.num('cases')} cases did not meet the requirement, which covers every case.`;
    case 'next_due':
      return `The next one is due by ${w.date('date')}.`;
    case 'gap_held':
      return `No more than ${w.amount('months', 'month')} have passed without one.`;
    case 'gap_too_long':
      return `Nothing was logged from ${w.date('from')} to ${w.date('to')}, so more than ${w.amount('months', 'month')} passed without one.`;
    case 'milestone_done':
      return `Done on ${w.date('date')}.`;
    case 'milestone_due':
      return `Due by ${w.date('deadline')}, ${enInDays(w)}.`;
    case 'milestone_missed':
      return `Was due by ${w.date('deadline')}.`;
    case 'all_within':
      return w.raw('cases') === 1
        ? `The one case was handled within ${w.amount('maxHours', 'hour')}.`
        : `All ${w.num('cases')} cases were handled within ${w.amount('maxHours', 'hour')}.`;
    case 'late_cases':
      return `${w.num('late')} of ${w.num('cases')} cases took longer than ${w.amount('maxHours', 'hour')}.`;
    case 'no_requests':
      return 'No requests have come in.';
    case 'requests_met':
      return `All ${w.num('cases')} requests have been met.`;
    case 'request_failed':
      return `${w.num('failed')} of ${w.num('cases')} requests were not met.`;
  }
}

/** "in the 14 weeks left" / "in the one week left". */
function enLeft(w: Words, key: string, unit: string): string {
  return w.raw(key) === 1 ? `in the one ${w.unit(unit, 1)} left` : `in the ${w.amount(key, unit)} left`;
}

function enOnlyLeft(w: Words, unit: string): string {
  const n = w.raw('left');
  if (n === 0) return `no ${w.unit(unit, 2)} are left`;
  return `only ${w.amount('left', unit)} ${n === 1 ? 'is' : 'are'} left`;
}

function enInDays(w: Words): string {
  return w.raw('daysLeft') === 0 ? 'that is today' : `in ${w.amount('daysLeft', 'day')}`;
}
